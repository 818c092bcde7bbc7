import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TicketContext, ticketText } from '@/lib/context/ticket-context';
import type { Settings } from '@/lib/settings/schema';
import type { SiteAdapter } from '@/lib/sites/types';
import { runSuggestion } from '@/lib/suggest/pipeline';
import { BUILTIN_TEMPLATES } from '@/lib/templates/builtin';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { remoteSettings } from '../../openai-server/settings';
import { loadFixture } from '../sites/fixture';

/**
 * Data boundaries across every saved desk page: each fixture read by its adapter, pre-filled through
 * every template against the local OpenAI-protocol server with redaction on (the default). The
 * personal data is found in each ticket by detectors written here, independent of lib/redact, and
 * none of it may appear in any request body.
 */
const URLS: Record<string, string> = {
  demo: 'http://127.0.0.1:4100/tickets/1003',
  freshdesk: 'https://acme.freshdesk.com/a/tickets/8812',
  front: 'https://app.frontapp.com/open/cnv_8k2j1x',
  gmail: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ',
  helpscout: 'https://secure.helpscout.net/conversation/2841/1193',
  hubspot: 'https://app.hubspot.com/contacts/4242/ticket/991',
  intercom: 'https://app.intercom.com/a/inbox/abc123/inbox/conversation/77',
  jira: 'https://acme.atlassian.net/browse/SUP-214',
  redmine: 'http://127.0.0.1:3000/issues/1',
  rt: 'http://127.0.0.1:8080/Ticket/Display.html?id=1',
  salesforce: 'https://acme.lightning.force.com/lightning/r/Case/5003000000D8cuIAAR/view',
  servicenow: 'https://acme.service-now.com/incident.do?sys_id=1',
  zendesk: 'https://acme.zendesk.com/agent/tickets/4412',
};

const modules = import.meta.glob<Record<string, unknown>>('../../../lib/sites/*/index.ts', { eager: true });
const adapters = Object.values(modules).flatMap((mod) =>
  Object.values(mod).filter(
    (v): v is SiteAdapter =>
      typeof v === 'object' && v !== null && typeof (v as SiteAdapter).read === 'function',
  ),
);

/** Personal data in a text, by patterns of our own (not lib/redact's). */
function personalData(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) found.add(m[0]);
  for (const m of text.matchAll(/\+\d[\d ()-]{7,}\d/g)) found.add(m[0]);
  for (const m of text.matchAll(/\b(?:\d[ -]?){13,19}\b/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (luhn(digits)) found.add(m[0].trim());
  }
  for (const m of text.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g)) {
    if (ibanValid(m[0].replace(/ /g, ''))) found.add(m[0]);
  }
  return [...found];
}

/** ISO 13616: 15 to 34 characters, mod 97 of the rearranged number is 1 (a VAT id is not an IBAN). */
function ibanValid(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const numeric = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

function contexts(): { name: string; context: TicketContext }[] {
  const out: { name: string; context: TicketContext }[] = [];
  for (const dir of readdirSync('test/fixtures')) {
    const url = URLS[dir];
    if (!url) continue;
    for (const file of readdirSync(`test/fixtures/${dir}`).filter((f) => f.endsWith('.html'))) {
      const { doc, url: u } = loadFixture(`${dir}/${file}`, url);
      for (const adapter of adapters) {
        if (!adapter.detect(doc, u)) continue;
        const result = adapter.read(doc, u);
        if (result.ok && result.context.messages.length > 0) {
          out.push({ name: `${dir}/${file}`, context: result.context });
          break;
        }
      }
    }
  }
  return out;
}

let server: OpenAIServer;
let settings: Settings;
beforeAll(async () => {
  server = await startOpenAIServer();
  settings = remoteSettings(server.baseUrl);
});
afterAll(() => server.close());

test('no personal data from any saved desk page leaves the device with redaction on', {
  timeout: 120_000,
}, async () => {
  const pages = contexts();
  expect(pages.length).toBeGreaterThanOrEqual(10);
  let checked = 0;
  let leaks: string[] = [];
  for (const { name, context } of pages) {
    const secrets = personalData(`${ticketText(context)}\n${context.requester?.email ?? ''}`);
    for (const template of BUILTIN_TEMPLATES) {
      server.requests.length = 0;
      await runSuggestion({ context, templateId: template.id }, { settings });
      const body = server.requests.map((r) => r.raw).join('\n');
      const bodyDigits = body.replace(/\D/g, '');
      for (const secret of secrets) {
        checked++;
        const digits = secret.replace(/\D/g, '');
        const leaked = secret.includes('@')
          ? body.includes(secret)
          : body.includes(secret) || (digits.length >= 9 && bodyDigits.includes(digits));
        if (leaked) leaks.push(`${name} / ${template.id}: ${secret.slice(0, 4)}…`);
      }
    }
  }
  leaks = [...new Set(leaks)];
  console.log(
    `data boundaries: ${pages.length} desk pages × ${BUILTIN_TEMPLATES.length} templates, ${checked} personal values checked, ${leaks.length} leaked`,
  );
  expect(leaks).toEqual([]);
  expect(checked).toBeGreaterThan(0);
});
