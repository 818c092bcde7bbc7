import { z } from 'zod';
import { RecordRequest, RecordResponse } from './record';

const Deleted = z.object({
  drafts: z.number().int(),
  corrections: z.number().int(),
  decisions: z.number().int(),
  events: z.number().int(),
});

/** The learning loop's background messages (spread into `backgroundMessages`). */
export const memoryMessages = {
  /**
   * The agent applied or accepted a template: one correction per kept field (agreement when unchanged);
   * the local learner and the retrieval index learn from it.
   */
  'corrections.record': { from: ['panel'], request: RecordRequest, response: RecordResponse },
  /** "Forget this ticket": every record of it in every table; the learner re-learns without it. */
  'memory.forgetTicket': {
    from: ['panel', 'options'],
    request: z.union([
      z.object({
        ticketHash: z.string().regex(/^[0-9a-f]{64}$/),
        site: z.undefined().optional(),
        ticketKey: z.undefined().optional(),
      }),
      z.object({
        ticketHash: z.undefined().optional(),
        site: z.string().min(1),
        ticketKey: z.string().min(1),
      }),
    ]),
    response: Deleted,
  },
  /** Apply retention now (settings.retentionDays); it also runs on its own while recording. */
  'memory.prune': { from: ['options'], request: z.object({}), response: Deleted },
  /** Records were imported from the options page: rebuild the retrieval index and the learner. */
  'memory.reindex': {
    from: ['options'],
    request: z.object({}),
    response: z.object({ learned: z.number().int() }),
  },
} as const;
