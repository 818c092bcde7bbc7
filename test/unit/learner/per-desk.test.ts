import { describe, expect, test } from 'vitest';
import type { DeskField, TicketContext } from '@/lib/context/ticket-context';
import { type Correction, DeskmateDb } from '@/lib/db/db';
import { createLocalProvider } from '@/lib/engine/local-provider';
import { LocalLearner, learnerKey } from '@/lib/learner/registry';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { runSuggestion } from '@/lib/suggest/pipeline';

/** Two desks of one team: the IT desk routes printers to "Hardware", the facilities desk to "Building". */
const printer = ['printer jammed on floor 2', 'printer out of toner', 'printer shows a paper error'];
const vpn = ['vpn disconnects at night', 'vpn password expired', 'vpn client will not start'];

async function teach(learner: LocalLearner, site: string, printerQueue: string, otherQueue: string) {
  for (let round = 0; round < 3; round++) {
    for (const t of printer) await learner.learn('triage', 'category', site, t, printerQueue, true);
    for (const t of vpn) await learner.learn('triage', 'category', site, t, otherQueue, true);
  }
}

function row(i: number, site: string, text: string, kept: string): Correction {
  return {
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: null,
    keptValue: kept,
    agreed: false,
    aiConfidence: 0,
    aiSource: 'local',
    evidence: [],
    contextSnippet: text,
    site,
    ticketHash: `${site}-${i}`,
    time: 1_700_000_000_000 + i,
  };
}

describe('learning per template field and desk', () => {
  test('two desks with different queues never mix', async () => {
    const database = new DeskmateDb(`per-desk-${Date.now()}`);
    const learner = new LocalLearner(() => database, { threshold: 0, minExamples: 4, saveDelayMs: 1 });
    await teach(learner, 'rt', 'Hardware', 'Network');
    await teach(learner, 'redmine', 'Building', 'Remote access');
    expect(await learner.size('triage', 'category', 'rt')).toBe(18);
    expect(await learner.size('triage', 'category', 'redmine')).toBe(18);
    const ask = (site: string, options: string[]) =>
      learner.explain('triage', 'category', site, 'the printer jammed again', options);
    expect((await ask('rt', ['Hardware', 'Network']))?.value).toBe('Hardware');
    expect((await ask('redmine', ['Building', 'Remote access']))?.value).toBe('Building');
    // A desk that offers another desk's value still gets no opinion learned elsewhere.
    expect(await ask('zendesk', ['Hardware', 'Building'])).toBeUndefined();
    database.close();
  });

  test('a learner saved before states were per desk is relearned per desk from the stored corrections, once', async () => {
    const database = new DeskmateDb(`per-desk-legacy-${Date.now()}`);
    const rows = [
      ...printer.flatMap((t, i) => [row(i, 'rt', t, 'Hardware'), row(100 + i, 'redmine', t, 'Building')]),
      ...vpn.flatMap((t, i) => [
        row(10 + i, 'rt', t, 'Network'),
        row(110 + i, 'redmine', t, 'Remote access'),
      ]),
    ];
    await database.corrections.bulkAdd(rows);
    // What an older build left: one state for the template field, whatever the desk.
    await database.learnerState.put({ key: 'triage.category', state: { classifier: {} }, updatedAt: 1 });
    const learner = new LocalLearner(() => database, { threshold: 0, minExamples: 2 });
    expect(await learner.size('triage', 'category', 'rt')).toBe(6);
    expect(await database.learnerState.get('triage.category')).toBeUndefined();
    expect(await database.learnerState.get(learnerKey('triage', 'category', 'redmine'))).toBeDefined();
    const fresh = new LocalLearner(() => database, { threshold: 0, minExamples: 2 });
    expect(await fresh.size('triage', 'category', 'redmine')).toBe(6);
    expect(
      (await fresh.explain('triage', 'category', 'redmine', 'printer jammed', ['Building', 'Remote access']))
        ?.value,
    ).toBe('Building');
    database.close();
  });
});

describe('an option the desk renamed or removed', () => {
  const queue = (labels: string[]): DeskField => ({
    id: 'queue',
    label: 'Queue',
    kind: 'single',
    writable: true,
    options: labels.map((label, i) => ({ value: String(i + 1), label })),
  });
  const context = (text: string, deskFields: DeskField[]): TicketContext => ({
    site: 'rt',
    ticketKey: text.slice(0, 16),
    url: 'http://127.0.0.1/Ticket/Display.html?id=1',
    subject: '',
    fields: {},
    messages: [{ author: 'C', role: 'customer', text }],
    unreadable: [],
    deskFields,
    readAt: 0,
  });

  test('is never suggested, and the panel is told once', async () => {
    const database = new DeskmateDb(`per-desk-gone-${Date.now()}`);
    const learner = new LocalLearner(() => database, { minExamples: 4, saveDelayMs: 1 });
    await teach(learner, 'rt', 'Hardware', 'Network');
    const suggest = async (text: string, labels: string[]) =>
      (
        await runSuggestion(
          { context: context(text, [queue(labels)]), templateId: 'triage' },
          { settings: DEFAULT_SETTINGS, provider: createLocalProvider({ learner }), learner },
        )
      ).fields.category!;
    // The admin renamed "Hardware" to "Devices".
    const first = await suggest('the printer jammed again', ['Devices', 'Network']);
    expect(first.value).not.toBe('Hardware');
    expect(first.note).toContain('The desk no longer offers “Hardware”');
    const second = await suggest('my vpn will not start', ['Devices', 'Network']);
    expect(second.value).toBe('Network');
    expect(second.note ?? '').not.toContain('no longer offers');
    // Said once, also after the browser restarts (the learner's state is saved).
    await learner.flush();
    const restarted = new LocalLearner(() => database, { minExamples: 4 });
    expect(await restarted.goneOptions('triage', 'category', 'rt', ['Devices', 'Network'])).toEqual([]);
    database.close();
  });
});
