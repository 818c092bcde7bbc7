import { type Correction, db } from '../db/db';
import { LocalLearner } from '../learner/registry';
import { CorrectionRetrieval } from './retrieval';

/**
 * The background's one learner and one retrieval index over `db()`. The suggestion pipeline takes
 * them as its `EnumLearner` and `ExampleSource` ports (lib/engine/ports.ts).
 */
let learner: LocalLearner | undefined;
let retrieval: CorrectionRetrieval | undefined;

export function localLearner(): LocalLearner {
  learner ??= new LocalLearner(db);
  return learner;
}

export function correctionRetrieval(): CorrectionRetrieval {
  retrieval ??= new CorrectionRetrieval(db);
  return retrieval;
}

/**
 * Background start: the retrieval index of every template that has corrections and no saved index yet
 * (a database just upgraded to version 3) is built and saved now, not on the first suggestion.
 */
export function warmRetrieval(): void {
  void correctionRetrieval()
    .warm()
    .catch(() => {});
}

/**
 * What the background does with the rows of one apply (message `corrections.record`, learning on): the
 * learner learns every enum field the agent kept (a correction also as an exemplar), its state is
 * written, and the retrieval index takes the new corrections. The accuracy bench runs this same code.
 */
export async function learnFromRecorded(
  rows: readonly Correction[],
  learner: LocalLearner = localLearner(),
  retrieval: CorrectionRetrieval = correctionRetrieval(),
): Promise<void> {
  for (const row of rows) {
    if (row.fieldKind === 'enum' && typeof row.keptValue === 'string' && row.keptValue) {
      await learner.learn(
        row.templateId,
        row.field,
        row.site,
        row.contextSnippet,
        row.keptValue,
        !row.agreed,
      );
    }
  }
  await learner.flush();
  await retrieval.add(rows);
}

/**
 * Whether a stored correction may be learned from or retrieved: not when it was recorded with learning
 * off (`learnable: false`, no ticket text), nor when it has no snippet to learn from.
 */
export function isLearnable(c: { learnable?: boolean; contextSnippet?: string }): boolean {
  return c.learnable !== false && !!c.contextSnippet;
}

/**
 * After records were deleted or imported: the retrieval index is rebuilt in the background (queries go
 * on meanwhile, never offering a deleted row), the learner re-learns what is left.
 */
export async function afterRecordsChanged(): Promise<number> {
  correctionRetrieval().invalidate();
  return localLearner().rebuild((c) => {
    const row = c as Partial<Pick<Correction, 'fieldKind' | 'learnable' | 'contextSnippet'>>;
    return row.fieldKind === 'enum' && isLearnable(row);
  });
}
