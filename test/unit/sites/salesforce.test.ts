import { describe, expect, test } from 'vitest';
import { salesforceAdapter } from '@/lib/sites/salesforce';
import { loadFixture, readOk } from './fixture';

const URL = 'https://acme.lightning.force.com/lightning/r/Case/500A000000XyZ/view';

describe('Salesforce Service Console (reconstructed fixture)', () => {
  test('reads only the visible console tab', () => {
    const { doc, url } = loadFixture('salesforce/console-two-cases.html', URL);
    expect(salesforceAdapter.detect(doc, url)).toBe(true);
    const c = readOk(salesforceAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: '00001027',
      subject: 'Shipment 88231 stuck in customs',
      requester: { name: 'Priya Raman', email: 'priya.raman@example.in' },
      status: 'Escalated',
      priority: 'High',
      queue: 'Logistics Queue',
      unreadable: [],
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Priya Raman'],
      ['internal', 'Marco Rossi'],
      ['agent', 'Marco Rossi'],
    ]);
    expect(JSON.stringify(c)).not.toContain('Cannot log in');
  });

  test('writes the e-mail reply and the internal post', async () => {
    const { doc, url } = loadFixture('salesforce/console-two-cases.html', URL);
    expect(salesforceAdapter.targets(doc, url)).toEqual(['reply', 'internal-note']);
    expect(await salesforceAdapter.apply(doc, url, 'internal-note', 'Broker called.')).toEqual({ ok: true });
    expect(doc.querySelector('.ql-editor')?.textContent).toContain('Broker called.');
    // The console's record view prints values without controls: nothing to write, and it says so.
    expect(await salesforceAdapter.setField!(doc, url, 'priority', 'Low')).toMatchObject({ ok: false });
  }, 10_000);
});
