import { t } from '@/lib/i18n/t';
import { valueText } from '@/lib/panel/model';
import type { Candidate, Evidence, FieldValue } from '@/lib/templates/suggestion';

/** Quotes that support a value; hovering or focusing one highlights it in the page. */
export function EvidenceList({
  evidence,
  onHighlight,
}: {
  evidence: Evidence[];
  onHighlight(quote: string): void;
}) {
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence" aria-label={t('panel_evidenceList')}>
      {evidence.map((e) => (
        <li key={e.quote}>
          <button
            type="button"
            className="quote"
            title={t('panel_showInTicket')}
            data-testid="evidence-quote"
            onMouseEnter={() => onHighlight(e.quote)}
            onFocus={() => onHighlight(e.quote)}
            onClick={() => onHighlight(e.quote)}
          >
            “{e.quote}”
          </button>
        </li>
      ))}
    </ul>
  );
}

interface CandidateProps {
  fieldId: string;
  label: string;
  candidates: Candidate[];
  /** The candidate the agent picked; none until they pick (the AI's pick is not a choice). */
  chosen?: FieldValue;
  onPick(value: FieldValue): void;
  onHighlight(quote: string): void;
}

/** A conflict: the ticket says several things; the agent picks one (radio buttons, keyboard-friendly). */
export function CandidatePicker({ fieldId, label, candidates, chosen, onPick, onHighlight }: CandidateProps) {
  return (
    <fieldset className="candidates" data-testid={`candidates-${fieldId}`}>
      <legend>{t('panel_candidatesLegend', label)}</legend>
      {candidates.map((c) => {
        const text = valueText(c.value);
        const id = `cand-${fieldId}-${text}`;
        return (
          <div key={text} className="candidate">
            <input
              type="radio"
              id={id}
              name={`cand-${fieldId}`}
              checked={chosen !== undefined && valueText(chosen) === text}
              onChange={() => onPick(c.value)}
              onFocus={() => c.evidence[0] && onHighlight(c.evidence[0].quote)}
            />
            <label htmlFor={id}>
              {text}
              {c.evidence[0] && <span className="candidate-quote"> — “{c.evidence[0].quote}”</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
