import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { forgetTicket, pruneOlderThan } from '@/lib/memory/retention';
import { freshDbName } from './fixtures';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

async function seed(database: DeskmateDb, ticketHash: string, time: number): Promise<void> {
  await database.drafts.put({
    id: `demo|${ticketHash}|triage`,
    site: 'demo',
    ticketHash,
    templateId: 'triage',
    values: {},
    updatedAt: time,
  });
  await database.corrections.add({
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: 'a',
    keptValue: 'b',
    agreed: false,
    aiConfidence: 0.5,
    aiSource: 'model',
    evidence: [],
    contextSnippet: 'x',
    site: 'demo',
    ticketHash,
    time,
  });
  await database.decisions.add({
    site: 'demo',
    ticketHash,
    time,
    rulesFired: [],
    signals: [],
    action: 'dismissed',
  });
  await database.events.add({ type: 'suggest.done', site: 'demo', ticketHash, time });
}

describe('retention', () => {
  test('forget this ticket removes its records from every table and nothing else', async () => {
    const database = new DeskmateDb(freshDbName('forget'));
    await seed(database, 'aaa', NOW);
    await seed(database, 'bbb', NOW);
    expect(await forgetTicket(database, 'aaa')).toEqual({
      drafts: 1,
      corrections: 1,
      decisions: 1,
      events: 1,
    });
    for (const table of [database.drafts, database.corrections, database.decisions, database.events]) {
      expect(await table.where('ticketHash').equals('aaa').count()).toBe(0);
      expect(await table.where('ticketHash').equals('bbb').count()).toBe(1);
    }
    database.close();
  });

  test('records older than N days go, newer ones stay', async () => {
    const database = new DeskmateDb(freshDbName('prune'));
    await seed(database, 'old', NOW - 31 * DAY);
    await seed(database, 'new', NOW - 29 * DAY);
    expect(await pruneOlderThan(database, 30, NOW)).toEqual({
      drafts: 1,
      corrections: 1,
      decisions: 1,
      events: 1,
    });
    expect((await database.corrections.toArray()).map((c) => c.ticketHash)).toEqual(['new']);
    expect((await database.drafts.toArray()).map((c) => c.ticketHash)).toEqual(['new']);
    database.close();
  });
});
