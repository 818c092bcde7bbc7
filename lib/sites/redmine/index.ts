import type { TicketMessage, Unreadable } from '../../context/ticket-context';
import { all, first, textOf } from '../dom';
import type { TextTarget } from '../fields';
import { type FormFields, fieldsOfControls, labelOfControl, writeFormField } from '../form-fields';
import { finish, labelledFields, messagesFrom, read } from '../read';
import type { ApplyResult, SiteAdapter } from '../types';
import { setText } from '../write';
import { notFields, selectors as s } from './selectors';

/**
 * Show the edit form as Redmine's Edit link does (showAndScrollTo). We do not click the link: if the
 * page's inline handler were blocked, the click would navigate away and lose the page.
 */
function openEditor(doc: Document): void {
  const update = first<HTMLElement>(doc, s.update);
  if (update?.style.display !== 'none') return;
  update.style.display = '';
  update.scrollIntoView?.({ block: 'start' });
}

async function writeNotes(doc: Document, value: string, internal: boolean): Promise<ApplyResult> {
  openEditor(doc);
  const notes = first<HTMLTextAreaElement>(doc, s.notes);
  if (!notes) return { ok: false, reason: 'You may not add notes to this issue (no notes box on the page).' };
  const privateBox = first<HTMLInputElement>(doc, s.privateNotes);
  if (internal && !privateBox) return { ok: false, reason: 'You may not add private notes to this issue.' };
  if (privateBox && privateBox.checked !== internal) privateBox.click();
  const result = setText(notes, value);
  if (result.ok) notes.focus();
  return result;
}

/** The assignee is a person; every other control says its own kind. */
const PEOPLE = new Set(['issue[assigned_to_id]']);

/**
 * The edit form's fields by control name (tracker, status, priority, category, assignee, target version,
 * dates, custom fields: whatever this project and tracker show). Without the form (no edit right, or
 * a closed issue) there are none: the panel says the page has no field for them.
 */
function deskFields(doc: Document): FormFields {
  const form = first(doc, s.editForm);
  const controls = form?.querySelectorAll(
    'select[name^="issue["], input[name^="issue["], textarea[name^="issue["]',
  );
  return fieldsOfControls(controls ?? [], (control) => {
    const id = control.getAttribute('name') ?? '';
    const label = notFields.has(id) ? undefined : labelOfControl(control, { row: 'p', label: 'label' });
    return label ? { id, label, ...(PEOPLE.has(id) ? { kind: 'person' as const } : {}) } : undefined;
  });
}

/**
 * Changing the tracker or status makes Redmine fetch the form again for that tracker (its onchange
 * calls updateIssueFrom); a value written before the new form lands would be lost. Wait for it.
 */
function formSettled(doc: Document, control: Element): Promise<void> {
  const attributes = first(doc, s.attributes);
  if (!attributes || !/updateIssueFrom/.test(control.getAttribute('onchange') ?? ''))
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(done);
    observer.observe(attributes, { childList: true, subtree: true });
    const timer = setTimeout(done, 3000);
  });
}

export const redmineAdapter: SiteAdapter = {
  id: 'redmine',
  name: 'Redmine',
  // Strict: Redmine's controller/action body classes and the issue block.
  detect: (doc) => Boolean(first(doc, s.page) && first(doc, s.issue)),
  read(doc, url) {
    const issue = first(doc, s.issue);
    if (!first(doc, s.page) || !issue) return { ok: false, reason: 'This page is not a Redmine issue.' };
    const unreadable: Unreadable[] = [];
    const author = read(issue, s.author);
    const number =
      /#(\d+)/.exec(read(doc, s.heading) ?? '')?.[1] ?? /\/issues\/(\d+)/.exec(url.pathname)?.[1];
    const description = read(issue, s.description);
    const messages: TicketMessage[] = description
      ? [
          {
            id: 'description',
            author: author ?? 'unknown',
            role: 'customer' as const,
            time: first(issue, ['p.author a[title]'])?.getAttribute('title') ?? undefined,
            text: description,
          },
        ]
      : [];
    if (!description) unreadable.push({ field: 'messages', reason: 'The issue has no description.' });
    messages.push(
      ...messagesFrom(
        all(doc, s.journal).filter((j) => first(j, s.journalBody)),
        (el) => {
          const by = read(el, s.journalAuthor) ?? 'unknown';
          return {
            id: el.id.replace(/^change-/, '') || undefined,
            author: by,
            // Private notes are internal; the issue's author writing again is the customer.
            role: el.classList.contains('private-notes') ? 'internal' : by === author ? 'customer' : 'agent',
            time: first(el, s.journalTime)?.getAttribute('title') ?? undefined,
            text: textOf(first(el, s.journalBody)),
          };
        },
      ),
    );
    const fields = labelledFields(all(issue, s.customFieldRow), s.fieldLabel, s.fieldValue);
    const category = read(issue, s.category);
    if (category) fields.Category = category;
    const tracker = read(doc, s.tracker)?.replace(/\s*#\d+.*$/, '');
    if (tracker) fields.Tracker = tracker;
    const desk = deskFields(doc);
    return finish('redmine', url, {
      ticketKey: number,
      subject: read(issue, s.subject),
      requesterName: author,
      status: read(issue, s.status),
      priority: read(issue, s.priority),
      queue: read(doc, s.project),
      fields,
      deskFields: desk.fields,
      messages,
      unreadable,
      notShown: { 'requester.email': "Redmine does not show the author's e-mail on the issue page." },
    });
  },
  targets(doc) {
    const out: TextTarget[] = [];
    if (first(doc, s.notes)) out.push('reply');
    if (first(doc, s.privateNotes)) out.push('internal-note');
    return out;
  },
  async apply(doc, _url, target, value) {
    return writeNotes(doc, value, target === 'internal-note');
  },
  async setField(doc, _url, id, value) {
    const found = deskFields(doc);
    const missing = `This issue's edit form has no field "${id}" (no right to edit it?).`;
    if (!found.controls.has(id)) return { ok: false, reason: missing };
    openEditor(doc);
    const control = found.controls.get(id)!;
    const settled = formSettled(doc, control);
    const result = writeFormField(found, id, value, missing);
    if (result.ok) await settled;
    return result;
  },
  watchRoots: (doc) => [first(doc, s.history), first(doc, s.issue)].filter((e): e is Element => Boolean(e)),
};
