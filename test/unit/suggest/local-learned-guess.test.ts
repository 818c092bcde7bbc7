import { describe, expect, test } from 'vitest';
import type { DeskField, TicketContext } from '../../../lib/context/ticket-context';
import { DeskmateDb } from '../../../lib/db/db';
import { createLocalProvider } from '../../../lib/engine/local-provider';
import { LocalLearner } from '../../../lib/learner/registry';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { runSuggestion } from '../../../lib/suggest/pipeline';

// A queue field whose option names never appear in the tickets: only the team's corrections can tell.
const queue: DeskField = {
  id: 'queue',
  label: 'Queue',
  kind: 'single',
  writable: true,
  options: [
    { value: '1', label: 'Team A' },
    { value: '2', label: 'Team B' },
  ],
};
const context = (text: string): TicketContext => ({
  site: 'rt',
  ticketKey: text.slice(0, 20),
  url: 'http://127.0.0.1/Ticket/Display.html?id=1',
  subject: '',
  fields: {},
  messages: [{ author: 'C', role: 'customer', text }],
  unreadable: [],
  deskFields: [queue],
  readAt: 0,
});

async function suggestCategory(learner: LocalLearner, text: string) {
  const suggestion = await runSuggestion(
    { context: context(text), templateId: 'triage' },
    { settings: DEFAULT_SETTINGS, provider: createLocalProvider({ learner }), learner },
  );
  return suggestion.fields.category!;
}

describe("the local engine offers the learner's guess when it is not sure enough to predict", () => {
  test('below the abstention threshold: a checked guess with its confidence, never a made-up value', async () => {
    const database = new DeskmateDb(`learned-guess-${Date.now()}`);
    // An abstention threshold no guess reaches, so predict always abstains and only explain answers.
    const learner = new LocalLearner(() => database, { threshold: 1.01, minExamples: 4, saveDelayMs: 1 });
    const printer = ['printer jammed on floor 2', 'printer out of toner', 'printer shows paper error'];
    const vpn = ['vpn disconnects at night', 'vpn password expired', 'vpn client will not start'];
    for (let round = 0; round < 3; round++) {
      for (const t of printer) await learner.learn('triage', 'category', 'rt', t, 'Team A', true);
      for (const t of vpn) await learner.learn('triage', 'category', 'rt', t, 'Team B', true);
    }
    expect(
      await learner.predict('triage', 'category', 'rt', 'the printer jammed again', ['Team A', 'Team B']),
    ).toBe(undefined);

    const field = await suggestCategory(learner, 'the printer jammed again');
    expect(field.value).toBe('Team A');
    expect(field.source).toBe('memory');
    expect(field.confidence).toBeGreaterThan(0.5);
    expect(field.confidence).toBeLessThan(1.01);
    expect(field.note).toMatch(/Best guess from your team’s corrections \(\d+ % sure\): check it\./);
    expect((await suggestCategory(learner, 'my vpn will not connect')).value).toBe('Team B');
  });

  test('with too few corrections for an opinion the field stays missing', async () => {
    const database = new DeskmateDb(`learned-guess-few-${Date.now()}`);
    const learner = new LocalLearner(() => database, { saveDelayMs: 1 });
    await learner.learn('triage', 'category', 'rt', 'printer jammed', 'Team A', true);
    const field = await suggestCategory(learner, 'my vpn will not connect');
    expect(field.status).toBe('missing');
    expect(field.value).toBe(null);
  });
});
