import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { correctionKey } from '@/lib/db/records';
import { CorrectionRetrieval, INDEX_FORMAT } from '@/lib/memory/retrieval';

/** The stores exactly as version 1 shipped them (lib/db/db.ts history). */
const V1_STORES = {
  drafts: '&id, updatedAt, ticketHash',
  corrections: '++id, time, [templateId+field], site, ticketHash',
  decisions: '++id, time, ticketHash',
  events: '++id, time, type, ticketHash',
  learnerState: '&key',
};

/** Version 2: corrections gained their de-duplication key. */
const V2_STORES = {
  ...V1_STORES,
  corrections: '++id, time, [templateId+field], site, ticketHash, dedupKey',
};

let counter = 0;
const freshName = () => `migrations-${Date.now()}-${counter++}`;

describe('Dexie migrations', () => {
  test('v1 -> current keeps every record and adds dedup keys to corrections', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    await v1.open();
    const correction = {
      templateId: 'triage',
      templateVersion: 1,
      field: 'category',
      aiValue: 'shipping',
      keptValue: 'refund',
      agreed: false,
      aiConfidence: 0.7,
      aiSource: 'model',
      evidence: ['cracked jug'],
      contextSnippet: 'The blender arrived with a cracked jug',
      site: 'demo',
      ticketHash: 'abc',
      time: 1_700_000_000_000,
    };
    // An older build wrote rows without evidence/templateVersion: the upgrade repairs them.
    const { evidence: _e, templateVersion: _v, ...partial } = correction;
    await v1.table('corrections').bulkAdd([correction, { ...partial, time: 1_700_000_000_001 }]);
    await v1.table('drafts').add({
      id: 'demo|abc|triage',
      site: 'demo',
      ticketHash: 'abc',
      templateId: 'triage',
      values: { category: 'refund' },
      updatedAt: 5,
    });
    await v1.table('decisions').add({
      site: 'demo',
      ticketHash: 'abc',
      time: 9,
      rulesFired: [],
      signals: [],
      action: 'dismissed',
    });
    await v1.table('events').add({ type: 'suggest.done', time: 3, site: 'demo', ticketHash: 'abc' });
    await v1.table('learnerState').add({ key: 'triage.category', state: { v: 1 }, updatedAt: 1 });
    v1.close();

    const current = new DeskmateDb(name);
    await current.open();
    expect(current.verno).toBeGreaterThanOrEqual(2);
    const rows = await current.corrections.orderBy('time').toArray();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject(correction);
    expect(rows[0]?.dedupKey).toBe(correctionKey(correction));
    expect(rows[1]).toMatchObject({ evidence: [], templateVersion: 1, keptValue: 'refund' });
    // The new index answers queries.
    expect(await current.corrections.where('dedupKey').equals(correctionKey(correction)).count()).toBe(1);
    expect(await current.drafts.get('demo|abc|triage')).toMatchObject({ values: { category: 'refund' } });
    expect(await current.decisions.count()).toBe(1);
    expect(await current.events.where('type').equals('suggest.done').count()).toBe(1);
    expect(await current.learnerState.get('triage.category')).toMatchObject({ state: { v: 1 } });
    current.close();
  });

  test('a row the upgrade cannot repair is kept as it was', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    await v1.open();
    await v1.table('corrections').add({ time: 1, site: 'demo', ticketHash: 'x', junk: true });
    v1.close();
    const current = new DeskmateDb(name);
    const rows = await current.corrections.toArray();
    expect(rows).toEqual([expect.objectContaining({ junk: true, time: 1 })]);
    current.close();
  });

  test('v2 -> v3 keeps every correction; the background then builds and saves each template index from them', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    v2.version(2).stores(V2_STORES);
    await v2.open();
    const row = (i: number, templateId: string, snippet: string, extra = {}) => ({
      templateId,
      templateVersion: 1,
      field: 'category',
      aiValue: 'other',
      keptValue: `kept-${i}`,
      agreed: false,
      aiConfidence: 0.5,
      aiSource: 'model',
      evidence: [],
      contextSnippet: snippet,
      site: 'demo',
      ticketHash: `h${i}`,
      time: 1_700_000_000_000 + i,
      dedupKey: `k${i}`,
      ...extra,
    });
    await v2
      .table('corrections')
      .bulkAdd([
        row(1, 'triage', 'The blender arrived with a cracked jug, refund please'),
        row(2, 'triage', 'Parcel stuck in transit for two weeks'),
        row(3, 'triage', 'The blender jug is cracked', { learnable: false }),
        row(4, 'bug-report', 'App crashes when I press save'),
      ]);
    await v2.table('learnerState').add({ key: 'triage.category@demo', state: { v: 2 }, updatedAt: 1 });
    v2.close();

    let current = new DeskmateDb(name);
    await current.open();
    expect(current.verno).toBe(3);
    const rows = await current.corrections.orderBy('id').toArray();
    expect(rows.map((r) => [r.templateId, r.keptValue, r.dedupKey])).toEqual([
      ['triage', 'kept-1', 'k1'],
      ['triage', 'kept-2', 'k2'],
      ['triage', 'kept-3', 'k3'],
      ['bug-report', 'kept-4', 'k4'],
    ]);
    expect(await current.learnerState.get('triage.category@demo')).toMatchObject({ state: { v: 2 } });
    expect(await current.retrievalIndex.count()).toBe(0);

    // What the background does at start (lib/memory/service.ts warmRetrieval).
    const db = current;
    await new CorrectionRetrieval(() => db).warm();
    const triage = await current.retrievalIndex.get('triage');
    expect(triage).toMatchObject({ format: INDEX_FORMAT, scannedThrough: 4, tableCount: 4 });
    expect([...(triage?.index.docIds ?? [])]).toEqual([1, 2]); // the learning-off row is not in it
    expect((await current.retrievalIndex.get('bug-report'))?.index.docIds).toHaveLength(1);

    // The next start answers from the saved index.
    current.close();
    current = new DeskmateDb(name);
    const reopened = current;
    const examples = await new CorrectionRetrieval(() => reopened).nearest(
      'triage',
      'demo',
      'my blender jug arrived cracked',
      3,
    );
    expect(examples.map((e) => e.keptValue)).toEqual(['kept-1']);
    current.close();
  });

  test('a fresh database opens at the current version', async () => {
    const current = new DeskmateDb(freshName());
    await current.open();
    expect(current.tables.map((t) => t.name).sort()).toEqual(
      ['corrections', 'decisions', 'drafts', 'events', 'learnerState', 'retrievalIndex'].sort(),
    );
    current.close();
  });
});
