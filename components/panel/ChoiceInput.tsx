import { useId } from 'react';
import { t } from '@/lib/i18n/t';

/** Above this many options a select is a long scroll: the agent types to filter instead. */
export const SEARCHABLE_FROM = 40;

interface Props {
  options: readonly string[];
  /** The text shown now (the value, or what the agent is typing). */
  text: string;
  common: Record<string, unknown>;
  describedBy: string;
  onText(text: string): void;
}

/**
 * One of the desk's options. A short list is a select; a long one (an owner list of 500) is a text input
 * with a datalist, which the browser filters as the agent types, so nothing renders 500 rows at once and
 * nothing freezes. A typed text that is not one of the options is marked invalid and never written.
 */
export function ChoiceInput({ options, text, common, describedBy, onText }: Props) {
  const listId = useId();
  const hintId = useId();
  if (options.length < SEARCHABLE_FROM) {
    return (
      <select {...common} value={text} onChange={(e) => onText(e.target.value)}>
        <option value="">{t('common_none')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {text && !options.includes(text) && <option value={text}>{text}</option>}
      </select>
    );
  }
  const invalid = text !== '' && !options.includes(text);
  return (
    <>
      <input
        {...common}
        type="text"
        list={listId}
        autoComplete="off"
        placeholder={t('panel_choiceSearch', options.length)}
        aria-describedby={invalid ? `${describedBy} ${hintId}` : describedBy}
        aria-invalid={invalid || undefined}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {invalid && (
        <span id={hintId} className="warn-text choice-hint">
          {t('panel_choiceNotOption')}
        </span>
      )}
    </>
  );
}

/** Several of the desk's options (a multi-select field): a list box the keyboard can walk. */
export function MultiChoiceInput({
  options,
  value,
  common,
  onPick,
}: {
  options: readonly string[];
  value: readonly string[];
  common: Record<string, unknown>;
  onPick(values: string[]): void;
}) {
  const extra = value.filter((v) => !options.includes(v));
  return (
    <select
      {...common}
      multiple
      size={Math.min(6, options.length + extra.length)}
      value={[...value]}
      onChange={(e) => onPick([...e.target.selectedOptions].map((o) => o.value))}
    >
      {[...options, ...extra].map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
