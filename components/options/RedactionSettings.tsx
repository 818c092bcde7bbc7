import { useEffect, useState } from 'react';
import { type MessageKey, t } from '@/lib/i18n/t';
import { LockedNote, SectionStatusLine } from '../ui/Locked';

export interface RedactionValue {
  enabled: boolean;
  email: boolean;
  phone: boolean;
  card: boolean;
  iban: boolean;
  nationalId: boolean;
  custom: { name: string; pattern: string }[];
}

const KINDS: { key: keyof Omit<RedactionValue, 'enabled' | 'custom'>; label: MessageKey }[] = [
  { key: 'email', label: 'options_redactEmail' },
  { key: 'phone', label: 'options_redactPhone' },
  { key: 'card', label: 'options_redactCard' },
  { key: 'iban', label: 'options_redactIban' },
  { key: 'nationalId', label: 'options_redactNationalId' },
];

/** Why a custom pattern is unusable, or undefined when it is fine. */
export function patternProblem(p: { name: string; pattern: string }): string | undefined {
  if (!p.name.trim()) return t('options_patternNoName');
  if (!p.pattern) return t('options_patternEmpty');
  try {
    const re = new RegExp(p.pattern, 'i');
    // A pattern that matches the empty string would redact between every character.
    if (re.test('')) return t('options_patternMatchesEmpty');
  } catch (error) {
    return t('options_patternInvalid', (error as Error).message);
  }
  return undefined;
}

interface Props {
  value: RedactionValue;
  isLocked(path: string): boolean;
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  onSave(value: RedactionValue): void;
}

/** Data boundaries: what is masked before any text leaves the device. */
export function RedactionSettings({ value, isLocked, status, onSave }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const lock = (key: string) => isLocked('redaction') || isLocked(`redaction.${key}`);
  const problems = draft.custom.map(patternProblem);
  const invalid = problems.some(Boolean);
  const setCustom = (i: number, next: { name: string; pattern: string } | undefined) =>
    setDraft({
      ...draft,
      custom: next
        ? draft.custom.map((c, j) => (j === i ? next : c))
        : draft.custom.filter((_, j) => j !== i),
    });
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onSave(draft);
      }}
    >
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.enabled}
          disabled={lock('enabled')}
          aria-describedby={lock('enabled') ? 'lock-redaction-enabled' : undefined}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />{' '}
        {t('options_redactEnabled')}
      </label>
      {lock('enabled') && <LockedNote id="lock-redaction-enabled" />}
      <fieldset disabled={!draft.enabled}>
        <legend>{t('options_maskThese')}</legend>
        {KINDS.map((k) => (
          <label className="choice" key={k.key}>
            <input
              type="checkbox"
              checked={draft[k.key]}
              disabled={lock(k.key)}
              aria-describedby={lock(k.key) ? `lock-redaction-${k.key}` : undefined}
              onChange={(e) => setDraft({ ...draft, [k.key]: e.target.checked })}
            />{' '}
            {t(k.label)}
            {lock(k.key) && <LockedNote id={`lock-redaction-${k.key}`} />}
          </label>
        ))}
      </fieldset>
      <fieldset
        disabled={!draft.enabled || lock('custom')}
        aria-describedby={lock('custom') ? 'lock-redaction-custom' : undefined}
      >
        <legend>{t('options_customPatterns')}</legend>
        {lock('custom') && <LockedNote id="lock-redaction-custom" />}
        {draft.custom.length === 0 && <p className="hint">{t('options_noPatterns')}</p>}
        {draft.custom.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their index is their identity
          <div className="pattern-row" key={i}>
            <label htmlFor={`pattern-name-${i}`}>{t('options_patternName')}</label>
            <input
              id={`pattern-name-${i}`}
              type="text"
              value={c.name}
              onChange={(e) => setCustom(i, { ...c, name: e.target.value })}
            />
            <label htmlFor={`pattern-re-${i}`}>{t('options_patternRegex')}</label>
            <input
              id={`pattern-re-${i}`}
              type="text"
              value={c.pattern}
              aria-invalid={Boolean(problems[i])}
              aria-describedby={problems[i] ? `pattern-error-${i}` : undefined}
              onChange={(e) => setCustom(i, { ...c, pattern: e.target.value })}
            />
            {problems[i] && (
              <span className="error" id={`pattern-error-${i}`}>
                {problems[i]}
              </span>
            )}
            <button
              type="button"
              onClick={() => setCustom(i, undefined)}
              aria-label={t('options_removePatternNamed', c.name || i + 1)}
            >
              {t('options_remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setDraft({ ...draft, custom: [...draft.custom, { name: '', pattern: '' }] })}
        >
          {t('options_addPattern')}
        </button>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="primary" disabled={invalid}>
          {t('common_save')}
        </button>
      </div>
      <SectionStatusLine status={status} />
    </form>
  );
}
