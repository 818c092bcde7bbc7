import { defineDesk, keyFromUrl, roles } from '../declarative';
import { selectors as s } from './selectors';

export const hubspotAdapter = defineDesk({
  id: 'hubspot',
  name: 'HubSpot',
  isTicket: (_doc, url) => /\/(ticket|record\/0-5)\/\d+/.test(url.pathname),
  scope: (doc) => (doc.querySelector(s.record.join(',')) ? doc : undefined),
  ticketKey: (_root, url) => keyFromUrl(/\/ticket\/(\d+)/, /\/record\/0-5\/(\d+)/)(url),
  fields: {
    subject: s.subject,
    requesterName: s.contactName,
    requesterEmail: s.contactEmail,
    status: s.stage,
    priority: s.priority,
    queue: s.pipeline,
  },
  thread: {
    message: s.threadItem,
    author: s.author,
    body: s.body,
    time: s.time,
    role: roles.byMarker(s.comment, s.agentMessage),
  },
  targets: { reply: { selectors: s.composer, kind: 'paste' } },
});
