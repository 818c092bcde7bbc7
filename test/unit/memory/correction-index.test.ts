import { describe, expect, test } from 'vitest';
import type { Correction } from '@/lib/db/db';
import { CorrectionIndex } from '@/lib/memory/correction-index';

const row = (id: number, snippet: string, site = 'demo'): Correction => ({
  id,
  templateId: 'triage',
  templateVersion: 1,
  field: 'category',
  aiValue: 'a',
  keptValue: 'b',
  agreed: false,
  aiConfidence: 0.5,
  aiSource: 'model',
  evidence: [],
  contextSnippet: snippet,
  site,
  ticketHash: `t${id}`,
  time: id,
});

/** 1,000 documents; "espresso" in documents 0, 300 and 999 (gaps that take two bytes), ids beyond 2^32. */
function corpus(): Correction[] {
  return Array.from({ length: 1000 }, (_, i) =>
    row(
      5_000_000_000 + i * 7,
      `${i % 300 === 0 || i === 999 ? 'espresso machine' : 'kettle'} word${i % 37} word${i % 11} common`,
      i % 3 ? 'demo' : 'rt',
    ),
  );
}
const QUERIES = ['espresso machine', 'kettle word5 word3', 'word12 common', 'word36 word10', 'nothing here'];
const all = (index: CorrectionIndex) => QUERIES.map((q) => index.search(q, 'rt', 8));

describe('CorrectionIndex serialized', () => {
  test('round trip: the same hits, and adds after a load merge into the next snapshot', () => {
    const live = new CorrectionIndex();
    live.addAll(corpus());
    const espresso = live.search('espresso machine', 'demo', 10).map((h) => h.id);
    expect(espresso.sort()).toEqual([0, 300, 600, 900, 999].map((i) => 5_000_000_000 + i * 7).sort());

    const loaded = CorrectionIndex.from(structuredClone(live.serialize()));
    expect(loaded).toBeDefined();
    expect(all(loaded!)).toEqual(all(live));
    expect(loaded!.has(5_000_000_000 + 300 * 7)).toBe(true);
    expect(loaded!.has(5_000_000_001)).toBe(false);

    // New documents on both, one at a time; then the loaded one saved and loaded again.
    const more = [row(6_000_000_000, 'espresso machine grinder', 'rt'), row(6_000_000_001, 'grinder jammed')];
    for (const r of more) {
      live.addAll([r]);
      loaded!.addAll([r]);
    }
    loaded!.addAll([more[0]!]); // a duplicate is ignored
    expect(loaded!.size).toBe(1002);
    expect(all(loaded!)).toEqual(all(live));
    const again = CorrectionIndex.from(structuredClone(loaded!.serialize()));
    expect(again!.size).toBe(1002);
    expect([...QUERIES, 'grinder'].map((q) => again!.search(q, 'rt', 8))).toEqual(
      [...QUERIES, 'grinder'].map((q) => live.search(q, 'rt', 8)),
    );
  });

  test('columns that do not fit together are refused, not read', () => {
    const live = new CorrectionIndex();
    live.addAll(corpus().slice(0, 50));
    const data = live.serialize();
    expect(CorrectionIndex.from({ ...data, offsets: data.offsets.slice(1) })).toBeUndefined();
    expect(CorrectionIndex.from({ ...data, postingDocs: data.postingDocs.slice(1) })).toBeUndefined();
    expect(CorrectionIndex.from({ ...data, docSites: new Uint32Array(3) })).toBeUndefined();
  });
});
