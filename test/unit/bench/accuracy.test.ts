import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { coverageAtPrecision, replay, type TicketOutcome, windows } from '@/test/bench/accuracy-replay';
import { readLabelled } from '@/test/bench/labelled-set';
import { freshDbName } from '../memory/fixtures';

/**
 * Six tickets, options Account, Billing, Shipping. Before any learning (fewer than ten examples) only
 * the option names can answer: 1-3 use one option's name and are right; 4 uses none (left empty); 5 uses
 * two names once each (a tie: left empty); 6 uses "billing" but the agent chose Shipping (wrong).
 * Hand-computed: 3 right of 6 = 0.5, a value shown on 4 of 6.
 */
const CSV = `id,subject,body,queue,lang
1,Statement,"My billing statement shows a double charge",Billing,en
2,Late parcel,"The shipping is late, where is it?",Shipping,en
3,Login,"I cannot log into my account since Monday",Account,de
4,Nothing came,"The courier never rang the bell",Shipping,de
5,Address,"Please update the account billing address",Billing,en
6,Refund,"Refund the billing charge of the broken lamp",Shipping,en
`;

describe('accuracy bench replay', () => {
  test('a tiny labelled CSV replayed through the product path gives the hand-computed accuracy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accuracy-'));
    const file = join(dir, 'tiny.csv');
    writeFileSync(file, CSV);
    const rows = await readLabelled(file, 'subject,body', 'queue', 'lang');
    rmSync(dir, { recursive: true, force: true });
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual({
      text: 'Late parcel\nThe shipping is late, where is it?',
      label: 'Shipping',
      language: 'en',
    });

    const database = new DeskmateDb(freshDbName('accuracy-replay'));
    const outcomes = await replay(rows, { database, options: ['Account', 'Billing', 'Shipping'] });
    expect(outcomes.map((o) => o.value)).toEqual(['Billing', 'Shipping', 'Account', null, null, 'Billing']);
    expect(outcomes.map((o) => o.correct)).toEqual([true, true, true, false, false, false]);
    const [cold] = windows(outcomes);
    expect(cold).toMatchObject({ name: 'tickets 1-50 (cold start)', count: 6, accuracy: 0.5 });
    expect(cold?.filled).toBeCloseTo(4 / 6, 10);
    // Every apply was recorded as the agent's correction or agreement, with the true label kept.
    const stored = await database.corrections.orderBy('id').toArray();
    expect(stored.map((c) => [c.field, c.keptValue, c.agreed])).toEqual([
      ['category', 'Billing', true],
      ['category', 'Shipping', true],
      ['category', 'Account', true],
      ['category', 'Shipping', false],
      ['category', 'Billing', false],
      ['category', 'Shipping', false],
    ]);
    database.close();
  });

  test('coverage at a precision keeps tickets of equal confidence together and never an empty field', () => {
    const o = (confidence: number, correct: boolean, value: string | null = 'x'): TicketOutcome => ({
      label: 'x',
      value,
      confidence,
      source: 'local',
      correct,
      ms: 1,
      learnMs: 1,
    });
    // 0.9 right, then two at 0.8 (one right, one wrong), then 0.7 right, then an empty field.
    const outcomes = [o(0.9, true), o(0.8, true), o(0.8, false), o(0.7, true), o(0, false, null)];
    // Precision 1 keeps only the first (the 0.8 pair is 1/2 wrong together): 1 of 5.
    expect(coverageAtPrecision(outcomes, 1)).toBeCloseTo(0.2, 10);
    // Precision 0.75: first three are 2/3 (too low), first four 3/4: 4 of 5.
    expect(coverageAtPrecision(outcomes, 0.75)).toBeCloseTo(0.8, 10);
    expect(coverageAtPrecision([], 0.95)).toBe(0);
  });
});
