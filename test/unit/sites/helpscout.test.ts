import { describe, expect, test } from 'vitest';
import { helpscoutAdapter } from '@/lib/sites/helpscout';
import { loadFixture, readOk } from './fixture';

describe('Help Scout (reconstructed fixture)', () => {
  test('reads the conversation with its tags, and says it has no priority', async () => {
    const { doc, url } = loadFixture(
      'helpscout/conversation.html',
      'https://secure.helpscout.net/conversation/2211/3391',
    );
    expect(helpscoutAdapter.detect(doc, url)).toBe(true);
    const c = readOk(helpscoutAdapter, doc, url);
    expect(c).toMatchObject({
      site: 'helpscout',
      ticketKey: '3391',
      subject: 'Wrong VAT number on invoice',
      requester: { name: 'Anna Kowalska', email: 'anna.k@example.pl' },
      status: 'Active',
      queue: 'Billing',
      fields: { Tags: 'invoice, vat' },
      unreadable: [{ field: 'priority', reason: 'Help Scout conversations have no priority.' }],
    });
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'internal', 'agent']);
    expect(await helpscoutAdapter.apply(doc, url, 'reply', 'Corrected invoice attached.')).toEqual({
      ok: true,
    });
  });
});
