import { describe, expect, test } from 'vitest';
import { gmailAdapter } from '@/lib/sites/gmail';
import { loadFixture, readOk } from './fixture';

describe('Gmail (reconstructed fixture)', () => {
  test('reads the thread: first sender is the customer, addresses from attributes', async () => {
    const { doc, url } = loadFixture('gmail/thread.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    expect(gmailAdapter.detect(doc, url)).toBe(true);
    const c = readOk(gmailAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: 'thread-f:1816273645',
      subject: 'Question about bulk order discount',
      requester: { name: 'Helena Silva', email: 'helena.silva@example.pt' },
    });
    expect(c.messages.map((m) => [m.role, m.author, m.time])).toEqual([
      ['customer', 'Helena Silva', 'Mon, Nov 24, 2026, 9:02 AM'],
      ['agent', 'Shop Sales', 'Mon, Nov 24, 2026, 10:15 AM'],
    ]);
    expect(c.unreadable.map((u) => u.field)).toEqual(['status', 'priority', 'queue']);
    expect(await gmailAdapter.apply(doc, url, 'reply', 'Hi Helena')).toEqual({ ok: true });
    expect(doc.querySelector('[g_editable]')?.textContent).toContain('Hi Helena');
  });
});
