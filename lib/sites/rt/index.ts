import type { MessageRole, Unreadable } from '../../context/ticket-context';
import { viaBridge } from '../bridge';
import { all, first, textOf } from '../dom';
import { finish, labelledFields, messagesFrom, parseNameEmail, read } from '../read';
import type { TextTarget } from '../fields';
import type { ApplyResult, SiteAdapter } from '../types';
import { setField, writeEditable } from '../write';
import { selectors as s } from './selectors';

const isUpdatePage = (doc: Document) => Boolean(doc.querySelector('body#comp-Ticket-Update'));

/**
 * Role of an RT transaction: comments are internal; correspondence is the customer's when a requestor
 * wrote it, else an agent's. RT prints the kind of transaction in words ("Comments added").
 */
function roleOf(description: string, authorId: string | undefined, requestorIds: Set<string>): MessageRole {
  if (/\bcomment/i.test(description)) return 'internal';
  if (authorId && requestorIds.has(authorId)) return 'customer';
  return authorId ? 'agent' : 'customer';
}

/** RT prints "Tue Nov 24 22:51:01 2026" in the user's zone: kept as shown (not machine-readable). */
const dateOf = (el: Element) => textOf(first(el, s.transactionDate));

function ckeditorBody(doc: Document): HTMLElement | undefined {
  const frame = first<HTMLIFrameElement>(doc, s.replyEditorFrame);
  try {
    const body = frame?.contentDocument?.body;
    return body?.isContentEditable || body?.getAttribute('contenteditable') === 'true' ? body : undefined;
  } catch {
    return undefined;
  }
}

async function writeReply(doc: Document, value: string): Promise<ApplyResult> {
  // The bridge tells CKEditor's own model (undo, change events, its data on submit).
  if (first(doc, s.replyEditorFrame)) {
    const viaEditor = await viaBridge(doc, { op: 'ckeditor4', instance: 'UpdateContent', text: value });
    if (viaEditor.ok) return viaEditor;
    // Same-origin iframe: the isolated world can still type into the editable body itself.
    const body = ckeditorBody(doc);
    if (body) return writeEditable(body, value);
    return viaEditor;
  }
  return setField(first(doc, s.replyTextarea), value, 'reply');
}

export const rtAdapter: SiteAdapter = {
  id: 'rt',
  name: 'Request Tracker',
  // Strict: RT's own body id and its basics box, so the demo, RT and Redmine scripts (all on
  // loopback by default) never claim one page together.
  detect: (doc) => Boolean(first(doc, s.page) && first(doc, s.basics)),
  read(doc, url) {
    if (!first(doc, s.page)) return { ok: false, reason: 'This page is not a Request Tracker ticket.' };
    const basics = first(doc, s.basics);
    const unreadable: Unreadable[] = [];
    const requestors = all(doc, s.requestor);
    const requestorIds = new Set(requestors.map((r) => r.getAttribute('data-user-id') ?? '').filter(Boolean));
    const requester = parseNameEmail(textOf(requestors[0]));
    const transactions = all(doc, s.transaction);
    const messages = messagesFrom(transactions, (el) => {
      const description = read(el, s.transactionDescription) ?? '';
      const authorEl = first(el, s.transactionAuthor);
      const authorId = authorEl?.getAttribute('data-user-id') ?? undefined;
      return {
        id: el.getAttribute('data-transaction-id') ?? undefined,
        author: parseNameEmail(textOf(authorEl)).name ?? textOf(authorEl) ?? 'unknown',
        role: roleOf(description, authorId, requestorIds),
        time: dateOf(el),
        text: read(el, s.transactionBody),
      };
    });
    const history = first(doc, s.historyContainer);
    if (isUpdatePage(doc)) {
      unreadable.push({ field: 'messages', reason: "RT's reply page does not show the history." });
    } else if (!history || transactions.length === 0) {
      // Display.html loads the history after the page: say so, and the live re-read picks it up.
      unreadable.push({ field: 'messages', reason: 'The ticket history is still loading.' });
    }
    const subject = read(doc, s.subject)?.replace(/^#\d+:\s*/, '');
    return finish('rt', url, {
      ticketKey: read(basics, s.ticketId) ?? url.searchParams.get('id') ?? undefined,
      subject,
      requesterName: requester.name,
      requesterEmail: requester.email,
      status: read(basics, s.status),
      priority: read(basics, s.priority),
      queue: read(basics, s.queue),
      fields: labelledFields(all(doc, s.customFieldRow), s.customFieldLabel, s.customFieldValue),
      messages,
      unreadable,
    });
  },
  targets(doc) {
    const out: TextTarget[] = [];
    if (isUpdatePage(doc) && (first(doc, s.replyEditorFrame) || first(doc, s.replyTextarea))) {
      const type = first<HTMLSelectElement>(doc, s.updateType)?.value;
      out.push(type === 'private' ? 'internal-note' : 'reply');
      if (first(doc, s.updateStatus)) out.push('status');
    }
    return out;
  },
  async apply(doc, _url, target, value) {
    if (!isUpdatePage(doc)) {
      return {
        ok: false,
        reason: 'Open Reply or Comment on this ticket first: RT writes on its update page.',
      };
    }
    if (target === 'reply' || target === 'internal-note') {
      const type = first<HTMLSelectElement>(doc, s.updateType);
      // RT's Update page is either a reply (response) or a comment (private): switch it to match.
      if (type) setField(type, target === 'reply' ? 'response' : 'private', 'reply type');
      return writeReply(doc, value);
    }
    if (target === 'status') return setField(first(doc, s.updateStatus), value, 'status');
    return { ok: false, reason: `Request Tracker's reply page has no ${target} field.` };
  },
  watchRoots: (doc) => {
    const roots = [first(doc, s.historyContainer), first(doc, s.basics)].filter((e): e is Element =>
      Boolean(e),
    );
    // Before the history container exists, watch the page body so its arrival is seen.
    return roots.length === 2 ? roots : [doc.body];
  },
};
