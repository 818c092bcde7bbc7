import { useState } from 'react';
import { type FieldDraft, type TemplateField, valueText } from '@/lib/panel/model';
import type { FieldState } from '@/lib/templates/suggestion';
import { CandidatePicker, EvidenceList } from './FieldEvidence';
import { FieldInput } from './FieldInput';
import { FieldRegenerate } from './FieldRegenerate';
import { FieldStatusLine, shownStatus } from './FieldStatus';
import type { PanelActions } from './types';
import { ValueDiff } from './ValueDiff';

interface Props {
  field: TemplateField;
  ai?: FieldState;
  draft?: FieldDraft;
  stale: boolean;
  shadow: boolean;
  busy: boolean;
  actions: PanelActions;
}

/** One field: its value to edit, why it is there (status, confidence, evidence), and what to do next. */
export function FieldCard({ field, ai, draft, stale, shadow, busy, actions }: Props) {
  const [comparing, setComparing] = useState(false);
  // Shadow mode: nothing from the AI is shown, the agent fills the field by hand.
  const shownAi = shadow ? undefined : ai;
  const status = shownStatus(shownAi, draft, stale);
  const value = draft?.value ?? null;
  const inputId = `field-${field.id}`;
  const metaId = `${inputId}-meta`;
  // A conflict is resolved by picking a candidate, a missing value by typing it: nothing to accept there.
  const canAccept =
    !shadow && !draft?.edited && value !== null && status !== 'conflict' && status !== 'missing';
  return (
    <li className={`field field-${status}`} data-testid={`field-${field.id}`} data-status={status}>
      <div className="field-head">
        <label htmlFor={inputId} className="field-label">
          {field.label}
          {field.required && <span aria-hidden="true"> *</span>}
          {field.applyTo && <span className="target-hint"> → {field.applyTo.replace('-', ' ')}</span>}
        </label>
        {!shadow && <FieldStatusLine status={status} ai={shownAi} id={metaId} />}
      </div>
      <FieldInput
        field={field}
        value={value}
        inputId={inputId}
        describedBy={metaId}
        onChange={(v) => actions.setValue(field.id, v)}
      />
      {shownAi?.status === 'missing' && !draft?.edited && (
        <p className="question" data-testid={`question-${field.id}`}>
          Ask the customer: {shownAi.question ?? `what is the ${field.label.toLowerCase()}?`}
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
      {shownAi && <EvidenceList evidence={shownAi.evidence} onHighlight={actions.highlight} />}
      {comparing && draft?.previous !== undefined && (
        <ValueDiff before={valueText(draft.previous)} after={valueText(value)} />
      )}
      <div className="button-row field-actions">
        {canAccept && (
          <label className="accept">
            <input
              type="checkbox"
              checked={Boolean(draft?.accepted)}
              onChange={(e) => actions.accept(field.id, e.target.checked)}
              data-testid={`accept-${field.id}`}
            />{' '}
            {status === 'unsupported' ? 'Use this guess' : 'Accept'}
          </label>
        )}
        {status === 'stale' && (
          <button type="button" onClick={() => actions.regenerate({ field: field.id })} disabled={busy}>
            Refresh
          </button>
        )}
        {!shadow && (
          <FieldRegenerate
            label={field.label}
            busy={busy}
            onRun={(instruction) => actions.regenerate({ field: field.id, instruction })}
          />
        )}
        {draft && draft.history.length > 0 && (
          <button
            type="button"
            onClick={() => actions.undo(field.id)}
            aria-label={`Undo ${field.label}`}
            data-testid={`undo-${field.id}`}
          >
            Undo
          </button>
        )}
        {draft?.previous !== undefined && (
          <button
            type="button"
            aria-pressed={comparing}
            onClick={() => setComparing(!comparing)}
            data-testid={`compare-${field.id}`}
          >
            Compare
          </button>
        )}
      </div>
    </li>
  );
}
