import type { EscalationFlag, Routing, Severity } from '@/lib/escalation/rules';

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** "Legal · Legal team · priority urgent": where the ticket goes if the agent escalates. */
export function routingText(routing: Routing | undefined): string | undefined {
  if (!routing) return undefined;
  const parts = [
    routing.queue && `queue ${routing.queue}`,
    routing.assignee,
    routing.priority && `priority ${routing.priority}`,
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
              <span className="severity-badge">{SEVERITY_LABEL[flag.severity]}</span> {flag.reason}
            </p>
            <p className="escalation-source">
              {flag.source === 'rule'
                ? `Rule: ${flag.ruleId}`
                : `Model signal${flag.confidence === undefined ? '' : ` (${Math.round(flag.confidence * 100)}%)`}`}
              {route && <> · Route to: {route}</>}
            </p>
            {flag.agreeing?.map((a) => (
              <p key={a.category} className="escalation-source">
                The model agrees ({Math.round(a.confidence * 100)}%){a.rationale ? `: ${a.rationale}` : ''}
              </p>
            ))}
            {flag.evidence.length > 0 && (
              <ul className="escalation-evidence" aria-label={`Evidence for ${flag.ruleId}`}>
                {flag.evidence.map((e) => (
                  <li key={`${e.messageIndex ?? 's'}:${e.quote}`}>
                    <q>{e.quote}</q>
                    {onQuote && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => onQuote(e.quote)}
                        aria-label={`Show in the page: ${e.quote.slice(0, 60)}`}
                      >
                        Show
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
