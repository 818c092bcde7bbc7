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
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        // A quoted cell ends at a quote not doubled; doubled quotes are undone in one replace (a data
        // cell of JSON has dozens of them).
        const j = i + 1;
        let doubled = false;
        let q = text.indexOf('"', j);
        while (q !== -1 && text.charCodeAt(q + 1) === 34) {
          doubled = true;
          q = text.indexOf('"', q + 2);
        }
        const raw = q === -1 ? text.slice(j) : text.slice(j, q);
        const cell = doubled ? raw.replaceAll('""', '"') : raw;
        if (q === -1) {
          // The file ends inside a quoted cell: cut off.
          cells.push(cell);
          visit(cells, start, 'truncated');
          return;
        }
        for (let k = raw.indexOf('\n'); k !== -1; k = raw.indexOf('\n', k + 1)) line++;
        cells.push(cell);
        i = q + 1;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
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
