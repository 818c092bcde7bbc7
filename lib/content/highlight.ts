/**
 * Show the agent where a field's evidence is: find a quote in the ticket's text, scroll to it and
 * highlight it for a few seconds. Uses the CSS Custom Highlight API, which paints without touching
 * the page's DOM; where it is missing, we only scroll to it.
 */

const NAME = 'deskmate-evidence';
const SHOW_MS = 4000;
/** Stop looking past this much text: a 5 MB page must not stall the tab for one highlight. */
const MAX_CHARS = 2_000_000;

interface Located {
  node: Text;
  offset: number;
}

/** Find `quote` in the text under `roots`, ignoring case and differences in white space. */
export function findQuote(roots: readonly Element[], quote: string): Range | undefined {
  const wanted = quote.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!wanted) return undefined;
  for (const root of roots) {
    const doc = root.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    // Folded text and, for each of its characters, where it came from.
    let folded = '';
    const origin: Located[] = [];
    let lastSpace = true;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement?.tagName;
      if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'TEXTAREA') continue;
      const value = node.nodeValue ?? '';
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        if (/\s/.test(ch)) {
          if (lastSpace) continue;
          folded += ' ';
          lastSpace = true;
        } else {
          folded += ch.toLowerCase();
          lastSpace = false;
        }
        origin.push({ node, offset: i });
      }
      if (folded.length > MAX_CHARS) break;
    }
    const at = folded.indexOf(wanted);
    if (at < 0) continue;
    const start = origin[at];
    const end = origin[at + wanted.length - 1];
    if (!start || !end) continue;
    const range = doc.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset + 1);
    return range;
  }
  return undefined;
}

type HighlightWindow = Window & {
  Highlight?: new (...ranges: Range[]) => unknown;
  CSS?: { highlights?: Map<string, unknown> };
};

/** Scroll to the range and paint it for a moment. Returns false if it could not be shown. */
export function showRange(range: Range): boolean {
  const doc = range.startContainer.ownerDocument;
  const win = doc?.defaultView as HighlightWindow | null;
  if (!doc || !win) return false;
  range.startContainer.parentElement?.scrollIntoView?.({ block: 'center' });
  if (win.Highlight && win.CSS?.highlights) {
    if (!doc.getElementById(NAME)) {
      const style = doc.createElement('style');
      style.id = NAME;
      style.textContent = `::highlight(${NAME}){background:#ffe08a;color:inherit}`;
      (doc.head ?? doc.documentElement).append(style);
    }
    win.CSS.highlights.set(NAME, new win.Highlight(range));
    setTimeout(() => win.CSS?.highlights?.delete(NAME), SHOW_MS);
    return true;
  }
  // No Highlight API (older browsers): the scroll alone shows where it is; the page is left untouched.
  return true;
}
