import { describe, expect, test } from 'vitest';
import { intercomAdapter } from '@/lib/sites/intercom';
import { loadFixture, readOk } from './fixture';

describe('Intercom (reconstructed fixture)', () => {
  test('reads the conversation, notes internal', () => {
    const { doc, url } = loadFixture(
      'intercom/conversation.html',
      'https://app.intercom.com/a/inbox/abc/inbox/conversation/215468912',
    );
    expect(intercomAdapter.detect(doc, url)).toBe(true);
    const c = readOk(intercomAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: '215468912',
      subject: "Can't export my data to CSV",
      requester: { name: 'Kwame Mensah', email: 'kwame@example.gh' },
      status: 'Open',
      priority: 'Priority',
      queue: 'Tier 2',
      unreadable: [],
    });
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'internal', 'agent']);
  });
});
