import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { ticketHash } from '@/lib/db/ticket-hash';
import { LocalLearner } from '@/lib/learner/registry';
import { RecordRequest, recordCorrections } from '@/lib/memory/record';
import { redactForMemory } from '@/lib/memory/redaction';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { freshDbName, suggestion } from './fixtures';

const redact = (text: string) => redactForMemory(text, DEFAULT_SETTINGS);

describe('recordCorrections', () => {
  test('one record per kept field: changed values are corrections, unchanged ones agreements', async () => {
    const database = new DeskmateDb(freshDbName('record'));
    const request = RecordRequest.parse({
      suggestion: suggestion(),
      kept: { category: 'refund', priority: 'normal ', summary: 'Write to maya@example.com' },
      text: 'The blender arrived with a cracked jug. Contact me at maya@example.com or +44 20 7946 0958.',
      enumFields: ['category', 'priority'],
      reasons: { category: 'It is a refund request' },
    });
    const { rows, response } = await recordCorrections(request, { database, redact, now: () => 1234 });
    expect(response).toEqual({ corrections: 1, agreements: 2, ticketHash: await ticketHash('demo', '1002') });
    const stored = (await database.corrections.toArray()).sort((a, b) => a.field.localeCompare(b.field));
    expect(stored.map((c) => [c.field, c.agreed, c.fieldKind])).toEqual([
      ['category', false, 'enum'],
      ['priority', true, 'enum'],
      ['summary', true, undefined],
    ]);
    const category = stored[0]!;
    expect(category).toMatchObject({
      templateId: 'triage',
      templateVersion: 2,
      aiValue: 'shipping',
      keptValue: 'refund',
      aiConfidence: 0.7,
      aiSource: 'model',
      evidence: ['cracked jug'],
      site: 'demo',
      time: 1234,
      reason: 'It is a refund request',
    });
    expect(category.dedupKey).toMatch(/^[0-9a-f]{16}$/);
    // Ticket text is stored redacted: the snippet and the evidence lose the e-mail and the phone number.
    // (Field values are what the agent kept, stored as such.)
    expect(category.contextSnippet).toContain('cracked jug');
    const text = JSON.stringify(stored.map((c) => [c.contextSnippet, c.evidence]));
    expect(text).not.toContain('maya@example.com');
    expect(text).not.toContain('7946');
    expect(rows.every((r) => typeof r.id === 'number')).toBe(true);
    database.close();
  });

  test('fields the suggestion does not have are ignored; bad payloads are refused', async () => {
    const database = new DeskmateDb(freshDbName('record'));
    const request = RecordRequest.parse({ suggestion: suggestion(), kept: { nope: 'x' }, text: '' });
    const { response } = await recordCorrections(request, { database, redact });
    expect(response.corrections + response.agreements).toBe(0);
    expect(RecordRequest.safeParse({ suggestion: {}, kept: {}, text: '' }).success).toBe(false);
    database.close();
  });

  test('the learner learns what the agent kept, and a rebuild after forgetting drops it', async () => {
    const name = freshDbName('record-learn');
    const database = new DeskmateDb(name);
    const learner = new LocalLearner(() => database, { minExamples: 4, threshold: 0.5 });
    const texts = {
      refund: [
        'I want my money back for the broken blender',
        'please refund the damaged order',
        'refund me the cracked jug',
      ],
      shipping: [
        'my parcel has not arrived yet',
        'tracking says label created, where is my package',
        'delivery is late again',
      ],
    };
    for (let round = 0; round < 4; round++) {
      for (const [label, list] of Object.entries(texts)) {
        for (const text of list) {
          const request = RecordRequest.parse({
            suggestion: suggestion({ ticketKey: `${label}-${round}-${text.length}` }),
            kept: { category: label },
            text,
            enumFields: ['category'],
          });
          const { rows } = await recordCorrections(request, { database, redact });
          for (const r of rows)
            await learner.learn(r.templateId, r.field, r.site, r.contextSnippet, r.keptValue as string);
        }
      }
    }
    await learner.flush();
    const guess = await learner.predict('triage', 'category', 'demo', 'the refund for my broken kettle', [
      'refund',
      'shipping',
    ]);
    expect(guess?.value).toBe('refund');
    // Persisted: a new learner over the same database knows it too.
    const reloaded = new LocalLearner(() => database, { minExamples: 4, threshold: 0.5 });
    expect(
      (await reloaded.predict('triage', 'category', 'demo', 'where is my parcel', ['refund', 'shipping']))
        ?.value,
    ).toBe('shipping');
    await database.corrections.filter((c) => c.keptValue === 'refund').delete();
    await reloaded.rebuild((c) => (c as { fieldKind?: string }).fieldKind === 'enum');
    expect(
      await reloaded.explain('triage', 'category', 'demo', 'refund', ['refund', 'shipping']),
    ).toBeUndefined();
    database.close();
  });
});
