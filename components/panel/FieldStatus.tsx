import { type MessageKey, t } from '@/lib/i18n/t';
import type { FieldDraft } from '@/lib/panel/model';
import type { FieldSource, FieldState, FieldStatus as Status } from '@/lib/templates/suggestion';

const STATUS_TEXT: Record<Status | 'edited' | 'empty', MessageKey> = {
  filled: 'panel_statusFilled',
  missing: 'panel_statusMissing',
  conflict: 'panel_statusConflict',
  stale: 'panel_statusStale',
  unsupported: 'panel_statusGuess',
  edited: 'panel_statusEdited',
  empty: 'panel_statusEmpty',
};

const SOURCE_TEXT: Record<FieldSource, MessageKey> = {
  model: 'panel_sourceModel',
  local: 'panel_sourceLocal',
  rule: 'panel_sourceRule',
  memory: 'panel_sourceMemory',
  agent: 'panel_sourceAgent',
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
  const label = t(STATUS_TEXT[status]);
  return (
    <p className="field-meta" id={id}>
      <span className={`badge badge-${status}`} data-testid="field-status" data-status={status}>
        {label}
      </span>
      {ai && status !== 'edited' && status !== 'missing' && ai.value !== null && (
        <span className="confidence">
          {' '}
          {t('panel_confidence', [Math.round(ai.confidence * 100), t(SOURCE_TEXT[ai.source])])}
        </span>
      )}
      {status === 'unsupported' && <span className="warn-text"> {t('panel_unsupportedWarn')}</span>}
      {status === 'stale' && <span className="warn-text"> {t('panel_staleWarn')}</span>}
      {ai?.note && !hideNote && <span className="note"> {ai.note}</span>}
    </p>
  );
}
