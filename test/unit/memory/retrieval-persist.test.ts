import Dexie from 'dexie';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type Correction, DeskmateDb } from '@/lib/db/db';
import { CorrectionIndex } from '@/lib/memory/correction-index';
import { forgetTicket } from '@/lib/memory/retention';
import { CorrectionRetrieval, INDEX_FORMAT } from '@/lib/memory/retrieval';
import { freshDbName } from './fixtures';

/**
 * The saved retrieval index (issue #19): loaded in one read at a browser start (a new Dexie connection
 * and a new CorrectionRetrieval, the background's whole module state), answering exactly as the index it
 * was saved from; caught up with corrections recorded since; rebuilt after deletions.
 */

const TOPICS = [
  'parcel stuck in transit courier tracking',
  'refund for the cracked blender jug',
  'invoice charged twice this month billing',
  'password reset link expired cannot log in',
  'laptop screen flickers after the update',
  'vpn drops every hour at the office',
];
const WORDS = ['please', 'urgent', 'again', 'today', 'still', 'order', 'help', 'since', 'monday', 'thanks'];

let seed = 11;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}

/** A correction whose kept value names it (`v<i>`), so results can be compared across indexes. */
function correction(i: number, extra: Partial<Correction> = {}): Correction {
  const topic = TOPICS[i % TOPICS.length] as string;
  const words = Array.from({ length: 4 }, () => WORDS[rand(WORDS.length)]).join(' ');
  return {
    templateId: 'triage',
    templateVersion: 1,
    field: i % 3 ? 'category' : 'priority',
    aiValue: 'other',
    keptValue: `v${i}`,
    agreed: false,
    aiConfidence: 0.5,
    aiSource: 'model',
    evidence: [],
    contextSnippet: `${topic} ${words} ticket ${i}`,
    site: i % 4 ? 'demo' : 'rt',
    ticketHash: `t${i}`,
    time: 1_750_000_000_000 + i,
    ...extra,
  };
}

const QUERIES = [
  ...TOPICS.map((t, i) => ({ text: `${t} please`, site: i % 2 ? 'demo' : 'rt' })),
  { text: 'my parcel is still not here, courier says in transit', site: 'demo' },
  { text: 'charged twice on the invoice, refund please', site: 'rt' },
  { text: 'nothing in common with anything', site: 'demo' },
];

async function answers(retrieval: CorrectionRetrieval): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (const q of QUERIES) {
    const found = await retrieval.nearest('triage', q.site, q.text, 5);
    out.push(found.map((e) => [e.field, e.keptValue, e.ticketSnippet]));
  }
  return out;
}

/** A browser start: the old connection closed, a new one and a new retrieval over it. */
async function restart(database: DeskmateDb, options = {}): Promise<[DeskmateDb, CorrectionRetrieval]> {
  database.close();
  const next = new DeskmateDb(database.name);
  await next.open();
  return [next, new CorrectionRetrieval(() => next, options)];
}

async function seeded(n: number, extra: Correction[] = []): Promise<DeskmateDb> {
  const database = new DeskmateDb(freshDbName('retrieval-persist'));
  await database.corrections.bulkAdd([...Array.from({ length: n }, (_, i) => correction(i)), ...extra]);
  return database;
}

afterEach(() => vi.restoreAllMocks());

describe('saved retrieval index', () => {
  test('after a restart the saved index is loaded without re-indexing and answers as before and as a rebuild', async () => {
    const unlearnable = correction(900, { learnable: false, contextSnippet: TOPICS[0] as string });
    const agreement = correction(901, { agreed: true, contextSnippet: TOPICS[1] as string });
    let database = await seeded(120, [unlearnable, agreement]);
    const first = new CorrectionRetrieval(() => database);
    const built = await answers(first);
    await first.settled();
    // Non-trivial: most queries find several, one finds none.
    expect(built.filter((a) => a.length >= 3).length).toBeGreaterThanOrEqual(8);
    expect(built.at(-1)).toEqual([]);

    const snapshot = await database.retrievalIndex.get('triage');
    expect(snapshot).toMatchObject({ templateId: 'triage', format: INDEX_FORMAT, tableCount: 122 });
    expect(snapshot?.scannedThrough).toBe(122);
    // 120 corrections; the learning-off row and the agreement are not in it, and no text is.
    expect(snapshot?.index.docIds).toHaveLength(120);
    const ids = await database.corrections.where('ticketHash').anyOf('t900', 't901').primaryKeys();
    for (const id of ids) expect([...(snapshot?.index.docIds ?? [])]).not.toContain(id);
    expect(JSON.stringify(snapshot)).not.toContain('parcel');

    const [reloadedDb, reloaded] = await restart(database);
    database = reloadedDb;
    const adds = vi.spyOn(CorrectionIndex.prototype, 'addAll');
    expect(await answers(reloaded)).toEqual(built);
    expect(adds).not.toHaveBeenCalled();
    adds.mockRestore();

    // A cold rebuild from the rows (nothing saved, nothing loaded) gives the same answers.
    const [coldDb, cold] = await restart(database, { persist: false });
    database = coldDb;
    expect(await answers(cold)).toEqual(built);
    database.close();
  });

  test('corrections recorded after the save are found at once and caught up on the next start', async () => {
    let database = await seeded(60);
    const live = new CorrectionRetrieval(() => database);
    await answers(live);
    await live.settled();
    const saved = await database.retrievalIndex.get('triage');

    const fresh = [correction(1000, { contextSnippet: 'the espresso machine leaks water on the counter' })];
    fresh[0]!.id = await database.corrections.add(fresh[0]!);
    await live.add(fresh);
    const espresso = await live.nearest('triage', 'demo', 'espresso machine leaking water', 3);
    expect(espresso.map((e) => e.keptValue)).toEqual(['v1000']);
    const liveAnswers = await answers(live);
    await live.settled();
    // One correction is not worth rewriting the whole index: the snapshot is as it was.
    expect((await database.retrievalIndex.get('triage'))?.scannedThrough).toBe(saved?.scannedThrough);

    const [reloadedDb, reloaded] = await restart(database);
    database = reloadedDb;
    expect(
      (await reloaded.nearest('triage', 'demo', 'espresso machine leaking water', 3))[0]?.keptValue,
    ).toBe('v1000');
    // Caught up one at a time, as the live index took it: the same answers.
    expect(await answers(reloaded)).toEqual(liveAnswers);
    database.close();
  });

  test('every saveEvery corrections the snapshot is written again', async () => {
    const database = await seeded(30);
    const retrieval = new CorrectionRetrieval(() => database, { saveEvery: 2 });
    await answers(retrieval);
    await retrieval.settled();
    const rows = [correction(500), correction(501)];
    const ids = (await database.corrections.bulkAdd(rows, { allKeys: true })) as number[];
    rows.forEach((r, i) => {
      r.id = ids[i];
    });
    await retrieval.add(rows);
    await retrieval.settled();
    const snapshot = await database.retrievalIndex.get('triage');
    expect(snapshot?.index.docIds).toHaveLength(32);
    expect(snapshot?.scannedThrough).toBe(Math.max(...ids));
    expect(snapshot?.tableCount).toBe(32);
    database.close();
  });

  test('after a deletion the next query never offers the deleted row, and the index is rebuilt and saved', async () => {
    let database = await seeded(90);
    const retrieval = new CorrectionRetrieval(() => database);
    const before = await retrieval.nearest('triage', 'demo', `${TOPICS[0]} please`, 5);
    await retrieval.settled();
    const victim = before[0]?.keptValue as string;
    const hash = `t${victim.slice(1)}`;
    const victimId = (await database.corrections.where('ticketHash').equals(hash).primaryKeys())[0];
    expect((await forgetTicket(database, hash)).corrections).toBe(1);

    // What afterRecordsChanged does; the query right after uses the old index, minus the deleted row.
    const rebuilds = vi.spyOn(CorrectionIndex.prototype, 'addAll');
    retrieval.invalidate();
    const after = await retrieval.nearest('triage', 'demo', `${TOPICS[0]} please`, 5);
    expect(after.map((e) => e.keptValue)).not.toContain(victim);
    expect(after).toHaveLength(5);
    await retrieval.settled();
    expect(rebuilds).toHaveBeenCalled();
    rebuilds.mockRestore();

    const snapshot = await database.retrievalIndex.get('triage');
    expect(snapshot?.tableCount).toBe(89);
    expect(snapshot?.index.docIds).toHaveLength(89);
    expect([...(snapshot?.index.docIds ?? [])]).not.toContain(victimId);
    const rebuilt = await answers(retrieval);

    // The rebuilt index is what a cold rebuild of the rows left gives, and what the next start loads.
    const [coldDb, cold] = await restart(database, { persist: false });
    database = coldDb;
    expect(await answers(cold)).toEqual(rebuilt);
    const [reloadedDb, reloaded] = await restart(database);
    database = reloadedDb;
    expect(await answers(reloaded)).toEqual(rebuilt);
    database.close();
  });

  test('rows deleted while no index was loaded (another context) are noticed at the next start', async () => {
    let database = await seeded(40);
    const retrieval = new CorrectionRetrieval(() => database);
    await answers(retrieval);
    await retrieval.settled();
    database.close();
    database = new DeskmateDb(database.name);
    await database.corrections.where('ticketHash').anyOf('t0', 't6', 't12').delete();
    const [reloadedDb, reloaded] = await restart(database);
    database = reloadedDb;
    const found = await reloaded.nearest('triage', 'rt', `${TOPICS[0]} please`, 10);
    for (const gone of ['v0', 'v6', 'v12']) expect(found.map((e) => e.keptValue)).not.toContain(gone);
    await reloaded.settled();
    expect(await database.retrievalIndex.get('triage')).toMatchObject({ tableCount: 37 });
    expect((await database.retrievalIndex.get('triage'))?.index.docIds).toHaveLength(37);
    database.close();
  });

  test('an imported pack (rows added behind its back, then invalidate) is offered by the next query', async () => {
    const database = await seeded(40);
    const retrieval = new CorrectionRetrieval(() => database);
    await answers(retrieval);
    await retrieval.settled();
    await database.corrections.bulkAdd([
      correction(700, {
        contextSnippet: 'the espresso machine leaks water',
        imported: { from: 'pack', at: 1 },
      }),
    ]);
    retrieval.invalidate();
    expect((await retrieval.nearest('triage', 'demo', 'espresso machine leaks', 3))[0]?.keptValue).toBe(
      'v700',
    );
    database.close();
  });

  test('storage full when saving: corrections are kept, the index answers from memory, and the log says why', async () => {
    const database = await seeded(30);
    const warnings: string[] = [];
    const retrieval = new CorrectionRetrieval(() => database, {
      saveEvery: 1,
      warn: (message) => warnings.push(message),
    });
    vi.spyOn(database.retrievalIndex, 'put').mockRejectedValue(
      new Dexie.QuotaExceededError('The quota has been exceeded.'),
    );
    expect(await retrieval.nearest('triage', 'demo', `${TOPICS[2]} please`, 3)).toHaveLength(3);
    await retrieval.settled();
    expect(warnings).toEqual([
      expect.stringContaining("the browser's storage is full. Corrections are kept"),
    ]);
    expect(await database.retrievalIndex.count()).toBe(0);

    // Recording goes on, and the new correction is found from the in-memory index.
    const row = correction(800, { contextSnippet: 'the espresso machine leaks water' });
    row.id = await database.corrections.add(row);
    await retrieval.add([row]);
    await retrieval.settled();
    expect((await retrieval.nearest('triage', 'demo', 'espresso machine leaks', 3))[0]?.keptValue).toBe(
      'v800',
    );
    expect(await database.corrections.count()).toBe(31);
    expect(warnings.length).toBe(2);
    database.close();
  });
});
