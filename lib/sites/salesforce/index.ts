import type { MessageRole } from '../../context/ticket-context';
import { defineDesk, keyFromUrl, pick } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

const roleOf = (el: Element): MessageRole => {
  if (el.matches(s.internalPost.join(','))) return 'internal';
  return el.matches(s.inboundEmail.join(',')) ? 'customer' : 'agent';
};

export const salesforceAdapter = defineDesk({
  id: 'salesforce',
  name: 'Salesforce Service Console',
  isTicket: (_doc, url) => /\/lightning\/r\/Case\/\w+\/view/.test(url.pathname),
  // Only the visible console tab: hidden tabs keep other cases in the DOM.
  scope: (doc) => first(doc, s.activeTab),
  ticketKey: (root, url) => pick(root, s.caseNumber) ?? keyFromUrl(/\/lightning\/r\/Case\/(\w+)\/view/)(url),
  fields: {
    subject: s.subject,
    requesterName: s.contactName,
    requesterEmail: s.contactEmail,
    status: s.status,
    priority: s.priority,
    queue: s.owner,
  },
  thread: { message: s.feedItem, author: s.feedAuthor, body: s.feedBody, time: s.feedTime, role: roleOf },
  targets: {
    reply: { selectors: s.emailPublisher, kind: 'paste' },
    'internal-note': { selectors: s.postPublisher, kind: 'paste' },
  },
  watchRoots: (doc) => (doc.body ? [doc.body] : []),
  watchAttributes: ['class', 'aria-hidden'],
});
