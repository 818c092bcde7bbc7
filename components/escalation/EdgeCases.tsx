import type { EdgeItem } from '@/lib/escalation/rules';
import './escalation.css';
import { type MessageKey, t } from '@/lib/i18n/t';

export interface EdgeCasesProps {
  edges: readonly EdgeItem[];
  /** Put a question for the customer into the reply (or copy it); no button when absent. */
  onUseQuestion?: (question: string) => void;
}

const GROUPS: { kind: EdgeItem['kind']; title: MessageKey }[] = [
  { kind: 'missing', title: 'esc_edgeMissing' },
  { kind: 'contradictory', title: 'esc_edgeContradictory' },
  { kind: 'late', title: 'esc_edgeLate' },
];

/** Inputs that are missing, contradictory or late, each with what to ask (the customer) or check (the agent). */
export function EdgeCases({ edges, onUseQuestion }: EdgeCasesProps) {
  if (edges.length === 0) return null;
  return (
    <section className="edge-cases" aria-label={t('esc_beforeYouRely')} data-testid="edge-cases">
      <h2>{t('esc_beforeYouRely')}</h2>
      {GROUPS.map(({ kind, title }) => {
        const items = edges.filter((e) => e.kind === kind);
        if (items.length === 0) return null;
        return (
          <div key={kind} className={`edge-group edge-${kind}`}>
            <h3>{t(title)}</h3>
            <ul>
              {items.map((e) => (
                <li key={`${e.code}:${e.field ?? ''}`} data-edge-code={e.code}>
                  <p>{e.message}</p>
                  <p className="edge-ask">
                    <strong>{t(e.askWhom === 'customer' ? 'esc_askCustomer' : 'esc_check')}</strong> {e.ask}
                    {onUseQuestion && e.askWhom === 'customer' && (
                      <button type="button" className="link" onClick={() => onUseQuestion(e.ask)}>
                        {t('esc_useQuestion')}
                      </button>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
