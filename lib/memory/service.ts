import { db } from '../db/db';
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

/** After records were deleted or imported: retrieval re-reads, the learner re-learns what is left. */
export async function afterRecordsChanged(): Promise<number> {
  correctionRetrieval().invalidate();
  return localLearner().rebuild((c) => (c as { fieldKind?: string }).fieldKind === 'enum');
}
