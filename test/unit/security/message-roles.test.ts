import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { genericDesksFor } from '@/lib/sites/handlers';

/**
 * Content scripts run beside untrusted pages: a compromised one must not be able to ask the
 * background for settings, keys, records or provider calls. Widening this list is a security review.
 */
const CONTENT_MAY_SEND = [
  'app.ping',
  // The generic adapter's selectors for the sender's own page only (lib/sites/handlers.ts matches the
  // desks against sender.url): no secrets, nothing about other pages.
  'sites.genericDesks',
];

test('content scripts may send only the allow-listed background messages', () => {
  const fromContent = Object.entries(backgroundMessages)
    .filter(([, spec]) => (spec.from as readonly string[]).includes('content'))
    .map(([name]) => name)
    .sort();
  expect(fromContent).toEqual([...CONTENT_MAY_SEND].sort());
});

test('a content script gets only the described desks that match its own page', async () => {
  const base = JSON.parse(readFileSync('test/fixtures/generic/helpdesk.config.json', 'utf8'));
  const desk = (name: string, host: string) => ({ ...base, name, matches: [`https://${host}/*`] });
  await fakeBrowser.storage.local.set({
    settings: { sites: { genericDesks: [desk('A', 'a.example'), desk('B', 'b.example')] } },
  });
  const forA = await genericDesksFor('https://a.example/t/1');
  expect(forA.map((d) => d.name)).toEqual(['A']);
  expect(await genericDesksFor('https://evil.example/t/1')).toEqual([]);
  expect(await genericDesksFor(undefined)).toEqual([]);
});
