import { defineDesk, pick, roles } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

export const intercomAdapter = defineDesk({
  id: 'intercom',
  name: 'Intercom',
  scope: (doc) => first(doc, s.conversation),
  ticketKey: (_root, _url, doc) => pick(doc, s.conversationId),
  fields: {
    subject: s.title,
    requesterName: s.userName,
    requesterEmail: s.userEmail,
    status: s.state,
    priority: s.priority,
    queue: s.teamInbox,
  },
  thread: {
    message: s.part,
    author: s.partAuthor,
    body: s.partBody,
    time: s.partTime,
    role: roles.byMarker(s.note, s.adminPart),
  },
  targets: { reply: { selectors: s.composer, kind: 'paste' } },
  watchRoots: (doc) => (doc.body ? [doc.body] : []),
});
