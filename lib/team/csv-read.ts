/**
 * Reading back the CSV that lib/export/csv.ts writes (RFC 4180: quoted cells may hold commas, quotes
 * and line breaks), with the line each record starts on, so a problem names the line a spreadsheet
 * shows. Formula neutralising is undone: a cell written as `'=x` reads `=x` again.
 */

/** A cell as it was before the writer neutralised it (`'` then = + - @ tab or CR). */
export function unneutralise(cell: string): string {
  if (cell.charCodeAt(0) !== 39 /* ' */) return cell;
  const c = cell.charCodeAt(1);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? cell.slice(1) : cell;
}

/** Where `c` next occurs at or after `from`; the text's length when it does not. */
function nextOf(text: string, c: string, from: number): number {
  const at = text.indexOf(c, from);
  return at === -1 ? text.length : at;
}

/** How a record ends: more follow, it is the last one, or the file ends inside its quoted cell. */
export type CsvEnd = 'more' | 'last' | 'truncated';

/**
 * Visit every record of `text` in order (a leading byte-order mark is skipped; blank lines are not
 * records), without holding them all: a team report reads a million rows. `cells` is the visitor's.
 */
export function eachCsvRecord(
  text: string,
  visit: (cells: string[], line: number, end: CsvEnd) => void,
): void {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  let comma = -1;
  let lf = -1;
  let cr = -1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        // A quoted cell ends at a quote not doubled; each doubled one is kept once as the cell is
        // cut from the text in pieces (a data cell of JSON has dozens).
        let cell = '';
        let from = i + 1;
        let q = text.indexOf('"', from);
        while (q !== -1 && text.charCodeAt(q + 1) === 34) {
          cell += text.slice(from, q + 1);
          from = q + 2;
          q = text.indexOf('"', from);
        }
        cell += q === -1 ? text.slice(from) : text.slice(from, q);
        if (q === -1) {
          // The file ends inside a quoted cell: cut off.
          cells.push(cell);
          visit(cells, start, 'truncated');
          return;
        }
        // Line breaks inside the cell count for the lines after it.
        if (lf <= i) lf = nextOf(text, '\n', i + 1);
        while (lf < q) {
          line++;
          lf = nextOf(text, '\n', lf + 1);
        }
        cells.push(cell);
        i = q + 1;
      } else {
        // An unquoted cell ends at the next comma or line break, found natively (a cached position
        // holds until the reading passes it).
        if (comma < i) comma = nextOf(text, ',', i);
        if (lf < i) lf = nextOf(text, '\n', i);
        if (cr < i) cr = nextOf(text, '\r', i);
        const j = Math.min(comma, lf, cr);
        cells.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === 44 /* , */) {
        i++;
        continue;
      }
      // End of record: CRLF, LF or the end of the text.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (c === 10 || c === 13) i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) visit(cells, start, i < n ? 'more' : 'last');
  }
}
