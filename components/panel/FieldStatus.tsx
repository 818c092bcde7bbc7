import type { FieldDraft } from '@/lib/panel/model';
import type { FieldSource, FieldState, FieldStatus as Status } from '@/lib/templates/suggestion';

const STATUS_TEXT: Record<Status, string> = {
  filled: 'Filled',
  missing: 'Missing',
  conflict: 'Conflict',
  stale: 'Stale',
  unsupported: 'Guess',
};

const SOURCE_TEXT: Record<FieldSource, string> = {
  model: 'model',
  local: 'local engine',
  rule: 'rule',
  memory: 'your corrections',
  agent: 'you',
};

/** The status the agent should see: their own edit wins, then staleness, then the AI's status. */
export function shownStatus(
  ai: FieldState | undefined,
  draft: FieldDraft | undefined,
  stale: boolean,
): Status | 'edited' | 'empty' {
  if (draft?.edited) return 'edited';
  if (!ai) return 'empty';
  if (stale && ai.status !== 'missing') return 'stale';
  return ai.status;
}

/** Status, confidence and source in words (never colour alone). */
export function FieldStatusLine({
  status,
  ai,
  id,
  hideNote,
}: {
  status: ReturnType<typeof shownStatus>;
  ai?: FieldState;
  id: string;
  /** The note says what the row shows already (no desk field for this value). */
  hideNote?: boolean;
}) {
  const label =
    status === 'edited' ? 'Edited by you' : status === 'empty' ? 'No suggestion' : STATUS_TEXT[status];
  return (
    <p className="field-meta" id={id}>
      <span className={`badge badge-${status}`} data-testid="field-status" data-status={status}>
        {label}
      </span>
      {ai && status !== 'edited' && status !== 'missing' && ai.value !== null && (
        <span className="confidence">
          {' '}
          {Math.round(ai.confidence * 100)}% sure · {SOURCE_TEXT[ai.source]}
        </span>
      )}
      {status === 'unsupported' && (
        <span className="warn-text"> not found in the ticket: check before using</span>
      )}
      {status === 'stale' && <span className="warn-text"> the ticket changed since</span>}
      {ai?.note && !hideNote && <span className="note"> {ai.note}</span>}
    </p>
  );
}
