import type { DeskField, MessageRole, Unreadable } from '../../context/ticket-context';
import { viaBridge } from '../bridge';
import { all, first, textOf } from '../dom';
import type { TextTarget } from '../fields';
import { type FormFields, fieldsOfControls, labelOfControl, writeFormField } from '../form-fields';
import { finish, labelledFields, messagesFrom, parseNameEmail, read } from '../read';
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

/** RT's own record fields by control name; custom fields are matched by CF_CONTROL. */
const CORE = new Set(['Queue', 'Status', 'Owner', 'Priority', 'FinalPriority']);
/** Object-RT::Ticket-4-CustomField-2-Values, or with a grouping: ...-CustomField:Grouping-2-Value. */
const CF_CONTROL = /^Object-RT::Ticket-\d+-CustomField(?::[^-]*)?-(\d+)-Values?$/;

const READ_ONLY =
  'RT shows no edit form for this field here: your RT user may lack the right to change it (ModifyTicket, ModifyCustomField).';

/** The field id of a control: stable across tickets (the CF's id, not the ticket's). */
function fieldIdOf(name: string): string | undefined {
  const cf = CF_CONTROL.exec(name);
  if (cf) return `CustomField-${cf[1]}`;
  return CORE.has(name) ? name : undefined;
}

/**
 * RT's selects open on "open (Unchanged)" with an empty value: the current value is the option that
 * label starts with (its wording is RT's translation, so it is matched by shape, not by word).
 */
function unchangedValue(control: Element, field: DeskField): string | undefined {
  if (control.localName !== 'select' || field.value !== undefined) return undefined;
  const unchanged = (control as HTMLSelectElement).options[0];
  if (unchanged?.value !== '' || !unchanged.selected) return undefined;
  const shown = (unchanged.textContent ?? '').trim();
  return field.options?.find((o) => shown.startsWith(`${o.label} (`))?.value;
}

function deskFields(doc: Document): FormFields {
  // Every edit form on the page (all() would stop at the first alternative that matches).
  const controls = doc.querySelectorAll(
    s.editForms.map((f) => `${f} select[name], ${f} input[name], ${f} textarea[name]`).join(','),
  );
  const found = fieldsOfControls(controls, (control) => {
    const id = fieldIdOf(control.getAttribute('name') ?? '');
    if (!id) return undefined;
    const label = labelOfControl(control, { row: s.fieldRow.join(','), label: s.fieldLabel.join(',') }) ?? id;
    const kind = id === 'Owner' ? 'person' : control.classList.contains('datepicker') ? 'date' : undefined;
    // RT renders the inline forms for every user, but offers their pencil only to those who may edit.
    const box = control.closest('form.inline-edit')?.closest(s.editBox.join(','));
    const whyNot = box && !first(box, s.editToggle) ? READ_ONLY : undefined;
    return { id, label, ...(kind ? { kind } : {}), ...(whyNot ? { whyNot } : {}) };
  });
  for (const field of found.fields) {
    const current = unchangedValue(found.controls.get(field.id)!, field);
    if (current !== undefined) field.value = current;
  }
  return found;
}

/** Without edit forms (no rights, or another RT page) the record is still shown: read-only fields. */
function shownFields(doc: Document): DeskField[] {
  const basics = first(doc, s.basics);
  const shown: [string, string | undefined][] = [
    ['Queue', read(basics, s.queue)],
    ['Status', read(basics, s.status)],
    ['Priority', read(basics, s.priority)],
    ['Owner', read(doc, s.owner)],
  ];
  return shown
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([id, value]) => ({
      id,
      label: id,
      kind: id === 'Owner' ? 'person' : 'single',
      value,
      writable: false,
      whyNot: READ_ONLY,
    }));
}

/**
 * Show an inline form the way RT's pencil does (its toggle_inline_edit), so the agent sees what was
 * filled and saves with RT's own Save. Done on the DOM, not by clicking: the pencil is a link to
 * Modify.html, and a click that RT's script did not catch would leave the page.
 */
function openInlineEdit(doc: Document, control: Element): void {
  const box = control.closest(s.editBox.join(','));
  if (!box || box.classList.contains('editing') || !control.closest('form.inline-edit')) return;
  box.classList.add('editing');
  first(box, s.editToggle)?.classList.add('hidden');
  first(box, s.cancelToggle)?.classList.remove('hidden');
  doc.body.classList.add('inline-editing');
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
    const editable = deskFields(doc);
    return finish('rt', url, {
      ticketKey: read(basics, s.ticketId) ?? url.searchParams.get('id') ?? undefined,
      subject,
      requesterName: requester.name,
      requesterEmail: requester.email,
      status: read(basics, s.status),
      priority: read(basics, s.priority),
      queue: read(basics, s.queue),
      fields: labelledFields(all(doc, s.customFieldRow), s.customFieldLabel, s.customFieldValue),
      deskFields: editable.fields.length ? editable.fields : shownFields(doc),
      messages,
      unreadable,
    });
  },
  targets(doc) {
    const out: TextTarget[] = [];
    if (isUpdatePage(doc) && (first(doc, s.replyEditorFrame) || first(doc, s.replyTextarea))) {
      const type = first<HTMLSelectElement>(doc, s.updateType)?.value;
      out.push(type === 'private' ? 'internal-note' : 'reply');
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
    const type = first<HTMLSelectElement>(doc, s.updateType);
    // RT's Update page is either a reply (response) or a comment (private): switch it to match.
    if (type) setField(type, target === 'reply' ? 'response' : 'private', 'reply type');
    return writeReply(doc, value);
  },
  async setField(doc, _url, id, value) {
    const found = deskFields(doc);
    const control = found.controls.get(id);
    if (!control) {
      // A field RT only shows (no right to edit) says why; one it does not show at all says so.
      const shown = shownFields(doc).find((f) => f.id === id);
      return { ok: false, reason: shown?.whyNot ?? `This RT page has no field "${id}".` };
    }
    const result = writeFormField(found, id, value, `This RT page has no field "${id}".`);
    if (result.ok) openInlineEdit(doc, control);
    return result;
  },
  watchRoots: (doc) => {
    const roots = [first(doc, s.historyContainer), first(doc, s.basics)].filter((e): e is Element =>
      Boolean(e),
    );
    // Before the history container exists, watch the page body so its arrival is seen.
    return roots.length === 2 ? roots : [doc.body];
  },
};
