import { describe, expect, test } from 'vitest';
import { jiraAdapter } from '@/lib/sites/jira';
import { loadFixture, readOk } from './fixture';

describe('Jira Service Management (reconstructed fixture)', () => {
  test('reads the request: description first, internal notes, the reporter answering again', () => {
    const { doc, url } = loadFixture('jira/issue.html', 'https://acme.atlassian.net/browse/SUP-214');
    expect(jiraAdapter.detect(doc, url)).toBe(true);
    const c = readOk(jiraAdapter, doc, url);
    expect(c).toMatchObject({
      ticketKey: 'SUP-214',
      subject: 'VPN drops every 10 minutes on macOS 15',
      requester: { name: 'Tomás Alvarez', email: 'tomas.alvarez@example.es' },
      status: 'Waiting for support',
      priority: 'Highest',
      queue: 'IT help',
      unreadable: [],
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Tomás Alvarez'],
      ['internal', 'Grace Lee'],
      ['agent', 'Grace Lee'],
      ['customer', 'Tomás Alvarez'],
    ]);
    expect(c.messages[0]?.text).toBe(
      'Since the update to macOS 15.1 the VPN drops every 10 minutes.\nClient version 5.2.1.',
    );
  });

  test('a page without an issue is not claimed', () => {
    const { doc } = loadFixture('hubspot/ticket.html', 'https://acme.atlassian.net/jira/your-work');
    expect(jiraAdapter.detect(doc, new URL('https://acme.atlassian.net/jira/your-work'))).toBe(false);
  });
});
