import { z } from 'zod';
import { FieldValue } from '../templates/suggestion';

/** A draft as it crosses from the panel to the background (lib/db/db.ts Draft). */
export const DraftRecord = z.object({
  id: z.string().max(300),
  site: z.string().min(1).max(100),
  ticketHash: z.string().regex(/^[0-9a-f]{64}$/),
  templateId: z.string().min(1).max(100),
  values: z.record(z.string(), FieldValue),
  suggestionId: z.string().max(200).optional(),
  updatedAt: z.number(),
});

/**
 * The panel's background messages: drafts are kept in the background's IndexedDB because the docked
 * panel is a frame inside the desk's page, where the browser may deny or partition the frame's storage.
 */
export const panelMessages = {
  'drafts.get': {
    from: ['panel'],
    request: z.object({ id: z.string().max(300) }),
    response: z.object({ draft: DraftRecord.nullable() }),
  },
  'drafts.put': {
    from: ['panel'],
    request: z.object({ draft: DraftRecord }),
    response: z.object({ saved: z.literal(true) }),
  },
  /** Every draft of one ticket (any template): the panel reopens the one worked on last. */
  'drafts.forTicket': {
    from: ['panel'],
    request: z.object({ ticketHash: z.string().regex(/^[0-9a-f]{64}$/) }),
    response: z.object({ drafts: z.array(DraftRecord) }),
  },
} as const;
