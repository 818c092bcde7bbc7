import type { MessageRole } from '../../context/ticket-context';
import { defineDesk, pick } from '../declarative';
import { first } from '../dom';
import { selectors as s } from './selectors';

/**
 * The form's document: inside iframe#gsft_main when the navigator frames it (same origin, so the
 * content script reads it through contentDocument), else the page itself.
 */
export function formDocument(doc: Document): Document | undefined {
  const frame = first<HTMLIFrameElement>(doc, s.frame);
  let inner: Document | null | undefined;
  try {
    inner = frame?.contentDocument;
  } catch {
    inner = undefined;
  }
  if (inner && first(inner, s.form)) return inner;
  return first(doc, s.form) ? doc : undefined;
}

export const servicenowAdapter = defineDesk({
  id: 'servicenow',
  name: 'ServiceNow',
  scope: formDocument,
  ticketKey: (root) => pick(root, s.number),
  fields: {
    subject: s.shortDescription,
    requesterName: s.caller,
    requesterEmail: s.callerEmail,
    status: s.state,
    priority: s.priority,
    queue: s.assignmentGroup,
  },
  custom: { Description: s.description },
  thread: {
    message: s.activity,
    author: s.activityAuthor,
    body: s.activityBody,
    time: s.activityTime,
    newestFirst: true,
    role: (el, author, requester): MessageRole =>
      el.matches(s.workNote[0]) ? 'internal' : author && author === requester ? 'customer' : 'agent',
  },
  targets: {
    reply: { selectors: s.comments, kind: 'field' },
    'internal-note': { selectors: s.workNotes, kind: 'field' },
  },
  deskFields: {
    state: { selectors: s.state },
    priority: { selectors: s.priority },
  },
  // The frame's document is watched, not the navigator around it.
  watchRoots: (doc) => {
    const inner = formDocument(doc);
    return inner?.body ? [inner.body] : doc.body ? [doc.body] : [];
  },
});
