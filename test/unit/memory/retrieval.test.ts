import { describe, expect, test } from 'vitest';
import { type Correction, DeskmateDb } from '@/lib/db/db';
import { CorrectionRetrieval } from '@/lib/memory/retrieval';
import { freshDbName } from './fixtures';

function correction(snippet: string, extra: Partial<Correction> = {}): Correction {
  return {
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: 'shipping',
    keptValue: 'refund',
    agreed: false,
    aiConfidence: 0.6,
    aiSource: 'model',
    evidence: [],
    contextSnippet: snippet,
    site: 'demo',
    ticketHash: 'h',
    time: 1,
    ...extra,
  };
}

describe('CorrectionRetrieval', () => {
  test('rows marked learnable: false are never indexed, live or on a rebuild, even with a snippet', async () => {
    const database = new DeskmateDb(freshDbName('retrieval-unlearnable'));
    const text = 'The blender arrived with a cracked jug, I want a refund';
    await database.corrections.bulkAdd([correction(text, { learnable: false })]);
    const retrieval = new CorrectionRetrieval(() => database);
    expect(await retrieval.nearest('triage', 'demo', text, 3)).toEqual([]);
    const id = await database.corrections.add(correction(text, { learnable: false, time: 2 }));
    await retrieval.add([correction(text, { learnable: false, time: 2, id: id as number })]);
    expect(await retrieval.nearest('triage', 'demo', text, 3)).toEqual([]);
    // Control: the same row without the marker is found.
    await database.corrections.add(correction(text, { time: 3 }));
    retrieval.invalidate();
    expect(await retrieval.nearest('triage', 'demo', text, 3)).toHaveLength(1);
  });

  test('returns the nearest corrections of the same template, most similar first', async () => {
    const database = new DeskmateDb(freshDbName('retrieval'));
    await database.corrections.bulkAdd([
      correction('The blender arrived with a cracked jug, I want a refund'),
      correction('My printer shows error 42 after the firmware update', { keptValue: 'bug' }),
      correction('Cracked glass jug on the blender I received, refund please', {
        field: 'priority',
        keptValue: 'high',
      }),
      correction('The blender jug is cracked', { templateId: 'bug-report' }),
      correction('The blender arrived with a cracked jug', { agreed: true, keptValue: 'shipping' }),
    ]);
    const retrieval = new CorrectionRetrieval(() => database);
    const examples = await retrieval.nearest('triage', 'demo', 'Blender came with a cracked jug. Refund?', 5);
    expect(examples.map((e) => e.keptValue)).toEqual(['refund', 'high']);
    expect(examples[0]).toMatchObject({ templateId: 'triage', field: 'category', aiValue: 'shipping' });
    expect(examples.every((e) => e.templateId === 'triage')).toBe(true);
    // Nothing similar: no example rather than a misleading one.
    expect(await retrieval.nearest('triage', 'demo', 'password reset for the admin portal', 5)).toEqual([]);
    database.close();
  });

  test('same site ranks first at equal similarity; new corrections are found without a rebuild', async () => {
    const database = new DeskmateDb(freshDbName('retrieval'));
    await database.corrections.bulkAdd([
      correction('Parcel stuck in transit for two weeks', { site: 'rt', keptValue: 'rt' }),
      correction('Parcel stuck in transit for two weeks', { site: 'demo', keptValue: 'demo' }),
    ]);
    const retrieval = new CorrectionRetrieval(() => database);
    const first = await retrieval.nearest('triage', 'demo', 'parcel stuck in transit', 2);
    expect(first.map((e) => e.keptValue)).toEqual(['demo', 'rt']);
    const added = correction('Invoice charged twice this month', { keptValue: 'billing' });
    added.id = await database.corrections.add(added);
    await retrieval.add([added]);
    expect((await retrieval.nearest('triage', 'demo', 'charged twice on my invoice', 1))[0]?.keptValue).toBe(
      'billing',
    );
    database.close();
  });

  test('stays within the token budget and clips long snippets', async () => {
    const database = new DeskmateDb(freshDbName('retrieval'));
    const long = `Refund for the cracked blender jug. ${'Lots of detail about the order. '.repeat(60)}`;
    await database.corrections.bulkAdd(Array.from({ length: 8 }, () => correction(long)));
    const retrieval = new CorrectionRetrieval(() => database, { tokenBudget: 200 });
    const examples = await retrieval.nearest('triage', 'demo', 'refund cracked blender jug', 8);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.length).toBeLessThan(8);
    const chars = examples.reduce((n, e) => n + e.ticketSnippet.length, 0);
    expect(chars).toBeLessThanOrEqual(200 * 4);
    expect(examples[0]!.ticketSnippet.endsWith('…')).toBe(true);
    database.close();
  });
});
