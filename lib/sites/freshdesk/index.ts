import { defineDesk, keyFromUrl, roles } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

export const freshdeskAdapter = defineDesk({
  id: 'freshdesk',
  name: 'Freshdesk',
  isTicket: (_doc, url) => /\/a\/tickets\/\d+/.test(url.pathname),
  scope: (doc) => first(doc, s.ticket),
  ticketKey: (_root, url) => keyFromUrl(/\/a\/tickets\/(\d+)/)(url),
  fields: {
    subject: s.subject,
    requesterName: s.requesterName,
    requesterEmail: s.requesterEmail,
    status: s.status,
    priority: s.priority,
    queue: s.group,
  },
  thread: {
    message: s.message,
    author: s.author,
    body: s.body,
    time: s.time,
    role: roles.byMarker(s.privateNote, s.agentReply),
  },
  targets: { reply: { selectors: s.replyEditor, kind: 'editable' } },
  watchRoots: (doc) => (doc.body ? [doc.body] : []),
});
