import type { Correction, DeskmateDb } from '../db/db';
import { CorrectionRecord, correctionKey } from '../db/records';

/**
 * Team packs: JSONL files of corrections a colleague exported. Importing is two steps so nothing is
 * written by surprise: `previewTeamPack` validates every line (zod) and finds duplicates (against the
 * database and within the pack), then `commitTeamPack` adds only the new ones, marked `imported`.
 */

export interface PackProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface PackPreview {
  /** Valid, not yet in the database, not repeated in the pack. */
  fresh: Correction[];
  duplicates: number;
  /** Invalid lines, all counted here; the first ones described in `problems`. */
  invalid: number;
  problems: PackProblem[];
  /** Non-empty lines read. */
  lines: number;
}

/** Problems reported in full; beyond that only counted (a wrong file would list thousands). */
const MAX_PROBLEMS = 200;
/** Keys checked per IndexedDB query. */
const BATCH = 500;

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

/** Validate and de-duplicate a pack without writing anything. */
export async function previewTeamPack(database: DeskmateDb, text: string): Promise<PackPreview> {
  const problems: PackProblem[] = [];
  let invalid = 0;
  const candidates: Correction[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let lines = 0;
  const report = (line: number, message: string) => {
    invalid++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message });
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    lines++;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      report(i + 1, 'not valid JSON');
      return;
    }
    const parsed = CorrectionRecord.safeParse(json);
    if (!parsed.success) {
      report(i + 1, describe(parsed.error));
      return;
    }
    const { id: _id, ...record } = parsed.data;
    const dedupKey = correctionKey(record);
    if (seen.has(dedupKey)) {
      duplicates++;
      return;
    }
    seen.add(dedupKey);
    candidates.push({ ...record, dedupKey });
  });
  const fresh: Correction[] = [];
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const known = new Set(
      (await database.corrections
        .where('dedupKey')
        .anyOf(batch.map((c) => c.dedupKey as string))
        .keys()) as unknown as string[],
    );
    for (const c of batch) {
      if (known.has(c.dedupKey as string)) duplicates++;
      else fresh.push(c);
    }
  }
  return { fresh, duplicates, invalid, problems, lines };
}

/** Add a previewed pack's new corrections, marked as imported from `from` (the file name). */
export async function commitTeamPack(
  database: DeskmateDb,
  preview: PackPreview,
  from: string,
  now = Date.now(),
): Promise<number> {
  const rows = preview.fresh.map((c) => ({ ...c, imported: c.imported ?? { from, at: now } }));
  await database.transaction('rw', database.corrections, async () => {
    for (let i = 0; i < rows.length; i += BATCH) await database.corrections.bulkAdd(rows.slice(i, i + BATCH));
  });
  return rows.length;
}
