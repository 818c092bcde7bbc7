import type { MessageRole } from '../../context/ticket-context';
import { defineDesk, keyFromUrl } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

const roleOf = (el: Element): MessageRole => {
  if (s.comment.some((sel) => el.matches(sel))) return 'internal';
  return s.outbound.some((sel) => el.matches(sel)) ? 'agent' : 'customer';
};

export const frontAdapter = defineDesk({
  id: 'front',
  name: 'Front',
  scope: (doc) => first(doc, s.conversation),
  ticketKey: (_root, url) => keyFromUrl(/\/(cnv_[a-z0-9]+)/i)(url),
  fields: {
    subject: s.subject,
    requesterName: s.contactName,
    requesterEmail: s.contactEmail,
    status: s.status,
    queue: s.inbox,
  },
  thread: { message: s.item, author: s.author, body: s.body, time: s.time, role: roleOf },
  notShown: { priority: 'Front conversations have no priority.' },
  targets: { reply: { selectors: s.composer, kind: 'paste' } },
  watchRoots: (doc) => (doc.body ? [doc.body] : []),
});
