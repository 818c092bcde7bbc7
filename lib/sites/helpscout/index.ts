import { defineDesk, keyFromUrl, pick, roles } from '../declarative';
import { all, first, textOf } from '../dom';
import type { SiteAdapter } from '../types';
import { selectors as s } from './selectors';

const base = defineDesk({
  id: 'helpscout',
  name: 'Help Scout',
  isTicket: (_doc, url) => /\/conversation\/\d+/.test(url.pathname),
  scope: (doc) => (first(doc, s.subject) ? doc : undefined),
  ticketKey: (root, url) =>
    pick(root, s.number)?.replace(/^#/, '') ?? keyFromUrl(/\/conversation\/(\d+)/)(url),
  fields: {
    subject: s.subject,
    requesterName: s.customerName,
    requesterEmail: s.customerEmail,
    status: s.status,
    queue: s.mailbox,
  },
  thread: {
    message: s.thread,
    author: s.threadAuthor,
    body: s.threadBody,
    time: s.threadTime,
    role: roles.byMarker(s.note, s.agentReply),
  },
  notShown: { priority: 'Help Scout conversations have no priority.' },
  targets: { reply: { selectors: s.editor, kind: 'editable' } },
});

/** Help Scout's tags are its categories: reported as a field. */
export const helpscoutAdapter: SiteAdapter = {
  ...base,
  read(doc, url) {
    const result = base.read(doc, url);
    if (!result.ok) return result;
    const tags = all(doc, s.tag)
      .map((t) => textOf(t))
      .filter(Boolean);
    if (tags.length > 0) result.context.fields.Tags = tags.join(', ');
    return result;
  },
};
