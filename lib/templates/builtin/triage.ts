import { z } from 'zod';
import { defineTemplate } from '../define';

/** First look at a ticket: where it goes, how urgent, in which language. */
export default defineTemplate({
  id: 'triage',
  version: 1,
  name: 'Triage',
  description: 'Category, priority, product, sentiment, language and a one-line summary.',
  riskSignals: true,
  keywords: [],
  schema: z.object({
    // No value lists here: the options are the desk's own, bound per page (lib/templates/bind.ts).
    category: z.string(),
    priority: z.string(),
    product: z.string(),
    sentiment: z.enum(['negative', 'neutral', 'positive']),
    language: z.enum(['en', 'es', 'de', 'fr', 'it', 'pt', 'other']),
    summary: z.string(),
  }),
  fields: {
    category: {
      label: 'Category',
      description: "What the ticket is about: one of the desk's own categories (or queues, trackers, types).",
      required: true,
      kind: 'enum',
      feedsEscalation: true,
      bind: ['category', 'queue', 'tracker', 'type', 'kategorie', 'categoría', 'catégorie', 'tipo', 'typ'],
    },
    priority: {
      label: 'Priority',
      description: 'How soon the ticket needs an answer, judged from impact and urgency the customer states.',
      required: true,
      kind: 'enum',
      feedsEscalation: true,
      local: 'urgency',
      bind: [
        'priority',
        'urgency',
        'priorität',
        'dringlichkeit',
        'prioridad',
        'urgencia',
        'priorité',
        'urgence',
      ],
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
