/**
 * A large Request Tracker 5 ticket page for the field-catalogue bench (issue #16: 50 queues and 30
 * custom fields), grown from a page saved from the real RT (test/fixtures/rt/ticket-it-desk.html) in
 * RT's own markup: more <option>s in the Queue select of the basics inline form, and more custom
 * fields made by copying the page's own custom-field rows (shown row and inline edit row; select,
 * multi-select, free text, date) with new CF ids and labels. Runs on a Document (Chromium or happy-dom).
 */
export interface LargeTicketCounts {
  queues: number;
  customFields: number;
}

/** Grow the saved ticket page in place; returns what the page now has. */
export function enlargeRtTicket(doc: Document, want: LargeTicketCounts): LargeTicketCounts {
  const queue = doc.querySelector<HTMLSelectElement>(
    '.ticket-info-basics form.inline-edit select[name="Queue"]',
  );
  if (!queue) throw new Error('No Queue select in the basics inline form: not the saved RT IT-desk page.');
  const ids = new Set([...queue.options].map((o) => Number(o.value)));
  for (let n = 1; queue.options.length < want.queues; n++) {
    if (ids.has(100 + n)) continue;
    const option = doc.createElement('option');
    option.value = String(100 + n);
    option.textContent = `Queue ${String(n).padStart(2, '0')} – Außendienst`;
    queue.append(option);
  }

  const shown = [...doc.querySelectorAll('.ticket-info-cfs .inline-edit-display .form-row.custom-field')];
  const edits = [...doc.querySelectorAll('.ticket-info-cfs form.inline-edit .edit-custom-field')];
  if (shown.length === 0 || edits.length === 0)
    throw new Error('No custom-field rows to copy: not the saved RT IT-desk page.');
  const cfId = (row: Element) =>
    /CustomField(?::[^-]*)?-(\d+)-/.exec(
      row.querySelector('[name*="CustomField"]')?.getAttribute('name') ?? '',
    )?.[1];
  const templates = edits.map((edit) => {
    const id = cfId(edit)!;
    return { id, edit, shown: shown.find((r) => r.id === `CF-${id}-ShowRow`) };
  });
  let count = edits.length;
  for (let next = 1000; count < want.customFields; next++, count++) {
    const t = templates[count % templates.length]!;
    const label = `Feld ${count + 1} (Prüfung)`;
    const rename = (row: Element) => {
      const copy = row.cloneNode(true) as Element;
      for (const el of [copy, ...copy.querySelectorAll('*')]) {
        for (const attr of ['name', 'id', 'class', 'data-id']) {
          const v = el.getAttribute(attr);
          if (v?.includes(t.id))
            el.setAttribute(
              attr,
              v
                .replace(new RegExp(`CustomField-${t.id}-`, 'g'), `CustomField-${next}-`)
                .replace(new RegExp(`CF-${t.id}-`, 'g'), `CF-${next}-`)
                .replace(new RegExp(`custom-field-${t.id}\\b`, 'g'), `custom-field-${next}`),
            );
        }
      }
      const text = copy.querySelector('.label .prev-icon-helper');
      if (text) text.textContent = `${label}:`;
      return copy;
    };
    edits.at(-1)!.parentElement!.append(rename(t.edit));
    if (t.shown) shown.at(-1)!.parentElement!.append(rename(t.shown));
  }
  return {
    queues: queue.options.length,
    customFields: doc.querySelectorAll('.ticket-info-cfs form.inline-edit .edit-custom-field').length,
  };
}
