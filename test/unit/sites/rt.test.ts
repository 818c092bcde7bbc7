import { describe, expect, test } from 'vitest';
import { rtAdapter } from '@/lib/sites/rt';
import { loadFixture } from './fixture';

const BASE = 'http://127.0.0.1:8080';

describe('Request Tracker 5 (pages saved from a real RT 5)', () => {
  test('reads the ticket with its late-loaded history', () => {
    const { doc, url } = loadFixture('rt/ticket-display.html', `${BASE}/Ticket/Display.html?id=1`);
    expect(rtAdapter.detect(doc, url)).toBe(true);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const c = result.context;
    expect(c).toMatchObject({
      site: 'rt',
      ticketKey: '1',
      subject: 'Order #48213 arrived damaged - need replacement',
      status: 'open',
      priority: 'Medium',
      queue: 'General',
      requester: { name: 'Alice Customer', email: 'alice.customer@example.org' },
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Alice Customer'],
      ['agent', 'root (Enoch Root)'],
      ['internal', 'root (Enoch Root)'],
    ]);
    expect(c.messages[0]?.text).toContain('cracked lid and the\nbox was crushed');
    expect(c.messages[1]?.text).toBe('Hi Alice, sorry about that! A replacement kettle ships tomorrow.');
    expect(c.messages[2]?.id).toBe('38');
    expect(c.unreadable).toEqual([]);
  });

  test('before the history arrives it says so instead of returning an empty thread silently', () => {
    const { doc, url } = loadFixture(
      'rt/ticket-display-before-history.html',
      `${BASE}/Ticket/Display.html?id=1`,
    );
    expect(rtAdapter.detect(doc, url)).toBe(true);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.messages).toEqual([]);
    expect(result.context.unreadable).toEqual([
      { field: 'messages', reason: 'The ticket history is still loading.' },
    ]);
    expect(result.context.subject).toBe('Order #48213 arrived damaged - need replacement');
  });

  test('the reply page offers the reply box and status, and writes the CKEditor body', async () => {
    const { doc, url } = loadFixture(
      'rt/ticket-reply.html',
      `${BASE}/Ticket/Update.html?Action=Respond&id=1`,
    );
    expect(rtAdapter.detect(doc, url)).toBe(true);
    expect(rtAdapter.targets(doc, url)).toEqual(['reply', 'status']);
    // happy-dom loads no iframe page, so the editor falls back to the plain textarea path when the
    // frame has no editable body: the write must still land or fail with a reason, never throw.
    const result = await rtAdapter.apply(doc, url, 'status', 'resolved');
    expect(result).toEqual({ ok: true });
    expect(await rtAdapter.apply(doc, url, 'priority', 'high')).toMatchObject({ ok: false });
  });

  test('a page that is not RT is not claimed', () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    expect(rtAdapter.detect(doc, url)).toBe(false);
    expect(rtAdapter.read(doc, url).ok).toBe(false);
  });
});
