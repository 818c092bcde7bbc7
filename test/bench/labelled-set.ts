/**
 * Labelled ticket sets for the benchmarks (learn.ts, accuracy.ts): CSV reading, the fixed-seed shuffle
 * both use, and the offline scikit-learn reference (offline-reference.py) on a given split.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** RFC 4180 records from a byte stream, one chunk at a time (quoted fields may span lines). */
export async function* csvRecords(path: string): AsyncGenerator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let quoteSeen = false;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    for (const ch of chunk as string) {
      if (quoted) {
        if (ch === '"') {
          quoted = false;
          quoteSeen = true;
        } else field += ch;
        continue;
      }
      if (ch === '"') {
        if (quoteSeen) field += '"';
        quoted = true;
        quoteSeen = false;
        continue;
      }
      quoteSeen = false;
      if (ch === ',') {
        record.push(field);
        field = '';
      } else if (ch === '\n') {
        record.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        field = '';
        yield record;
        record = [];
      } else field += ch;
    }
  }
  if (field || record.length) yield [...record, field];
}

export interface LabelledRow {
  text: string;
  label: string;
  language?: string;
}

/**
 * The rows of a CSV with a label: text columns joined by newlines, rows without a label skipped. A
 * column that is not in the header is an error naming the columns there are.
 */
export async function readLabelled(
  path: string,
  text: string,
  label: string,
  language?: string,
): Promise<LabelledRow[]> {
  const textCols = text.split(',').map((c) => c.trim());
  const rows: LabelledRow[] = [];
  let header: string[] | undefined;
  for await (const record of csvRecords(path)) {
    if (!header) {
      header = record.map((h) => h.replace(/^\uFEFF/, '').trim());
      for (const c of [...textCols, label, ...(language ? [language] : [])]) {
        if (!header.includes(c)) throw new Error(`Column "${c}" not in ${header.join(', ')}`);
      }
      continue;
    }
    const get = (c: string) => record[(header as string[]).indexOf(c)] ?? '';
    const value = get(label).trim();
    if (!value) continue;
    const lang = language ? get(language).trim() : '';
    rows.push({ text: textCols.map(get).join('\n'), label: value, ...(lang ? { language: lang } : {}) });
  }
  return rows;
}

/** In place, xorshift with a fixed seed: the files are sorted by label, the benchmarks must not be. */
export function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The split offline-reference.py reads: JSON lines {text, label, part}, the first `streamSize` "stream". */
export function writeSplit(path: string, rows: readonly LabelledRow[], streamSize: number): void {
  const part = (i: number) => (i < streamSize ? 'stream' : 'holdout');
  writeFileSync(
    path,
    rows.map((r, i) => `${JSON.stringify({ text: r.text, label: r.label, part: part(i) })}\n`).join(''),
  );
}

/** Offline references per checkpoint: configuration -> corrections -> [accuracy, coverage at 95 % precision]. */
export type Reference = Record<string, Record<string, [number, number]>>;

/** The Python that runs offline-reference.py: PYTHON, else Debian's (python3-sklearn). */
export const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Whether PYTHON can import scikit-learn. */
export function hasSklearn(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * TF-IDF + logistic regression fitted offline by scikit-learn itself (offline-reference.py) on the first
 * N stream rows for each checkpoint N, scored on the holdout rows (every row from `streamSize` on).
 */
export function sklearnReference(
  rows: readonly LabelledRow[],
  streamSize: number,
  checkpoints: number[],
): Reference {
  const dir = mkdtempSync(join(tmpdir(), 'deskmate-learn-'));
  const split = join(dir, 'split.jsonl');
  try {
    writeSplit(split, rows, streamSize);
    const script = fileURLToPath(new URL('./offline-reference.py', import.meta.url));
    const out = execFileSync(
      PYTHON,
      [script, '--split', split, '--json', '--checkpoints', checkpoints.join(',')],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    return JSON.parse(out) as Reference;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
