import { EscalationRulesSettings } from '@/components/escalation/EscalationRulesSettings';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { ruleProblems } from '@/lib/escalation/rules';
import { saveSection, useOptions } from '@/lib/panel/options';
import type { Settings } from '@/lib/settings/schema';

const defaults = DEFAULT_RULES.map(({ id, severity, reason }) => ({ id, severity, reason }));

/**
 * The options page's "Escalation rules" section, wired: saves through settings.save (the background
 * re-validates and refuses what policy locks), and only what the agent may change is editable.
 */
export function EscalationRulesSection({
  escalation,
  isLocked,
}: {
  escalation: Settings['escalation'];
  isLocked(path: string): boolean;
}) {
  const status = useOptions((s) => s.status.escalation);
  return (
    <EscalationRulesSettings
      defaults={defaults}
      rules={escalation.rules}
      signalThreshold={escalation.signalThreshold}
      isLocked={isLocked}
      validate={ruleProblems}
      status={status}
      onSave={({ rules, signalThreshold }) => {
        const patch: Record<string, unknown> = {};
        if (!isLocked('escalation.rules')) patch.rules = rules;
        if (!isLocked('escalation.signalThreshold')) patch.signalThreshold = signalThreshold;
        void saveSection('escalation', { escalation: patch });
      }}
    />
  );
}
