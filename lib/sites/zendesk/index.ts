import { defineDesk, keyFromUrl, roles } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

export const zendeskAdapter = defineDesk({
  id: 'zendesk',
  name: 'Zendesk',
  isTicket: (_doc, url) => /\/agent\/tickets\/\d+/.test(url.pathname),
  // Only the active ticket tab: background tabs stay in the DOM with other tickets' text.
  scope: (doc) => first(doc, s.activePane),
  ticketKey: (_root, url) => keyFromUrl(/\/agent\/tickets\/(\d+)/)(url),
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
    author: s.sender,
    body: s.body,
    time: s.time,
    role: roles.byMarker(s.internalNote),
  },
  targets: { reply: { selectors: s.composer, kind: 'ckeditor5' } },
  // The panes' container holds every tab: switching tabs flips data-is-active there.
  watchRoots: (doc) => (doc.body ? [doc.body] : []),
  watchAttributes: ['data-is-active'],
});
