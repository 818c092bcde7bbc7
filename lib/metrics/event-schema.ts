import { z } from 'zod';
import { ERROR_CODES } from '../messaging/envelope';

/**
 * The metrics vocabulary (issue #9), kept free of storage so lib/messaging/protocol.ts can import it.
 * Events never carry ticket text: only ids, the ticket hash (lib/db/ticket-hash.ts), field names,
 * numbers and enums. The schemas are strict so a caller cannot smuggle a subject line or a
 * customer's words into `data`.
 */

/** A template or field id: short and identifier-like, so free text cannot pass as a name. */
const Name = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,80}$/, 'Expected an identifier (letters, digits, _ . : -), not free text.');
/** SHA-256 hex from ticketHash(): the desk's ticket key never appears in clear. */
const TicketHash = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'Expected a ticket hash (64 hex chars) from ticketHash().');
const Count = z.number().int().min(0).max(1_000_000);
const Millis = z.number().min(0).max(86_400_000);
export const EventMode = z.enum(['shadow', 'assist']);
export type EventMode = z.infer<typeof EventMode>;
const ProviderKind = z.enum(['openai', 'local']);
/** Model names are configuration, not ticket text; still kept short and identifier-like. */
const ModelName = z.string().regex(/^[A-Za-z0-9_.:/@+-]{1,100}$/);
const Code = z.enum(ERROR_CODES);

/**
 * The adapter id: 'demo', 'zendesk'... or 'generic:<desk name>' where an admin named the desk (letters,
 * spaces): configuration, not ticket text.
 */
const Site = z.string().regex(/^[\p{L}\p{N} _.:/@+-]{1,100}$/u, 'Expected a site id.');
const base = { site: Site, ticketHash: TicketHash };
const forTemplate = { ...base, templateId: Name };
const forField = { ...forTemplate, field: Name };

/** Field counts by status at the time the suggestion was ready: the grounding rate's inputs. */
export const StatusCounts = z.strictObject({
  filled: Count,
  missing: Count,
  conflict: Count,
  stale: Count,
  unsupported: Count,
});
export type StatusCounts = z.infer<typeof StatusCounts>;

/** Every event type and its data. `mode` tells shadow from assist so baselines can be measured. */
export const MetricEvent = z.discriminatedUnion('type', [
  /** The panel showed this ticket (first one per ticket starts the cycle-time clock). */
  z.strictObject({ type: z.literal('panel.opened'), ...base, templateId: Name.optional() }),
  z.strictObject({
    type: z.literal('suggestion.requested'),
    ...forTemplate,
    data: z.strictObject({ mode: EventMode }),
  }),
  z.strictObject({
    type: z.literal('suggestion.ready'),
    ...forTemplate,
    data: z.strictObject({
      mode: EventMode,
      latencyMs: Millis,
      provider: ProviderKind,
      model: ModelName,
      /** Escalation flags raised with it (the override rate's denominator side). */
      flags: Count.default(0),
      ...StatusCounts.shape,
    }),
  }),
  z.strictObject({
    type: z.literal('suggestion.failed'),
    ...forTemplate,
    data: z.strictObject({
      mode: EventMode,
      code: Code,
      latencyMs: Millis.optional(),
      provider: ProviderKind.optional(),
    }),
  }),
  /** The agent changed a field's value (one per edit: touchpoints count them). */
  z.strictObject({ type: z.literal('field.edited'), ...forField }),
  /** The agent accepted a field's suggested value unchanged. */
  z.strictObject({
    type: z.literal('field.accepted'),
    ...forField,
    data: z.strictObject({ auto: z.boolean().default(false) }).optional(),
  }),
  /** The template was written into the page (ends the cycle). */
  z.strictObject({
    type: z.literal('applied'),
    ...forTemplate,
    data: z.strictObject({ mode: EventMode, fields: Count }),
  }),
  /** The agent escalated (followed the flags). */
  z.strictObject({
    type: z.literal('escalated'),
    ...base,
    templateId: Name.optional(),
    data: z.strictObject({ flags: Count }),
  }),
  /** The agent dismissed flags (an override of the escalation). */
  z.strictObject({
    type: z.literal('dismissed'),
    ...base,
    templateId: Name.optional(),
    data: z.strictObject({ flags: Count }),
  }),
  /** A shadow-mode apply compared with the hidden suggestion (after corrections.record). */
  z.strictObject({
    type: z.literal('shadow.recorded'),
    ...forTemplate,
    data: z.strictObject({ fields: Count, agreed: Count, corrected: Count }),
  }),
  /** A template's mode changed: automatically by readiness, or by the team lead. */
  z.strictObject({
    type: z.literal('template.promoted'),
    site: Site.default('deskmate'),
    /** The ticket whose comparison met the threshold; none when the team lead promoted. */
    ticketHash: TicketHash.optional(),
    templateId: Name,
    data: z.strictObject({ from: EventMode, to: EventMode, by: z.enum(['auto', 'lead']), tickets: Count }),
  }),
  z.strictObject({
    type: z.literal('error'),
    ...base,
    templateId: Name.optional(),
    data: z.strictObject({ code: Code, where: Name }),
  }),
]);
export type MetricEvent = z.input<typeof MetricEvent>;
export type MetricEventType = z.output<typeof MetricEvent>['type'];

/** Every event type, for filters and the dashboard. */
export const EVENT_TYPES = MetricEvent.options.map((o) => o.shape.type.value) as MetricEventType[];
