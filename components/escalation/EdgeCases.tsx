import type { EdgeItem } from '@/lib/escalation/rules';
import './escalation.css';

export interface EdgeCasesProps {
  edges: readonly EdgeItem[];
  /** Put a question for the customer into the reply (or copy it); no button when absent. */
  onUseQuestion?: (question: string) => void;
}

const GROUPS: { kind: EdgeItem['kind']; title: string }[] = [
  { kind: 'missing', title: 'Missing' },
  { kind: 'contradictory', title: 'Contradictory' },
  { kind: 'late', title: 'Late or changed' },
];

/** Inputs that are missing, contradictory or late, each with what to ask (the customer) or check (the agent). */
export function EdgeCases({ edges, onUseQuestion }: EdgeCasesProps) {
  if (edges.length === 0) return null;
  return (
    <section className="edge-cases" aria-label="Before you rely on this" data-testid="edge-cases">
      <h2>Before you rely on this</h2>
      {GROUPS.map(({ kind, title }) => {
        const items = edges.filter((e) => e.kind === kind);
        if (items.length === 0) return null;
        return (
          <div key={kind} className={`edge-group edge-${kind}`}>
            <h3>{title}</h3>
            <ul>
              {items.map((e) => (
                <li key={`${e.code}:${e.field ?? ''}`} data-edge-code={e.code}>
                  <p>{e.message}</p>
                  <p className="edge-ask">
                    <strong>{e.askWhom === 'customer' ? 'Ask the customer:' : 'Check:'}</strong> {e.ask}
                    {onUseQuestion && e.askWhom === 'customer' && (
                      <button type="button" className="link" onClick={() => onUseQuestion(e.ask)}>
                        Use this question
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
