import { describe, expect, test } from 'vitest';
import { frontAdapter } from '@/lib/sites/front';
import { loadFixture, readOk } from './fixture';

describe('Front (reconstructed fixture)', () => {
  test('reads by class-name prefixes; comments are internal', () => {
    const { doc, url } = loadFixture('front/conversation.html', 'https://app.frontapp.com/open/cnv_8k2j1x');
    expect(frontAdapter.detect(doc, url)).toBe(true);
    const c = readOk(frontAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: 'cnv_8k2j1x',
      subject: 'Damaged parcel, tracking DPD 0539 1123',
      requester: { name: 'Yusuf Demir', email: 'yusuf.demir@example.com.tr' },
      status: 'Open',
      queue: 'Returns',
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Yusuf Demir'],
      ['internal', 'Elif Kaya'],
      ['agent', 'Elif Kaya'],
    ]);
  });
});
