import { z } from 'zod';
import { defineTemplate } from '../define';

/** A reply to the customer, grounded in the facts the ticket states. */
export default defineTemplate({
  id: 'reply-draft',
  version: 1,
  name: 'Reply draft',
  description: 'A reply to the customer, its tone and the facts from the ticket it relies on.',
  keywords: [],
  schema: z.object({
    reply: z.string(),
    tone: z.enum(['apologetic', 'friendly', 'formal', 'neutral']),
    factsUsed: z.array(z.string()),
  }),
  fields: {
    reply: {
      label: 'Reply',
      description:
        "The reply to send, in the customer's language. Promise nothing the ticket does not support; ask for what is missing.",
      required: true,
      kind: 'long-text',
      composed: true,
      applyTo: 'reply',
      local: 'compose',
    },
    tone: {
      label: 'Tone',
      description: 'The tone the reply takes, apologetic when the customer is upset.',
      required: true,
      kind: 'enum',
      composed: true,
      local: 'sentiment',
    },
    factsUsed: {
      label: 'Facts used',
      description: 'The facts from the ticket the reply relies on, each a short quote.',
      required: false,
      kind: 'list',
      local: 'facts',
    },
  },
});
