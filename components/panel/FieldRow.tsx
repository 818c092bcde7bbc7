import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import type { FieldApplied, FieldDraft, TemplateField } from '@/lib/panel/model';
import type { FieldState } from '@/lib/templates/suggestion';
import { FieldDetails } from './FieldDetails';
import { CandidatePicker } from './FieldEvidence';
import { FieldInput } from './FieldInput';
import { FieldPlace } from './FieldPlace';
import { FieldStatusLine, shownStatus } from './FieldStatus';
import type { PanelActions } from './types';

interface Props {
  field: TemplateField;
  ai?: FieldState;
  draft?: FieldDraft;
  applied?: FieldApplied;
  stale: boolean;
  shadow: boolean;
  busy: boolean;
  actions: PanelActions;
}

/**
 * One field as a compact row (issue #18): label, value, accept, then one line of status, confidence,
 * where it goes and what Apply all did. Evidence, help, regenerate and compare open on demand; a conflict
 * or a question for the customer stays visible, since the agent must act on it.
 */
export function FieldRow({ field, ai, draft, applied, stale, shadow, busy, actions }: Props) {
  const [open, setOpen] = useState(false);
  // Shadow mode: nothing from the AI is shown, the agent fills the field by hand.
  const shownAi = shadow ? undefined : ai;
  const status = shownStatus(shownAi, draft, stale);
  const value = draft?.value ?? null;
  const inputId = `field-${field.id}`;
  const metaId = `${inputId}-meta`;
  const detailsId = `${inputId}-details`;
  // A conflict is resolved by picking a candidate, a missing value by typing it: nothing to accept there.
  const canAccept =
    !shadow && !draft?.edited && value !== null && status !== 'conflict' && status !== 'missing';
  const unbound = field.binding && 'reason' in field.binding ? field.binding.reason : undefined;
  return (
    <li
      className={`field field-${status}`}
      data-testid={`field-${field.id}`}
      data-status={status}
      data-field-row={field.id}
    >
      <div className="field-line">
        <label htmlFor={inputId} className="field-label">
          {field.label}
          {field.required && <span aria-hidden="true"> *</span>}
        </label>
        <div className="field-control">
          <FieldInput
            field={field}
            value={value}
            inputId={inputId}
            describedBy={metaId}
            onChange={(v) => actions.setValue(field.id, v)}
          />
        </div>
        {canAccept && (
          <label className="accept">
            <input
              type="checkbox"
              checked={Boolean(draft?.accepted)}
              onChange={(e) => actions.accept(field.id, e.target.checked)}
              data-testid={`accept-${field.id}`}
            />
            {t(status === 'unsupported' ? 'panel_useGuess' : 'panel_accept')}
          </label>
        )}
      </div>
      <div className="field-meta-row">
        {!shadow && (
          <FieldStatusLine
            status={status}
            ai={shownAi}
            id={metaId}
            hideNote={unbound !== undefined && shownAi?.note === unbound}
          />
        )}
        <FieldPlace field={field} applied={applied} />
        <span className="row-tools">
          {status === 'stale' && (
            <button type="button" onClick={() => actions.regenerate({ field: field.id })} disabled={busy}>
              {t('panel_refresh')}
            </button>
          )}
          {draft && draft.history.length > 0 && (
            <button
              type="button"
              onClick={() => actions.undo(field.id)}
              aria-label={t('panel_undoField', field.label)}
              data-testid={`undo-${field.id}`}
            >
              {t('panel_undo')}
            </button>
          )}
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={t(open ? 'panel_hideMoreFor' : 'panel_showMoreFor', field.label)}
            onClick={() => setOpen(!open)}
            data-testid={`more-${field.id}`}
          >
            {shownAi?.evidence.length ? t('panel_evidenceCount', shownAi.evidence.length) : t('panel_more')}
          </button>
        </span>
      </div>
      {shownAi?.status === 'missing' && !draft?.edited && !unbound && (
        <p className="question" data-testid={`question-${field.id}`}>
          {t('panel_askCustomer', shownAi.question ?? t('panel_askWhatIs', field.label.toLowerCase()))}
        </p>
      )}
      {shownAi?.status === 'conflict' && shownAi.candidates && shownAi.candidates.length > 0 && (
        <CandidatePicker
          fieldId={field.id}
          label={field.label}
          candidates={shownAi.candidates}
          chosen={draft?.edited ? value : undefined}
          onPick={(v) => actions.pickCandidate(field.id, v)}
          onHighlight={actions.highlight}
        />
      )}
      {open && (
        <FieldDetails
          field={field}
          ai={shownAi}
          draft={draft}
          shadow={shadow}
          busy={busy}
          actions={actions}
          id={detailsId}
        />
      )}
    </li>
  );
}
