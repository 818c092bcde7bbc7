import type { TicketMessage, Unreadable } from '../../context/ticket-context';
import { all, first, textOf } from '../dom';
import { currentLabels, type TextTarget } from '../fields';
import { type FormFields, fieldsOfControls, labelOfControl, writeFormField } from '../form-fields';
import { finish } from '../read';
import type { SiteAdapter } from '../types';
import { setText } from '../write';
import { selectors as s } from './selectors';

/** Every labelled control of the fields form, by its name: what the desk offers is what it shows. */
function deskFields(doc: Document): FormFields {
  const controls = all(
    doc,
    s.fieldsForm.map((f) => `${f} select, ${f} input, ${f} textarea`),
  );
  return fieldsOfControls(controls, (control) => {
    const id = control.getAttribute('name');
    const label = labelOfControl(control);
    return id && label ? { id, label } : undefined;
  });
}

// Text boxes only: the desk's selects are fields (issue #16), written through setField.
const targetSelectors: Record<TextTarget, readonly string[]> = {
  reply: s.reply,
  'internal-note': s.internalNote,
};

export const demoAdapter: SiteAdapter = {
  id: 'demo',
  name: 'Deskmate demo desk',
  detect: (doc) => Boolean(first(doc, s.marker) && first(doc, s.ticket)),
  read(doc, url) {
    const main = first<HTMLElement>(doc, s.ticket);
    if (!main) return { ok: false, reason: 'This page is not a demo desk ticket.' };
    const unreadable: Unreadable[] = [];
    const messages: TicketMessage[] = [];
    if (first(doc, s.threadLoading))
      unreadable.push({ field: 'messages', reason: 'The conversation is still loading.' });
    for (const el of all(doc, s.message)) {
      const text = textOf(first(el, s.messageBody));
      if (!text) continue;
      const role = el.getAttribute('data-role');
      messages.push({
        id: el.getAttribute('data-message-id') ?? undefined,
        author: textOf(first(el, s.messageAuthor)) ?? 'unknown',
        role: role === 'agent' || role === 'internal' ? role : 'customer',
        time: first(el, s.messageTime)?.getAttribute('datetime') ?? undefined,
        text,
      });
    }
    const read = (sel: readonly string[]) => textOf(first(doc, sel));
    const { fields } = deskFields(doc);
    const choice = (id: string) => {
      const f = fields.find((x) => x.id === id);
      return f ? currentLabels(f)[0] : undefined;
    };
    // finish() reports every header field it could not read and applies the size limits; the context
    // is validated where it crosses a boundary (the panel, the background), not again here: this is
    // the first read on a page load, and the content script's size is budgeted (issue #10).
    return finish('demo', url, {
      ticketKey: main.dataset.ticketId,
      subject: read(s.subject),
      requesterName: read(s.requesterName),
      requesterEmail: read(s.requesterEmail),
      status: choice('status'),
      priority: choice('priority'),
      queue: read(s.queue),
      deskFields: fields,
      messages,
      unreadable,
    });
  },
  targets: (doc) =>
    (Object.keys(targetSelectors) as TextTarget[]).filter((t) => first(doc, targetSelectors[t])),
  async apply(doc, _url, target, value) {
    const el = first<HTMLTextAreaElement>(doc, targetSelectors[target]);
    if (!el) return { ok: false, reason: `This page has no ${target} field.` };
    return setText(el, value);
  },
  setField: async (doc, _url, id, value) =>
    writeFormField(deskFields(doc), id, value, `This page has no field "${id}".`),
  watchRoots: (doc) => [first(doc, s.thread), first(doc, s.ticket)].filter((e): e is Element => Boolean(e)),
};
