import { z } from 'zod';
import { defineTemplate } from '../define';

/** The demo desk's categories and priorities (test/demo-desk/server.mjs); a test keeps them equal. */
export const CATEGORIES = [
  'shipping',
  'refund',
  'return',
  'bug',
  'account',
  'billing',
  'product',
  'subscription',
  'other',
] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** First look at a ticket: where it goes, how urgent, in which language. */
export default defineTemplate({
  id: 'triage',
  version: 1,
  name: 'Triage',
  description: 'Category, priority, product, sentiment, language and a one-line summary.',
  riskSignals: true,
  keywords: [],
  schema: z.object({
    category: z.enum(CATEGORIES),
    priority: z.enum(PRIORITIES),
    product: z.string(),
    sentiment: z.enum(['negative', 'neutral', 'positive']),
    language: z.enum(['en', 'es', 'de', 'fr', 'it', 'pt', 'other']),
    summary: z.string(),
  }),
  fields: {
    category: {
      label: 'Category',
      description: 'What the ticket is about, one of the desk categories.',
      required: true,
      kind: 'enum',
      applyTo: 'category',
      feedsEscalation: true,
      cues: {
        shipping: [
          'tracking',
          'delivery',
          'delivered',
          'arrived',
          'shipped',
          'courier',
          'parcel',
          'package',
          'incompleto',
          'missing items',
          'faltan',
        ],
        refund: ['refund', 'money back', 'reembolso', 'devolverme el dinero'],
        return: ['return', 'exchange', 'wrong size', 'send it back'],
        bug: ['crash', 'crashes', 'error message', 'bug', 'freezes', 'export'],
        account: ['password', 'log in', 'login', 'delete my account', 'hacked', 'personal data'],
        billing: ['charged', 'charge', 'invoice', 'payment', 'billing'],
        product: ['flicker', 'stopped working', 'defective', 'broken', 'quality'],
        subscription: ['subscription', 'renewal', 'renews', 'seats', 'plan'],
      },
    },
    priority: {
      label: 'Priority',
      description: 'How soon the ticket needs an answer, judged from impact and urgency the customer states.',
      required: true,
      kind: 'enum',
      applyTo: 'priority',
      feedsEscalation: true,
      local: 'urgency',
      cues: {
        urgent: ['immediately', 'lock the account', 'hacked', 'asap', 'as soon as possible'],
        high: ['today', 'blocks', 'third time', 'crashes', 'charged twice', 'lawyer', 'attorney'],
        low: ['no rush', 'whenever you can', 'not urgent'],
      },
    },
    product: {
      label: 'Product',
      description: 'The product or service the ticket is about, as the customer names it.',
      required: false,
      kind: 'text',
      question: 'Which product is this about?',
    },
    sentiment: {
      label: 'Sentiment',
      description: "The customer's mood in their latest messages.",
      required: true,
      kind: 'enum',
      local: 'sentiment',
      feedsEscalation: true,
    },
    language: {
      label: 'Language',
      description: 'The language the customer writes in (ISO 639-1 code).',
      required: true,
      kind: 'enum',
      local: 'language',
    },
    summary: {
      label: 'Summary',
      description: 'One line (under 120 characters) saying what the customer needs.',
      required: true,
      kind: 'text',
      composed: true,
      local: 'subject',
    },
  },
});
