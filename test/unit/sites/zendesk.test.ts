import { describe, expect, test } from 'vitest';
import { zendeskAdapter } from '@/lib/sites/zendesk';
import { loadFixture, readOk } from './fixture';

const URL_4412 = 'https://acme.zendesk.com/agent/tickets/4412';

describe('Zendesk Agent Workspace (reconstructed fixture)', () => {
  test('reads only the active ticket tab, with roles', () => {
    const { doc, url } = loadFixture('zendesk/agent-workspace-two-tabs.html', URL_4412);
    expect(zendeskAdapter.detect(doc, url)).toBe(true);
    const c = readOk(zendeskAdapter, doc, url);
    expect(c).toMatchObject({
      site: 'zendesk',
      ticketKey: '4412',
      subject: 'Charged twice for order 77120',
      requester: { name: 'Lena Fischer', email: 'lena.fischer@example.de' },
      status: 'Open',
      priority: 'High',
      queue: 'Billing',
      unreadable: [],
    });
    expect(c.messages.map((m) => [m.role, m.author, m.time])).toEqual([
      ['customer', 'Lena Fischer', '2026-11-20T09:14:00Z'],
      ['internal', 'Sam Agent', '2026-11-20T09:30:00Z'],
      ['agent', 'Sam Agent', '2026-11-20T09:35:00Z'],
    ]);
    expect(c.messages[0]?.text).toBe('Hello,\nI was charged twice for order 77120 (€49.90 each).');
    expect(JSON.stringify(c)).not.toContain('Password reset');
  });

  test('a tab switch shows the other ticket, and is watched', () => {
    const { doc } = loadFixture('zendesk/agent-workspace-two-tabs.html', URL_4412);
    const panes = doc.querySelectorAll('.ticket-panes-grid-layout');
    panes[1]?.setAttribute('data-is-active', 'false');
    panes[0]?.setAttribute('data-is-active', 'true');
    const c = readOk(zendeskAdapter, doc, new URL('https://acme.zendesk.com/agent/tickets/4410'));
    expect(c).toMatchObject({ ticketKey: '4410', subject: 'Password reset link expired' });
    expect(zendeskAdapter.watchAttributes).toContain('data-is-active');
  });

  test('writes the reply into the active composer (CKEditor 5 editable)', async () => {
    const { doc, url } = loadFixture('zendesk/agent-workspace-two-tabs.html', URL_4412);
    expect(zendeskAdapter.targets(doc, url)).toEqual(['reply']);
    // No page CKEditor here: the bridge has nobody to talk to, so the isolated-world write is used.
    const result = await zendeskAdapter.apply(doc, url, 'reply', 'Refund sent.');
    expect(result).toEqual({ ok: true });
    expect(doc.querySelector('.ck-editor__editable')?.textContent).toContain('Refund sent.');
  }, 10_000);

  test('the ticket list is not a ticket', () => {
    const { doc } = loadFixture('zendesk/agent-workspace-two-tabs.html', URL_4412);
    expect(zendeskAdapter.detect(doc, new URL('https://acme.zendesk.com/agent/filters/1'))).toBe(false);
  });
});
