import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DeskmateDb } from '@/lib/db/db';
import { exportFileName, exportStream } from '@/lib/export/stream';
import { policyHandlers } from '@/lib/policy/handlers';
import { NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';
import { teamHandlers } from '@/lib/team/handlers';
import { PSEUDONYM } from '@/lib/team/identity';
import { routeToBackground } from '../enforcement/route';
import { seedAgent } from './fixtures';

let n = 0;
const fresh = () => new DeskmateDb(`team-ids-${Date.now()}-${n++}`);
const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();

beforeEach(() => {
  fakeBrowser.reset();
  setPolicyProvider(() => NO_POLICY);
  routeToBackground({ ...policyHandlers, ...teamHandlers });
});

describe('exports carry what a team report merges by', () => {
  test('every JSONL row of each kind has a stable event id and the agent pseudonym', async () => {
    const database = fresh();
    await seedAgent(database, { tickets: 3 });
    for (const kind of ['corrections', 'decisions', 'events'] as const) {
      const rows = (await text(exportStream(database, kind, 'jsonl')))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows.length).toBeGreaterThan(0);
      const prefix = { corrections: 'c-', decisions: 'd-', events: 'e-' }[kind];
      for (const row of rows) {
        expect(row.eventId.startsWith(prefix)).toBe(true);
        expect(row.agentId).toMatch(PSEUDONYM);
      }
      expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
      // The same rows exported again get the same ids.
      const again = (await text(exportStream(database, kind, 'jsonl')))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).eventId);
      expect(again).toEqual(rows.map((r) => r.eventId));
    }
  });

  test('metrics events export as CSV with the event id and agent id last', async () => {
    const database = fresh();
    await seedAgent(database, { tickets: 2 });
    await browser.storage.local.set({ settings: { team: { agentId: 'agent-b2' } } });
    const csv = await text(exportStream(database, 'events', 'csv'));
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('id,time,type,site,ticketHash,templateId,field,data,eventId,agentId');
    expect(first).toMatch(/,e-[0-9a-f]{16},agent-b2$/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength((await database.events.count()) + 1);
  });

  test('a real name is never written unless the policy allows names', async () => {
    const database = fresh();
    await seedAgent(database, { tickets: 1 });
    await browser.storage.local.set({ settings: { team: { agentId: 'Alice Martin', realNames: true } } });
    const refused = await text(exportStream(database, 'corrections', 'csv'));
    expect(refused).not.toContain('Alice Martin');
    setPolicyProvider(() => ({ values: { team: { realNames: true } }, locked: [] }));
    expect(await text(exportStream(database, 'corrections', 'csv'))).toContain('Alice Martin');
  });

  test('file names say the kind, the agent and the day', () => {
    const day = new Date('2026-11-24T10:00:00Z');
    expect(exportFileName('events', 'jsonl', day)).toBe('deskmate-events-2026-11-24.jsonl');
    expect(exportFileName('corrections', 'csv', day, 'Zoë M/x')).toBe(
      'deskmate-corrections-Zo_M_x-2026-11-24.csv',
    );
  });
});
