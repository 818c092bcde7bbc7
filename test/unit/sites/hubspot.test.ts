import { describe, expect, test } from 'vitest';
import { hubspotAdapter } from '@/lib/sites/hubspot';
import { loadFixture, readOk } from './fixture';

describe('HubSpot (reconstructed fixture)', () => {
  test('reads the ticket record and its thread', () => {
    const { doc, url } = loadFixture(
      'hubspot/ticket.html',
      'https://app.hubspot.com/contacts/123/ticket/9001',
    );
    expect(hubspotAdapter.detect(doc, url)).toBe(true);
    const c = readOk(hubspotAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: '9001',
      subject: 'Upgrade to annual plan not applied',
      requester: { name: 'Chloé Martin', email: 'chloe.martin@example.fr' },
      status: 'Waiting on us',
      priority: 'Low',
      queue: 'Support Pipeline',
      unreadable: [],
    });
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'internal', 'agent']);
    expect(hubspotAdapter.targets(doc, url)).toEqual(['reply']);
  });
});
