import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { genericAdapter, probeSelectors } from '@/lib/sites/generic';
import { GenericDeskConfig, validateGenericDesk } from '@/lib/sites/generic/config';
import { urlMatches } from '@/lib/sites/generic/match';
import { genericDeskWire } from '@/lib/sites/generic/wire';
import { loadFixture, readOk } from './fixture';

const example = JSON.parse(readFileSync('test/fixtures/generic/helpdesk.config.json', 'utf8'));
const URL = 'https://help.example.com/scp/tickets.php?id=20931';

describe('generic adapter: a desk described by selectors', () => {
  test('the example config is valid on both sides (classic zod and the content-script wire)', () => {
    const checked = validateGenericDesk(example);
    expect(checked.ok).toBe(true);
    expect(() => genericDeskWire().parse(GenericDeskConfig.parse(example))).not.toThrow();
  });

  test('reads the ticket as the config describes it', async () => {
    const { doc, url } = loadFixture('generic/helpdesk.html', URL);
    const adapter = genericAdapter(GenericDeskConfig.parse(example));
    expect(adapter.detect(doc, url)).toBe(true);
    const c = readOk(adapter, doc, url);
    expect(c).toMatchObject({
      site: 'generic:Warehouse helpdesk',
      ticketKey: 'T-20931',
      subject: 'Cannot print shipping labels',
      requester: { name: 'Mateo Rossi', email: 'mateo.rossi@example.it' },
      status: 'Open',
      priority: 'Normal',
      queue: 'Warehouse IT',
      unreadable: [],
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Mateo Rossi'],
      ['internal', 'Dana Kim'],
      ['agent', 'Dana Kim'],
    ]);
    expect(adapter.targets(doc, url)).toEqual(['reply', 'internal-note']);
    // The fields the admin named: a select gives its options; a shown value is read-only with why.
    const topic = c.deskFields?.find((f) => f.id === 'topic');
    expect(topic).toMatchObject({ label: 'Help topic', kind: 'single', value: '12', writable: true });
    expect(topic?.options?.map((o) => o.label)).toEqual([
      'Drucker & Etiketten',
      'Scanner',
      'Zugang / Passwort',
    ]);
    expect(c.deskFields?.find((f) => f.id === 'department')).toMatchObject({
      value: 'Warehouse IT',
      writable: false,
    });
    expect(await adapter.setField!(doc, url, 'topic', 'drucker & etiketten')).toEqual({ ok: true });
    expect((doc.querySelector('#helpTopic') as HTMLSelectElement).value).toBe('11');
    expect(await adapter.setField!(doc, url, 'topic', 'Legal')).toMatchObject({ ok: false });
    expect(await adapter.setField!(doc, url, 'department', 'Sales')).toMatchObject({ ok: false });
    expect(await adapter.apply(doc, url, 'internal-note', 'KB-118 applies')).toEqual({ ok: true });
    expect((doc.getElementById('note') as HTMLTextAreaElement).value).toBe('KB-118 applies');
  });

  test('the key falls back to the URL pattern; a missing field is reported, not guessed', () => {
    const { doc, url } = loadFixture('generic/helpdesk.html', URL);
    doc.querySelector('.ticket-number')?.remove();
    doc.querySelector('.user-email')?.remove();
    const c = readOk(genericAdapter(GenericDeskConfig.parse(example)), doc, url);
    expect(c.ticketKey).toBe('20931');
    expect(c.unreadable).toEqual([{ field: 'requester.email', reason: 'not found on the page' }]);
  });

  test('"test this page" shows what each selector reads', () => {
    const { doc } = loadFixture('generic/helpdesk.html', URL);
    const probes = probeSelectors(doc, { ...example, status: ['.no-such-thing'] });
    expect(probes.find((p) => p.field === 'ticketKey')).toEqual({
      field: 'ticketKey',
      count: 1,
      first: 'T-20931',
    });
    expect(probes.find((p) => p.field === 'message')).toMatchObject({ count: 3 });
    expect(probes.find((p) => p.field === 'status')).toEqual({ field: 'status', count: 0, first: undefined });
  });

  test('bad configs get clear, per-field errors', () => {
    const bad = validateGenericDesk({
      name: '',
      matches: ['help.example.com'],
      ticketKey: {},
      subject: ['div[['],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        'name: Give the desk a name.',
        expect.stringMatching(/^matches\.0: Not a match pattern/),
        'ticketKey: Say where the ticket number is (selector or URL pattern).',
        expect.stringMatching(/^subject\.0: Not a valid CSS selector/),
      ]),
    );
    expect(validateGenericDesk({ ...example, ticketKey: { urlPattern: '[' } }).ok).toBe(false);
  });

  test('match patterns pick the pages', () => {
    expect(urlMatches('https://help.example.com/scp/*', URL)).toBe(true);
    expect(urlMatches('https://*.example.com/*', URL)).toBe(true);
    expect(urlMatches('https://help.example.com/scp/*', 'https://evil.example.org/scp/x')).toBe(false);
    expect(urlMatches('http://127.0.0.1/*', 'http://127.0.0.1:8080/Ticket/Display.html?id=1')).toBe(true);
  });
});
