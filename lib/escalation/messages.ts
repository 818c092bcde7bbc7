import { z } from 'zod';
import { TicketContext } from '../context/ticket-context';
import type { MessageSpec } from '../messaging/spec';
import { Suggestion } from '../templates/suggestion';
import { EscalationFlag, EscalationResult } from './rules';

/** A model signal as the decision log keeps it: shown as a flag or as a hint. */
export const DecisionSignal = z.object({
  category: z.string().min(1).max(40),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string().max(2000)).max(20).default([]),
  shownAs: z.enum(['flag', 'hint']),
});
export type DecisionSignal = z.infer<typeof DecisionSignal>;

/** What the agent did with the banner. Dismissing needs a reason: it is how rules get refined. */
export const DecisionRequest = z
  .object({
    site: z.string().min(1),
    ticketKey: z.string().min(1),
    flags: z.array(EscalationFlag).max(100),
    signals: z.array(DecisionSignal).max(50).default([]),
    action: z.enum(['escalated', 'dismissed']),
    reason: z.string().trim().max(2000).optional(),
    templateId: z.string().min(1).max(80).optional(),
  })
  .refine((r) => r.action !== 'dismissed' || Boolean(r.reason), {
    message: 'Say why the escalation is dismissed.',
    path: ['reason'],
  });
export type DecisionRequest = z.input<typeof DecisionRequest>;

export const ExportFormat = z.enum(['csv', 'jsonl']);

/** Background messages of the escalation domain (spread into lib/messaging/protocol.ts). */
export const escalationMessages = {
  /** Rules over the ticket (and the suggestion's fields and risk signals): flags, hints, edge cases. Pure. */
  'escalation.evaluate': {
    from: ['panel'],
    request: z.object({ context: TicketContext, suggestion: Suggestion.optional() }),
    response: EscalationResult,
  },
  /** Log the agent's decision (escalated / dismissed with a reason) in the decision log. */
  'decisions.record': {
    from: ['panel'],
    request: DecisionRequest,
    response: z.object({ id: z.number() }),
  },
  /** The decision log as CSV (spreadsheets) or JSONL (pipelines), oldest first. */
  'decisions.export': {
    from: ['panel', 'options'],
    request: z.object({
      format: ExportFormat,
      since: z.number().optional(),
      until: z.number().optional(),
    }),
    response: z.object({
      filename: z.string(),
      mimeType: z.string(),
      content: z.string(),
      count: z.number().int(),
    }),
  },
} satisfies Record<string, MessageSpec>;
