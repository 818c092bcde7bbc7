import { z } from 'zod';
import { TicketContext } from '../context/ticket-context';
import type { MessageSpec } from '../messaging/spec';
import { FieldValue, Suggestion } from '../templates/suggestion';

const FIELD_KINDS = ['enum', 'text', 'long-text', 'number', 'money', 'date', 'entity', 'list'] as const;
const TEXT_TARGETS = ['reply', 'internal-note'] as const;

/** A template as the panel sees it: serializable, no zod objects (lib/templates/define.ts TemplateInfo). */
export const TemplateInfoSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
  riskSignals: z.boolean(),
  fields: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      description: z.string(),
      required: z.boolean(),
      kind: z.enum(FIELD_KINDS),
      options: z.array(z.string()).optional(),
      applyTo: z.enum(TEXT_TARGETS).optional(),
      feedsEscalation: z.boolean().optional(),
      question: z.string().optional(),
      composed: z.boolean().optional(),
      local: z.string().optional(),
      labels: z.array(z.string()).optional(),
      bind: z.array(z.string()).optional(),
      /** The desk field this field reads its options from and writes to on this page, or why none (issue #16). */
      binding: z
        .union([
          z.object({
            deskField: z.string(),
            deskLabel: z.string(),
            writable: z.boolean(),
            whyNot: z.string().optional(),
            excluded: z.array(z.string()).optional(),
          }),
          z.object({ reason: z.string() }),
        ])
        .optional(),
    }),
  ),
});

const RequestId = z.string().min(1).max(100);

/** The suggestion pipeline's background messages (spread into `backgroundMessages`). */
export const suggestMessages = {
  /**
   * Pre-fill a template for the ticket. Progress arrives as `suggest.progress` panel events with the
   * same requestId (lib/messaging/panel-events.ts); the reply is the grounded Suggestion.
   */
  'suggest.run': {
    from: ['panel'],
    request: z.object({
      requestId: RequestId,
      context: TicketContext,
      templateId: z.string().min(1),
      /** The agent's guidance for this run ("the order is the second one"). */
      instruction: z.string().max(2000).optional(),
      /** Regenerate only these fields. */
      fields: z.array(z.string()).optional(),
      /** Values the agent sees now (for a partial regeneration). */
      previous: z.record(z.string(), FieldValue).optional(),
      /** Use the on-device engine for this run only (the agent's next step after a provider error). */
      engine: z.literal('local').optional(),
    }),
    response: Suggestion,
  },
  /** Stop a running `suggest.run` (it then fails with `cancelled`). */
  'suggest.cancel': {
    from: ['panel'],
    request: z.object({ requestId: RequestId }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Templates in force (built-ins minus disabled + valid custom), the best pick for the ticket, and custom-template errors. */
  'templates.list': {
    from: ['panel', 'options'],
    request: z.object({ context: z.optional(TicketContext) }),
    response: z.object({
      templates: z.array(TemplateInfoSchema),
      /** Best first; undefined when there are no templates. */
      suggested: z.string().optional(),
      ranking: z.array(z.string()),
      problems: z.array(
        z.object({ index: z.number().int(), id: z.string().optional(), errors: z.array(z.string()) }),
      ),
    }),
  },
  /**
   * Check endpoint, key and model with a one-token call. With `provider`, test those values before
   * saving them (options page); else the settings in force.
   */
  'provider.test': {
    from: ['options', 'panel'],
    request: z.object({
      provider: z
        .object({
          baseUrl: z.string().url(),
          model: z.string().min(1),
          apiKey: z.string().optional(),
          timeoutMs: z.number().int().min(1000).max(600_000).optional(),
        })
        .optional(),
    }),
    response: z.object({
      ok: z.literal(true),
      model: z.string(),
      latencyMs: z.number(),
      kind: z.enum(['openai', 'local']),
    }),
  },
} satisfies Record<string, MessageSpec>;
