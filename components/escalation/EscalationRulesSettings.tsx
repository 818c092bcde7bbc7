import { useEffect, useId, useState } from 'react';
import type { Severity } from '@/lib/escalation/rules';
import { JsonListEditor } from '../options/JsonListEditor';
import { LockedNote, SectionStatusLine } from '../ui/Locked';
import './escalation.css';
import { type MessageKey, plural, t } from '@/lib/i18n/t';

const SEVERITY_LABEL: Record<Severity, MessageKey> = {
  critical: 'esc_severityCritical',
  warning: 'esc_severityWarning',
  info: 'esc_severityInfo',
};

/** A default rule as the settings page lists it. */
export interface RuleSummary {
  id: string;
  severity: Severity;
  reason: string;
}

export interface EscalationRulesSettingsProps {
  defaults: readonly RuleSummary[];
  /** The user's (or policy's) rules as saved: JSON values. */
  rules: readonly unknown[];
  signalThreshold: number;
  isLocked(path: string): boolean;
  /** Problems of the rules being edited, empty when they are valid. */
  validate(rules: unknown[]): string[];
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  onSave(next: { rules: unknown[]; signalThreshold: number }): void;
}

function parse(text: string): { rules?: unknown[]; error?: string } {
  if (!text.trim()) return { rules: [] };
  try {
    const value: unknown = JSON.parse(text);
    return { rules: Array.isArray(value) ? value : [value] };
  } catch (error) {
    return { error: t('options_notValidJson', (error as Error).message) };
  }
}

function overrideOf(rules: readonly unknown[], id: string): 'replaced' | 'off' | undefined {
  const rule = rules.find((r) => (r as { id?: unknown })?.id === id) as { enabled?: unknown } | undefined;
  if (!rule) return undefined;
  return rule.enabled === false ? 'off' : 'replaced';
}

/** The default rules, the model-signal threshold, and the team's own rules as JSON (validated as you type). */
export function EscalationRulesSettings(props: EscalationRulesSettingsProps) {
  const { defaults, rules, isLocked, validate, status, onSave } = props;
  const [text, setText] = useState(() => (rules.length ? JSON.stringify(rules, null, 2) : ''));
  const [threshold, setThreshold] = useState(String(props.signalThreshold));
  useEffect(() => setText(rules.length ? JSON.stringify(rules, null, 2) : ''), [rules]);
  useEffect(() => setThreshold(String(props.signalThreshold)), [props.signalThreshold]);
  const id = useId();
  const rulesLocked = isLocked('escalation') || isLocked('escalation.rules');
  const thresholdLocked = isLocked('escalation') || isLocked('escalation.signalThreshold');
  const parsed = parse(text);
  const value = Number(threshold);
  const thresholdProblem =
    threshold.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1
      ? t('esc_thresholdProblem')
      : undefined;
  const problems = [
    ...(parsed.error ? [parsed.error] : validate(parsed.rules ?? [])),
    ...(thresholdProblem ? [thresholdProblem] : []),
  ];
  return (
    <form
      className="settings-form"
      // Validated here (problems list) rather than by the browser, whose step check rounds 0.7 / 0.05.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length === 0 && parsed.rules) onSave({ rules: parsed.rules, signalThreshold: value });
      }}
    >
      <table className="rules-table">
        <caption>{t('esc_defaultsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('esc_colRule')}</th>
            <th scope="col">{t('esc_colSeverity')}</th>
            <th scope="col">{t('esc_colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {defaults.map((r) => {
            const override = overrideOf(parsed.rules ?? rules, r.id);
            return (
              <tr key={r.id} data-rule-id={r.id}>
                <td>
                  <code>{r.id}</code>
                  {override && (
                    <span className="hint"> {t(override === 'off' ? 'esc_turnedOff' : 'esc_replaced')}</span>
                  )}
                </td>
                <td>{t(SEVERITY_LABEL[r.severity])}</td>
                <td>{r.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label htmlFor={`${id}-threshold`}>{t('esc_thresholdLabel')}</label>
      <input
        id={`${id}-threshold`}
        type="number"
        min={0}
        max={1}
        step={0.05}
        value={threshold}
        disabled={thresholdLocked}
        aria-describedby={thresholdLocked ? 'lock-escalation-threshold' : undefined}
        onChange={(e) => setThreshold(e.target.value)}
      />
      {thresholdLocked && <LockedNote id="lock-escalation-threshold" />}
      <JsonListEditor
        id={id}
        label={t('esc_yourRules')}
        testId="escalation-rules"
        rows={12}
        text={text}
        onText={setText}
        locked={rulesLocked}
        lockId="lock-escalation-rules"
        problems={problems}
        okText={
          parsed.rules?.length
            ? plural(parsed.rules.length, 'esc_validRules_one', 'esc_validRules_other')
            : t('esc_noOwnRules')
        }
      />
      <div className="button-row">
        <button
          type="submit"
          className="primary"
          disabled={(rulesLocked && thresholdLocked) || problems.length > 0}
        >
          {t('common_save')}
        </button>
      </div>
      <SectionStatusLine status={status} />
    </form>
  );
}
