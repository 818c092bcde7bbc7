import type { ApplyResult } from './types';

/**
 * Writing into a desk's own fields. Only ever called on the agent's action (page.apply). Frameworks
 * (React, Angular, Ember) listen for input/change events; a plain assignment alone is invisible to them.
 */

const READ_ONLY = 'The field is read-only.';

export function fire(el: Element, ...types: string[]): void {
  for (const type of types) el.dispatchEvent(new Event(type, { bubbles: true }));
}

/** Set a text input or textarea through the prototype's setter, so React-controlled inputs notice. */
export function setText(el: HTMLInputElement | HTMLTextAreaElement, value: string): ApplyResult {
  if (el.disabled || el.readOnly) return { ok: false, reason: READ_ONLY };
  // The element's own prototype (it may come from an iframe's window), so React's tracker sees the set.
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
  try {
    if (setter) setter.call(el, value);
    else el.value = value;
  } catch {
    el.value = value;
  }
  fire(el, 'input', 'change');
  return { ok: true };
}

/** Choose an option by its value or its visible text (case-insensitive), or say which ones exist. */
export function choose(el: HTMLSelectElement, value: string): ApplyResult {
  if (el.disabled) return { ok: false, reason: READ_ONLY };
  const wanted = value.trim().toLowerCase();
  const options = [...el.options].filter((o) => o.value !== '');
  const match =
    options.find((o) => o.value.toLowerCase() === wanted) ??
    options.find((o) => (o.textContent ?? '').trim().toLowerCase() === wanted);
  if (!match) return { ok: false, reason: `"${value}" is not an option of this field.` };
  el.value = match.value;
  fire(el, 'input', 'change');
  return { ok: true };
}

/** Write into whatever form control this is. */
export function setField(el: Element | undefined, value: string, what: string): ApplyResult {
  if (!el) return { ok: false, reason: `This page has no ${what} field right now.` };
  if (el instanceof HTMLSelectElement) return choose(el, value);
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return setText(el, value);
  if (el instanceof HTMLElement && el.isContentEditable) return writeEditable(el, value);
  return { ok: false, reason: `Deskmate cannot write into this ${what} field.` };
}

/**
 * Insert plain text into a contenteditable element. execCommand('insertText') goes through the
 * browser's editing pipeline, so the editor sees normal input events and keeps its undo history;
 * when it is unavailable we add text paragraphs (never HTML: the text is data, not markup).
 */
export function writeEditable(el: HTMLElement, text: string): ApplyResult {
  const doc = el.ownerDocument;
  el.focus();
  const selection = doc.getSelection?.();
  if (selection) {
    const range = doc.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  const before = el.textContent ?? '';
  let inserted = false;
  try {
    inserted = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  } catch {
    inserted = false;
  }
  if (!inserted || (el.textContent ?? '') === before) {
    const lines = text.split('\n');
    for (const line of lines) {
      const p = doc.createElement('p');
      if (line) p.textContent = line;
      else p.append(doc.createElement('br'));
      el.append(p);
    }
    fire(el, 'input');
  }
  return { ok: true };
}
