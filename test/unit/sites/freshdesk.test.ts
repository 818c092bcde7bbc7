import { describe, expect, test } from 'vitest';
import { freshdeskAdapter } from '@/lib/sites/freshdesk';
import { loadFixture, readOk } from './fixture';

describe('Freshdesk (reconstructed fixture)', () => {
  test('reads the ticket, description first, with private notes internal', async () => {
    const { doc, url } = loadFixture('freshdesk/ticket.html', 'https://acme.freshdesk.com/a/tickets/8812');
    expect(freshdeskAdapter.detect(doc, url)).toBe(true);
    const c = readOk(freshdeskAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: '8812',
      subject: 'Coffee machine leaks water (model CM-300)',
      requester: { name: 'Jonas Berg', email: 'jonas.berg@example.se' },
      status: 'Pending',
      priority: 'Medium',
      queue: 'Product Support',
      unreadable: [],
    });
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'internal', 'agent']);
    expect(c.messages[0]?.text).toBe(
      'My CM-300 leaks water from the bottom after 2 weeks.\nSerial SN-CM3-55102.',
    );
    expect(await freshdeskAdapter.apply(doc, url, 'reply', 'Please send a photo.')).toEqual({ ok: true });
    expect(doc.querySelector('.fr-element')?.textContent).toContain('Please send a photo.');
  });
});
