import type { Suggestion } from '@/lib/templates/suggestion';

let n = 0;
/** A fresh database name per test: fake-indexeddb keeps databases for the whole file. */
export const freshDbName = (prefix: string) => `${prefix}-${Date.now()}-${n++}`;

export function suggestion(overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    id: 's1',
    templateId: 'triage',
    templateVersion: 2,
    site: 'demo',
    ticketKey: '1002',
    contextHash: 'h',
    provider: { kind: 'openai', model: 'test' },
    createdAt: 1,
    risks: [],
    fields: {
      category: {
        value: 'shipping',
        status: 'filled',
        evidence: [{ quote: 'cracked jug' }],
        confidence: 0.7,
        source: 'model',
      },
      priority: { value: 'normal', status: 'filled', evidence: [], confidence: 0.8, source: 'model' },
      summary: {
        value: 'Write to maya@example.com',
        status: 'filled',
        evidence: [{ quote: 'mail maya@example.com' }],
        confidence: 0.6,
        source: 'model',
      },
    },
    ...overrides,
  };
}
