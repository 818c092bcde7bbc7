import { useId, useState } from 'react';
import type { EscalationFlag, EscalationHint, Severity } from '@/lib/escalation/rules';
import { DismissForm } from './DismissForm';
import { FlagList } from './FlagList';
import './escalation.css';
import { plural, t } from '@/lib/i18n/t';

/** What happened when the agent decided (shown in place of the actions). */
export interface EscalationOutcome {
  action: 'escalated' | 'dismissed';
  reason?: string;
  /** Page fields written on escalation ("priority", "internal-note"). */
  applied?: readonly string[];
  /** Page fields that could not be written, and why (the agent does it by hand). */
  skipped?: readonly { target: string; reason: string }[];
}

export interface EscalationBannerProps {
  flags: readonly EscalationFlag[];
  /** Model signals under the threshold: shown, not counted as reasons. */
  hints?: readonly EscalationHint[];
  busy?: boolean;
  outcome?: EscalationOutcome;
  error?: string;
  onEscalate: () => void;
  onDismiss: (reason: string) => void;
  onQuote?: (quote: string) => void;
}

const ORDER: Severity[] = ['critical', 'warning', 'info'];

function topSeverity(flags: readonly EscalationFlag[]): Severity | undefined {
  return ORDER.find((s) => flags.some((f) => f.severity === s));
}

function outcomeText(outcome: EscalationOutcome): string {
  if (outcome.action === 'dismissed') return t('esc_dismissed', outcome.reason ?? '');
  const parts = [t('esc_escalated')];
  if (outcome.applied?.length) parts.push(t('esc_writtenToDesk', outcome.applied.join(', ')));
  if (outcome.skipped?.length)
    parts.push(t('esc_doByHand', outcome.skipped.map((s) => `${s.target} (${s.reason})`).join('; ')));
  return parts.join(' ');
}

/**
 * The escalation banner: every reason with its evidence, severity and routing, and the agent's two
 * choices. Critical reasons are announced (role="alert"); everything works from the keyboard.
 */
export function EscalationBanner({
  flags,
  hints = [],
  busy,
  outcome,
  error,
  onEscalate,
  onDismiss,
  onQuote,
}: EscalationBannerProps) {
  const [dismissing, setDismissing] = useState(false);
  const titleId = useId();
  const severity = topSeverity(flags);
  if (!severity && hints.length === 0) return null;
  const count = flags.length;
  return (
    <section
      className={`escalation-banner severity-${severity ?? 'hint'}`}
      aria-labelledby={titleId}
      data-testid="escalation-banner"
      data-severity={severity ?? 'hint'}
    >
      <div role={severity === 'critical' ? 'alert' : 'status'}>
        <h2 id={titleId}>
          {count > 0
            ? plural(count, 'esc_needsDecision_one', 'esc_needsDecision_other')
            : t('esc_possibleRisks')}
        </h2>
      </div>
      {count > 0 && <FlagList flags={flags} onQuote={onQuote} />}
      {hints.length > 0 && (
        <details className="escalation-hints">
          <summary>{plural(hints.length, 'esc_hints_one', 'esc_hints_other')}</summary>
          <ul>
            {hints.map((h) => (
              <li key={h.category}>
                {h.category} ({Math.round(h.confidence * 100)}%){h.rationale ? `: ${h.rationale}` : ''}
                {h.evidence.map((e) => (
                  <q key={e.quote}>{e.quote}</q>
                ))}
              </li>
            ))}
          </ul>
        </details>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {outcome ? (
        <p role="status" className="escalation-outcome" data-testid="escalation-outcome">
          {outcomeText(outcome)}
        </p>
      ) : (
        count > 0 &&
        (dismissing ? (
          <DismissForm
            busy={busy}
            onCancel={() => setDismissing(false)}
            onDismiss={(reason) => {
              onDismiss(reason);
              setDismissing(false);
            }}
          />
        ) : (
          <div className="escalation-actions">
            <button type="button" className="primary" onClick={onEscalate} disabled={busy}>
              {t('esc_escalate')}
            </button>
            <button type="button" onClick={() => setDismissing(true)} disabled={busy}>
              {t('esc_dismiss')}
            </button>
          </div>
        ))
      )}
    </section>
  );
}
