import type { MessageRole } from '../../context/ticket-context';
import { defineDesk, pick } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

/** The address that opened the thread (compared by address: display names repeat). */
const firstSender = (doc: Document) => pick(doc, s.firstSenderEmail);

export const gmailAdapter = defineDesk({
  id: 'gmail',
  name: 'Gmail',
  scope: (doc) => (first(doc, s.subject) && first(doc, s.message) ? doc : undefined),
  ticketKey: (root, url) => pick(root, s.threadId) ?? (url.hash.split('/').pop() || undefined),
  // The thread's first sender is the customer; everyone else answering is treated as the team.
  fields: { subject: s.subject, requesterName: s.firstSenderName, requesterEmail: s.firstSenderEmail },
  thread: {
    message: s.message,
    author: s.senderName,
    body: s.body,
    time: s.time,
    role: (el, _author, _requester): MessageRole =>
      pick(el, s.senderEmail) === firstSender(el.ownerDocument) ? 'customer' : 'agent',
  },
  notShown: {
    status: 'Gmail threads have no status.',
    priority: 'Gmail threads have no priority.',
    queue: 'Gmail threads have no queue.',
  },
  targets: { reply: { selectors: s.compose, kind: 'editable' } },
  watchRoots: (doc) => (doc.body ? [doc.body] : []),
});
