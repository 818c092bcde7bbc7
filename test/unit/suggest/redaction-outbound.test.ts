// @vitest-environment node
// Data boundaries, end to end: every demo ticket through every template via the real pipeline and SDK;
// every request body the endpoint receives is checked for raw personal data.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Settings } from '../../../lib/settings/schema';
import { runSuggestion } from '../../../lib/suggest/pipeline';
import { BUILTIN_TEMPLATES } from '../../../lib/templates/builtin';
import tickets from '../../demo-desk/tickets.json';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { remoteSettings } from '../../openai-server/settings';
import { DEMO_TICKET_IDS, demoContext } from './demo-context';

let server: OpenAIServer;
let settings: Settings;

beforeAll(async () => {
  server = await startOpenAIServer();
  settings = remoteSettings(server.baseUrl);
});
afterAll(() => server.close());

/** Digits only, so "+49 151 23456789" is found however it is spaced in the body. */
const digits = (s: string) => s.replace(/\D/g, '');

test('no raw e-mail, phone, card number or IBAN leaves the device, and answers are restored', {
  timeout: 60_000,
}, async () => {
  const suggestions = [];
  for (const id of DEMO_TICKET_IDS) {
    for (const template of BUILTIN_TEMPLATES) {
      suggestions.push(
        await runSuggestion({ context: demoContext(id), templateId: template.id }, { settings }),
      );
    }
  }
  expect(server.requests).toHaveLength(DEMO_TICKET_IDS.length * BUILTIN_TEMPLATES.length);

  const secrets = {
    emails: tickets.map((t) => t.requester.email),
    phones: ['+49 151 23456789', '+420 601 123 456'],
    cards: ['4111 1111 1111 1111'],
    ibans: ['DE89 3704 0044 0532 0130 00'],
  };
  for (const r of server.requests) {
    const body = r.raw;
    const bodyDigits = digits(body);
    for (const email of secrets.emails) expect(body.toLowerCase()).not.toContain(email.toLowerCase());
    expect(body).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
    for (const s of [...secrets.phones, ...secrets.cards, ...secrets.ibans]) {
      expect(body).not.toContain(s);
      expect(bodyDigits).not.toContain(digits(s));
    }
  }
  // The placeholders went out instead...
  const all = server.requests.map((r) => r.raw).join('\n');
  expect(all).toContain('[CARD_1]');
  expect(all).toContain('[IBAN_1]');
  expect(all).toContain('[PHONE_1]');
  // ...and the agent sees the real values again: ticket 1009's handoff quotes the IBAN.
  const handoff = suggestions.find((s) => s.ticketKey === '1009' && s.templateId === 'escalation-handoff');
  expect(String(handoff?.fields.ask?.value)).toContain('DE89 3704 0044 0532 0130 00');
  expect(handoff?.fields.ask?.status).toBe('filled');
});
