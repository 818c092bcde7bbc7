import { z } from 'zod';
import { defineTemplate } from '../define';

/** What the next person needs when a ticket goes up a level, composed into an internal note. */
export default defineTemplate({
  id: 'escalation-handoff',
  version: 1,
  name: 'Escalation handoff',
  description: 'The issue, the customer impact, actions taken so far and the ask, as an internal note.',
  riskSignals: true,
  keywords: [
    'lawyer',
    'attorney',
    'court',
    'complaint',
    'gdpr',
    'hacked',
    'cancel',
    'unacceptable',
    'escalate',
    'manager',
  ],
  schema: z.object({
    issue: z.string(),
    customerImpact: z.string(),
    actionsTaken: z.string(),
    ask: z.string(),
    note: z.string(),
  }),
  fields: {
    issue: {
      label: 'Issue',
      description: 'The problem in one or two sentences.',
      required: true,
      kind: 'text',
      composed: true,
      local: 'subject',
    },
    customerImpact: {
      label: 'Customer impact',
      description: 'Who is affected and how badly (users blocked, money at stake, deadlines).',
      required: true,
      kind: 'text',
      composed: true,
      feedsEscalation: true,
      question: 'How is this affecting you or your team right now?',
    },
    actionsTaken: {
      label: 'Actions taken',
      description: 'What support has already done, from agent replies and internal notes.',
      required: false,
      kind: 'long-text',
      composed: true,
      local: 'agent-actions',
    },
    ask: {
      label: 'Ask',
      description: 'What the customer asks for, and what decision is needed from the next level.',
      required: true,
      kind: 'text',
      composed: true,
      local: 'customer-ask',
    },
    note: {
      label: 'Internal note',
      description: 'The handoff as a short internal note: issue, impact, actions taken, ask.',
      required: true,
      kind: 'long-text',
      composed: true,
      applyTo: 'internal-note',
      local: 'compose',
    },
  },
});
