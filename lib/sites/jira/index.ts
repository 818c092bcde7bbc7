import type { MessageRole } from '../../context/ticket-context';
import { defineDesk, keyFromUrl, pick } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

export const jiraAdapter = defineDesk({
  id: 'jira',
  name: 'Jira Service Management',
  scope: (doc) => (first(doc, s.summary) ? doc : undefined),
  ticketKey: (root, url) =>
    pick(root, s.issueKey) ??
    keyFromUrl(/\/browse\/([A-Z][A-Z0-9]+-\d+)/, /selectedIssue=([A-Z][A-Z0-9]+-\d+)/)(url),
  fields: {
    subject: s.summary,
    requesterName: s.reporter,
    requesterEmail: s.reporterEmail,
    status: s.status,
    priority: s.priority,
    queue: s.requestType,
  },
  // The request's description is the customer's first message; comments follow in page order.
  thread: {
    message: [`${s.description[0]}, ${s.comment[0]}`],
    author: s.commentAuthor,
    body: s.commentBody,
    time: s.commentTime,
    role: (el, author, requester): MessageRole => {
      if (first(el, s.internalLozenge)) return 'internal';
      if (el.matches(s.description[0])) return 'customer';
      return author && requester && author === requester ? 'customer' : 'agent';
    },
  },
  targets: { reply: { selectors: s.editor, kind: 'paste' } },
});
