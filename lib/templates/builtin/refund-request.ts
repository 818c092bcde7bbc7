import { z } from 'zod';
import { defineTemplate } from '../define';

/** A refund or return request: what was bought, for how much, when, and why. */
export default defineTemplate({
  id: 'refund-request',
  version: 1,
  name: 'Refund / return request',
  description: 'Order number, amount and currency, reason, purchase date and eligibility.',
  keywords: [
    'refund',
    'return',
    'money back',
    'exchange',
    'charged',
    'reembolso',
    'devolver',
    'rückerstattung',
    'remboursement',
    'rimborso',
    'reembolso',
  ],
  schema: z.object({
    orderNumber: z.string(),
    amount: z.number(),
    currency: z.string(),
    reason: z.string(),
    purchaseDate: z.string(),
    eligibility: z.enum(['eligible', 'not-eligible', 'needs-review']),
  }),
  fields: {
    orderNumber: {
      label: 'Order number',
      description: 'The order the refund is for, exactly as written (e.g. A-10482).',
      required: true,
      kind: 'entity',
      local: 'order-number',
      feedsEscalation: true,
      question: 'Could you send me the order number? It is in your confirmation e-mail.',
    },
    amount: {
      label: 'Amount',
      description: 'The amount paid or to refund, as a number without currency.',
      required: true,
      kind: 'money',
      local: 'amount',
      feedsEscalation: true,
      question: 'How much did you pay for the item?',
    },
    currency: {
      label: 'Currency',
      description: 'ISO 4217 code of the amount (EUR, USD...).',
      required: true,
      kind: 'text',
      local: 'currency',
      question: 'In which currency did you pay?',
    },
    reason: {
      label: 'Reason',
      description: 'Why the customer wants the refund or return, in a few words.',
      required: true,
      kind: 'text',
      local: 'reason',
      question: 'Could you tell me why you would like to return it?',
    },
    purchaseDate: {
      label: 'Purchase date',
      description: 'When the order was placed, ISO date (YYYY-MM-DD, or --MM-DD when no year is given).',
      required: true,
      kind: 'date',
      local: 'date',
      question: 'When did you place the order?',
    },
    eligibility: {
      label: 'Eligibility',
      description:
        'Whether the request fits the refund policy from what the ticket says; needs-review when unclear.',
      required: false,
      kind: 'enum',
      composed: true,
      feedsEscalation: true,
    },
  },
});
