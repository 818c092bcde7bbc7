import { describe, expect, test } from 'vitest';
import { redmineAdapter } from '@/lib/sites/redmine';
import { loadFixture } from './fixture';

const BASE = 'http://127.0.0.1:3000';

describe('Redmine 5 (pages saved from a real Redmine 5)', () => {
  test('reads the issue, its description and notes with roles', () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    expect(redmineAdapter.detect(doc, url)).toBe(true);
    const result = redmineAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const c = result.context;
    expect(c).toMatchObject({
      site: 'redmine',
      ticketKey: '1',
      subject: 'Order #48213 arrived damaged - need replacement',
      status: 'In Progress',
      priority: 'High',
      queue: 'Customer Support',
      requester: { name: 'Alice Customer' },
      fields: { Tracker: 'Support' },
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Alice Customer'],
      ['agent', 'Redmine Admin'],
      ['internal', 'Redmine Admin'],
    ]);
    expect(c.messages[0]?.text).toContain('cracked lid');
    expect(c.messages[2]?.text).toBe('Internal: check warehouse packaging for batch 7.');
    expect(c.unreadable).toEqual([
      { field: 'requester.email', reason: "Redmine does not show the author's e-mail on the issue page." },
    ]);
  });

  test('writes the notes box (opening the hidden edit form), private notes and fields', async () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    expect(redmineAdapter.targets(doc, url)).toEqual(['reply', 'internal-note', 'status', 'priority']);
    expect(await redmineAdapter.apply(doc, url, 'reply', 'Hello Alice')).toEqual({ ok: true });
    const notes = doc.querySelector('textarea#issue_notes') as HTMLTextAreaElement;
    expect(notes.value).toBe('Hello Alice');
    expect((doc.querySelector('#update') as HTMLElement).style.display).not.toBe('none');
    expect(await redmineAdapter.apply(doc, url, 'internal-note', 'Check batch 7')).toEqual({ ok: true });
    expect((doc.querySelector('#issue_private_notes') as HTMLInputElement).checked).toBe(true);
    expect(await redmineAdapter.apply(doc, url, 'priority', 'urgent')).toEqual({ ok: true });
    expect(
      (doc.querySelector('#issue_priority_id') as HTMLSelectElement).selectedOptions[0]?.textContent,
    ).toBe('Urgent');
    expect(await redmineAdapter.apply(doc, url, 'priority', 'catastrophic')).toMatchObject({ ok: false });
    expect(await redmineAdapter.apply(doc, url, 'queue', 'x')).toMatchObject({ ok: false });
  });

  test('an RT page is not claimed by Redmine', () => {
    const { doc, url } = loadFixture('rt/ticket-display.html', `${BASE}/Ticket/Display.html?id=1`);
    expect(redmineAdapter.detect(doc, url)).toBe(false);
  });
});
