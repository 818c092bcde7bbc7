import type { DeskField, TicketMessage, Unreadable } from '../../context/ticket-context';
import { all, first, textOf } from '../dom';
import type { TextTarget } from '../fields';
import { type FormFields, fieldsOfControls, labelOfControl, writeFormField } from '../form-fields';
import { finish, labelledFields, messagesFrom, read } from '../read';
import type { ApplyResult, SiteAdapter } from '../types';
import { setText } from '../write';
import { customFieldKinds, notFields, selectors as s, shownCore } from './selectors';

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
 * dates, custom fields: whatever this project and tracker show).
 */
function formFields(doc: Document): FormFields {
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

/** The panel's "read-only here: ...", in the names Redmine's admin pages give permissions and workflows. */
const NO_EDIT_FORM =
  'Redmine does not let you change this issue\'s fields: your role in this project lacks the right to edit issues ("Edit issues").';
const NOT_IN_FORM =
  'Redmine\'s edit form does not offer you this field: your role may not change it ("Edit issues", or the workflow\'s field permissions).';

/** "Status:" or "<span>Impact</span>:" as the desk prints it. */
const shownLabel = (row: Element) =>
  read(row, s.fieldLabel)
    ?.replace(/[:*]\s*$/, '')
    .trim();

/**
 * The issue's fields as the page shows them, keyed like the edit form's controls (so a binding made
 * on an editable page is the same field here) and read-only with `whyNot`. Options are not on the page:
 * only the current value, as shown.
 */
function shownFields(doc: Document, whyNot: string): DeskField[] {
  const out: DeskField[] = [];
  const field = (id: string, label: string, kind: DeskField['kind'], value: string | undefined) => {
    // Redmine prints "-" for no assignee, category or version, and nothing for an empty custom field.
    const shown = value && value !== '-' ? value : undefined;
    out.push({ id, label, kind, ...(shown ? { value: shown } : {}), writable: false, whyNot });
  };
  const tracker = read(doc, s.tracker)?.replace(/\s*#\d+.*$/, '');
  if (tracker) field('issue[tracker_id]', 'Tracker', 'single', tracker);
  for (const row of all(doc, s.shownField)) {
    const label = shownLabel(row);
    if (!label) continue;
    let id: string | undefined;
    let kind: DeskField['kind'] = 'text';
    for (const c of row.classList) {
      const cf = /^cf_(\d+)$/.exec(c)?.[1];
      if (cf) id = `issue[custom_field_values][${cf}]`;
      const format = /^(\w+)_cf$/.exec(c)?.[1];
      if (format) kind = customFieldKinds[format] ?? 'text';
      const core = shownCore[c];
      if (core) ({ id, kind } = core);
    }
    if (id) field(id, label, kind, read(row, s.fieldValue));
  }
  return out;
}

/**
 * The field catalogue: the edit form's fields, and every field the page shows that the form does not
 * offer this user, read-only with why (no edit right at all, or the workflow's read-only fields), so
 * the panel says "read-only here" instead of "this page has no such field".
 */
function deskFields(doc: Document): FormFields {
  const found = formFields(doc);
  const inForm = new Set(found.fields.map((f) => f.id.replace(/\[\]$/, '')));
  const whyNot = found.fields.length ? NOT_IN_FORM : NO_EDIT_FORM;
  for (const shown of shownFields(doc, whyNot)) if (!inForm.has(shown.id)) found.fields.push(shown);
  return found;
}

/** How long the form must stay still after it landed before the next field is written. */
const QUIET_MS = 100;
/** Redmine's onchange marks the form at once (form_update_triggered_by): no mark this soon, no update. */
const STARTED_MS = 100;

/**
 * Changing the tracker or status makes Redmine fetch the form again for that tracker (its onchange
 * calls updateIssueFrom); a value written before the new form lands would be lost. Nor is landing
 * enough: the new form's own script runs just after it (a deferred $(document).ready) and sets the
 * tracker and status back to the options the server marked selected, so a tracker written in between
 * is silently reset and posted so with the next change. Wait for the form, then for the page to be still.
 * When the page's script did not start an update at all (blocked, or no script), there is nothing to wait for.
 */
function formSettled(doc: Document, control: Element): Promise<void> {
  const attributes = first(doc, s.attributes);
  if (!attributes || !/updateIssueFrom/.test(control.getAttribute('onchange') ?? ''))
    return Promise.resolve();
  return new Promise((resolve) => {
    let started = false;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(notStarted);
      clearTimeout(quiet);
      resolve();
    };
    const observer = new MutationObserver((records) => {
      started = true;
      // Attribute changes before the new form (Redmine marks the request's trigger) are not it landing.
      if (quiet === undefined && !records.some((r) => r.type === 'childList')) return;
      clearTimeout(quiet);
      quiet = setTimeout(done, QUIET_MS);
    });
    observer.observe(attributes, { childList: true, subtree: true, attributes: true });
    const notStarted = setTimeout(() => {
      if (!started) done();
    }, STARTED_MS);
    const timer = setTimeout(done, 5000);
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
    const control = found.controls.get(id);
    if (!control) {
      // A field Redmine only shows (no right to edit it) says why; one it does not show says so.
      const shown = found.fields.find((f) => f.id === id);
      return { ok: false, reason: shown?.whyNot ?? `This Redmine issue page has no field "${id}".` };
    }
    openEditor(doc);
    const settled = formSettled(doc, control);
    const result = writeFormField(found, id, value, `This Redmine issue page has no field "${id}".`);
    if (result.ok) await settled;
    return result;
  },
  watchRoots: (doc) => [first(doc, s.history), first(doc, s.issue)].filter((e): e is Element => Boolean(e)),
};
