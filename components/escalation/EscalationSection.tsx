import type { EscalationResult } from '@/lib/escalation/rules';
import { t } from '@/lib/i18n/t';
import { EdgeCases } from './EdgeCases';
import { EscalationBanner, type EscalationOutcome } from './EscalationBanner';

export interface EscalationSectionProps {
  result?: EscalationResult;
  busy?: boolean;
  error?: string;
  outcome?: EscalationOutcome;
  onEscalate: () => void;
  onDismiss: (reason: string) => void;
  onQuote?: (quote: string) => void;
  onUseQuestion?: (question: string) => void;
}

/** What the panel mounts in its banner slot: the escalation banner, then the edge cases. */
export function EscalationSection({ result, error, onUseQuestion, ...banner }: EscalationSectionProps) {
  if (!result) {
    return error ? (
      <p className="error" role="alert">
        {t('esc_rulesFailed', error)}
      </p>
    ) : null;
  }
  return (
    <>
      <EscalationBanner flags={result.flags} hints={result.hints} error={error} {...banner} />
      <EdgeCases edges={result.edges} onUseQuestion={onUseQuestion} />
    </>
  );
}
