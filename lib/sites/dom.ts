/**
 * Small DOM helpers shared by adapters. `first` tries selectors in order (alternatives are listed
 * most-specific first in each site's selectors.ts) and returns undefined instead of throwing.
 */
export function first<E extends Element = Element>(
  root: ParentNode,
  selectors: readonly string[],
): E | undefined {
  // Indexed loops: these run thousands of times in a page's first read, before the JIT has warmed up.
  for (let i = 0; i < selectors.length; i++) {
    try {
      const found = root.querySelector<E>(selectors[i]!);
      if (found) return found;
    } catch {
      // An invalid selector (a desk-specific pseudo-class, a typo in admin config) is a miss, not a crash.
    }
  }
  return undefined;
}

export function all<E extends Element = Element>(root: ParentNode, selectors: readonly string[]): E[] {
  for (let i = 0; i < selectors.length; i++) {
    try {
      const found = root.querySelectorAll<E>(selectors[i]!);
      if (found.length > 0) return Array.prototype.slice.call(found);
    } catch {
      // see first()
    }
  }
  return [];
}

/** Visible text of an element with whitespace folded; inputs give their value. */
export function textOf(el: Element | undefined | null): string | undefined {
  if (!el) return undefined;
  const raw =
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el.value
      : el instanceof HTMLSelectElement
        ? (el.selectedOptions[0]?.textContent ?? el.value)
        : blockText(el);
  // A single space does not match (it would be replaced by itself), so text without runs of blanks
  // is not copied: this runs for every message of a 1,000-message thread inside the page's load.
  const text = raw
    .replace(/[ \t\u00a0]{2,}|[\t\u00a0]/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return text || undefined;
}

const BLOCK = /^(P|DIV|LI|UL|OL|TR|H[1-6]|BLOCKQUOTE|PRE|SECTION|ARTICLE|HEADER|FOOTER|TABLE|DT|DD)$/;

/**
 * Text with line breaks where the page shows them (br and block elements), without innerText:
 * innerText forces layout, which is slow on a 1,000-message thread and missing in test DOMs.
 */
export function blockText(el: Element): string {
  // Plain text (the usual message body): one native call instead of a walk that makes a JS wrapper
  // for every child node, which is most of a cold first read of a long thread.
  if (el.childElementCount === 0) return el.textContent ?? '';
  const parts: string[] = [];
  // Iterative walk: a hostile or broken page can nest thousands of levels deep, which would overflow
  // the stack of a recursive one. The stack holds nodes to visit, or a string to emit after a block.
  const stack: (Node | string)[] = [];
  for (let child = el.lastChild; child; child = child.previousSibling) stack.push(child);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      parts.push(node);
      continue;
    }
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).tagName;
    if (tag === 'BR') {
      parts.push('\n');
      continue;
    }
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
    const block = BLOCK.test(tag);
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return parts.join('');
}
