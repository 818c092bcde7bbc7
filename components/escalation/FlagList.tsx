import type { EscalationFlag, Routing, Severity } from '@/lib/escalation/rules';
import { type MessageKey, t } from '@/lib/i18n/t';

const SEVERITY_LABEL: Record<Severity, MessageKey> = {
  critical: 'esc_severityCritical',
  warning: 'esc_severityWarning',
  info: 'esc_severityInfo',
};

/** "Legal · Legal team · priority urgent": where the ticket goes if the agent escalates. */
export function routingText(routing: Routing | undefined): string | undefined {
  if (!routing) return undefined;
  const parts = [
    routing.queue && t('esc_routeQueue', routing.queue),
    routing.assignee,
    routing.priority && t('esc_routePriority', routing.priority),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

export interface FlagListProps {
  flags: readonly EscalationFlag[];
  /** Show a quote in the page (scroll and highlight); no button when absent. */
  onQuote?: (quote: string) => void;
}

/** Every reason with its severity, where it came from, its routing and the quotes behind it. */
export function FlagList({ flags, onQuote }: FlagListProps) {
  return (
    <ul className="escalation-flags">
      {flags.map((flag) => {
        const route = routingText(flag.routing);
        return (
          <li
            key={flag.ruleId}
            className={`escalation-flag severity-${flag.severity}`}
            data-rule-id={flag.ruleId}
          >
            <p className="escalation-reason">
              <span className="severity-badge">{t(SEVERITY_LABEL[flag.severity])}</span> {flag.reason}
            </p>
            <p className="escalation-source">
              {flag.source === 'rule'
                ? t('esc_sourceRule', flag.ruleId)
                : flag.confidence === undefined
                  ? t('esc_sourceModel')
                  : t('esc_sourceModelConfidence', Math.round(flag.confidence * 100))}
              {route && <> · {t('esc_routeTo', route)}</>}
            </p>
            {flag.agreeing?.map((a) => (
              <p key={a.category} className="escalation-source">
                {a.rationale
                  ? t('esc_modelAgreesWhy', [Math.round(a.confidence * 100), a.rationale])
                  : t('esc_modelAgrees', Math.round(a.confidence * 100))}
              </p>
            ))}
            {flag.evidence.length > 0 && (
              <ul className="escalation-evidence" aria-label={t('esc_evidenceFor', flag.ruleId)}>
                {flag.evidence.map((e) => (
                  <li key={`${e.messageIndex ?? 's'}:${e.quote}`}>
                    <q>{e.quote}</q>
                    {onQuote && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => onQuote(e.quote)}
                        aria-label={t('esc_showInPage', e.quote.slice(0, 60))}
                      >
                        {t('esc_show')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
