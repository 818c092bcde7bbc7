import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import { type FieldDraft, type TemplateField, valueText } from '@/lib/panel/model';
import type { FieldState } from '@/lib/templates/suggestion';
import { EvidenceList } from './FieldEvidence';
import { FieldRegenerate } from './FieldRegenerate';
import type { PanelActions } from './types';
import { ValueDiff } from './ValueDiff';

interface Props {
  field: TemplateField;
  ai?: FieldState;
  draft?: FieldDraft;
  shadow: boolean;
  busy: boolean;
  actions: PanelActions;
  id: string;
}

/** What a compact row keeps out of the way until asked: evidence, the field's help, regenerate, compare. */
export function FieldDetails({ field, ai, draft, shadow, busy, actions, id }: Props) {
  const [comparing, setComparing] = useState(false);
  return (
    <div className="field-details" id={id} data-testid={`details-${field.id}`}>
      {field.description && <p className="hint">{field.description}</p>}
      {ai && ai.evidence.length === 0 && ai.value !== null && <p className="hint">{t('panel_noQuote')}</p>}
      {ai && <EvidenceList evidence={ai.evidence} onHighlight={actions.highlight} />}
      {comparing && draft?.previous !== undefined && (
        <ValueDiff before={valueText(draft.previous)} after={valueText(draft.value)} />
      )}
      <div className="button-row field-actions">
        {!shadow && (
          <FieldRegenerate
            label={field.label}
            busy={busy}
            onRun={(instruction) => actions.regenerate({ field: field.id, instruction })}
          />
        )}
        {draft?.previous !== undefined && (
          <button
            type="button"
            aria-pressed={comparing}
            onClick={() => setComparing(!comparing)}
            data-testid={`compare-${field.id}`}
          >
            {t('panel_compare')}
          </button>
        )}
      </div>
    </div>
  );
}
