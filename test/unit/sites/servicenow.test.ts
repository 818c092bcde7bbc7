import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { servicenowAdapter } from '@/lib/sites/servicenow';
import { loadFixture, readOk } from './fixture';

const URL = 'https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do';
const form = readFileSync('test/fixtures/servicenow/incident-form.html', 'utf8');

describe('ServiceNow (reconstructed fixtures)', () => {
  test('reads the form inside iframe#gsft_main through its contentDocument', () => {
    const { doc, url } = loadFixture('servicenow/navigator.html', URL);
    const frame = doc.querySelector('iframe#gsft_main') as HTMLIFrameElement;
    // happy-dom loads no frames (fixtures must not fetch): give the frame the saved form as its
    // same-origin document, which is what contentDocument returns in the browser.
    const inner = doc.implementation.createHTMLDocument('form');
    Object.defineProperty(frame, 'contentDocument', { value: inner });
    inner.documentElement.innerHTML = form.replace(/^<!--[\s\S]*?-->\s*<!doctype html>/i, '');
    expect(servicenowAdapter.detect(doc, url)).toBe(true);
    const c = readOk(servicenowAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: 'INC0010042',
      subject: 'Printer on floor 3 prints blank pages',
      requester: { name: 'Fatima Zahra', email: 'fatima.zahra@example.ma' },
      status: 'In Progress',
      priority: '3 - Moderate',
      queue: 'Service Desk',
      unreadable: [],
    });
    expect(c.fields.Description).toContain('Asset tag PRN-3-017');
    // The activity stream lists newest first; the context is oldest first.
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Fatima Zahra'],
      ['internal', 'Ivan Petrov'],
      ['agent', 'Ivan Petrov'],
    ]);
  });

  test('the form opened directly (no navigator frame) is read too, and written', async () => {
    const { doc, url } = loadFixture(
      'servicenow/incident-form.html',
      'https://acme.service-now.com/incident.do?sys_id=a1',
    );
    expect(readOk(servicenowAdapter, doc, url).ticketKey).toBe('INC0010042');
    expect(servicenowAdapter.targets(doc, url)).toEqual(['reply', 'internal-note']);
    // State and priority are the form's own selects: their options are read from the form.
    const fields = readOk(servicenowAdapter, doc, url).deskFields ?? [];
    const state = fields.find((f) => f.id === 'state');
    expect(state).toMatchObject({ kind: 'single', writable: true });
    expect(state?.options?.map((o) => o.label)).toContain('Resolved');
    expect(fields.map((f) => f.id)).toEqual(['state', 'priority']);
    expect(await servicenowAdapter.apply(doc, url, 'internal-note', 'Part ordered')).toEqual({ ok: true });
    expect((doc.getElementById('activity-stream-work_notes-textarea') as HTMLTextAreaElement).value).toBe(
      'Part ordered',
    );
    expect(await servicenowAdapter.setField!(doc, url, 'state', 'Resolved')).toEqual({ ok: true });
    expect((doc.getElementById('incident.state') as HTMLSelectElement).value).toBe('6');
  });

  test('the navigator without a loaded form is not a ticket', () => {
    const { doc, url } = loadFixture('servicenow/navigator.html', URL);
    expect(servicenowAdapter.detect(doc, url)).toBe(false);
  });
});
