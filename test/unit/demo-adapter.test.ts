import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { beforeAll, describe, expect, test } from 'vitest';
import { demoAdapter } from '@/lib/sites/demo';
import { startDemoDesk } from '../demo-desk/server.mjs';

/** happy-dom's fetch applies CORS; fetch the desk's pages the way a server-side client would. */
function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** The demo desk renders real pages; read them through the adapter like the content script does. */
let pages: Record<string, string> = {};
beforeAll(async () => {
  const desk = await startDemoDesk();
  for (const path of ['/tickets/1006', '/tickets/1003', '/tickets/1001?late=1', '/']) {
    pages[path] = await fetchText(desk.baseUrl + path);
  }
  pages = { ...pages, base: desk.baseUrl };
  await desk.close();
});

function load(path: string): { doc: Document; url: URL } {
  document.documentElement.innerHTML = pages[path]!.replace(/^<!doctype html>/i, '');
  return { doc: document, url: new URL(pages.base + path) };
}

describe('demo desk adapter', () => {
  test('reads subject, requester, fields and the ordered thread', () => {
    const { doc, url } = load('/tickets/1006');
    expect(demoAdapter.detect(doc, url)).toBe(true);
    const result = demoAdapter.read(doc, url);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.context;
    expect(c).toMatchObject({
      site: 'demo',
      ticketKey: '1006',
      subject: 'Wrong size delivered',
      status: 'new',
    });
    expect(c.requester).toEqual({ name: 'Kenji Watanabe', email: 'kenji.w@example.jp' });
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'customer']);
    expect(c.messages[1]?.text).toContain('#A-10663');
    expect(c.unreadable).toEqual([]);
  });

  test('marks internal notes as internal', () => {
    const { doc, url } = load('/tickets/1003');
    const result = demoAdapter.read(doc, url);
    expect(result.ok && result.context.messages.map((m) => m.role)).toEqual(['customer', 'internal']);
  });

  test('says the thread is still loading instead of returning an empty conversation silently', () => {
    const { doc, url } = load('/tickets/1001?late=1');
    const result = demoAdapter.read(doc, url);
    expect(result.ok && result.context.unreadable).toEqual([
      { field: 'messages', reason: 'The conversation is still loading.' },
    ]);
  });

  test('the inbox is not a ticket', () => {
    const { doc, url } = load('/');
    expect(demoAdapter.detect(doc, url)).toBe(false);
    expect(demoAdapter.read(doc, url)).toEqual({ ok: false, reason: 'This page is not a demo desk ticket.' });
  });

  test('reports the fields form as desk fields, with the options the page offers', () => {
    const { doc, url } = load('/tickets/1006');
    const result = demoAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const fields = result.context.deskFields ?? [];
    expect(fields.map((f) => [f.id, f.label, f.kind, f.writable])).toEqual([
      ['status', 'Status', 'single', true],
      ['priority', 'Priority', 'single', true],
      ['category', 'Category', 'single', true],
      ['product', 'Product', 'text', true],
      ['sentiment', 'Sentiment', 'single', true],
      ['language', 'Language', 'single', true],
      ['summary', 'Summary', 'text', true],
    ]);
    // The options are whatever the page's select holds, read from the page itself.
    const select = doc.querySelector<HTMLSelectElement>('#field-category')!;
    const category = fields.find((f) => f.id === 'category')!;
    expect(category.options?.map((o) => o.value)).toEqual([...select.options].map((o) => o.value));
    expect(category.value).toBe(select.value);
  });

  test('writes the reply box and a desk field, and refuses a value the desk does not offer', async () => {
    const { doc, url } = load('/tickets/1006');
    expect(await demoAdapter.apply(doc, url, 'reply', 'Hello Kenji')).toEqual({ ok: true });
    expect((doc.querySelector('#reply') as HTMLTextAreaElement).value).toBe('Hello Kenji');
    const priority = doc.querySelector<HTMLSelectElement>('#field-priority')!;
    const before = priority.value;
    expect(await demoAdapter.setField!(doc, url, 'priority', 'catastrophic')).toMatchObject({ ok: false });
    expect(priority.value).toBe(before);
    const other = [...priority.options].find((o) => o.value !== before)!;
    // By label, case folded, as a template answers.
    expect(await demoAdapter.setField!(doc, url, 'priority', other.textContent!.toUpperCase())).toEqual({
      ok: true,
    });
    expect(priority.value).toBe(other.value);
    expect(await demoAdapter.setField!(doc, url, 'nope', 'x')).toMatchObject({ ok: false });
  });
});

test('tickets.json holds a dozen realistic tickets', () => {
  const tickets = JSON.parse(readFileSync('test/demo-desk/tickets.json', 'utf8'));
  expect(tickets.length).toBeGreaterThanOrEqual(12);
});
