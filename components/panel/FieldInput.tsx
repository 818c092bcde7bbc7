import { useEffect, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { parseValue, sameValue, type TemplateField, valueText } from '@/lib/panel/model';
import type { FieldValue } from '@/lib/templates/suggestion';
import { ChoiceInput, MultiChoiceInput } from './ChoiceInput';

interface Props {
  field: TemplateField;
  value: FieldValue;
  inputId: string;
  describedBy: string;
  onChange(value: FieldValue): void;
}

/** The editor that fits the field's kind: a select for enums, a text area for long text, else a line. */
export function FieldInput({ field, value, inputId, describedBy, onChange: report }: Props) {
  // Typed text is kept as typed ("12." or "a, " would not survive a round trip through the value);
  // it follows the value only when the value changes from outside (undo, a picked candidate, a re-run).
  const [text, setText] = useState(valueText(value));
  useEffect(() => {
    setText((typed) => (sameValue(parseValue(field, typed), value) ? typed : valueText(value)));
  }, [value, field]);
  const onChange = (next: FieldValue) => report(next);
  const common = {
    id: inputId,
    'aria-describedby': describedBy,
    'data-testid': `field-input-${field.id}`,
    'aria-required': field.required || undefined,
  };
  if (field.kind === 'enum' && field.options?.length) {
    return (
      <ChoiceInput
        options={field.options}
        text={text}
        common={common}
        describedBy={describedBy}
        onText={(typed) => {
          setText(typed);
          onChange(parseValue(field, typed));
        }}
      />
    );
  }
  if (field.kind === 'list' && field.options?.length) {
    return (
      <MultiChoiceInput
        options={field.options}
        value={Array.isArray(value) ? value.map(String) : []}
        common={common}
        onPick={(values) => {
          setText(values.join(', '));
          onChange(values);
        }}
      />
    );
  }
  if (field.kind === 'boolean') {
    return (
      <select
        {...common}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseValue(field, e.target.value));
        }}
      >
        <option value="">{t('common_none')}</option>
        <option value="true">{t('common_yes')}</option>
        <option value="false">{t('common_no')}</option>
      </select>
    );
  }
  if (field.kind === 'longText') {
    return (
      <textarea
        {...common}
        // Lines plus wrapping at about 45 characters (a 360 px panel), so most replies show whole.
        rows={Math.min(
          16,
          Math.max(
            4,
            text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 45)), 1),
          ),
        )}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseValue(field, e.target.value));
        }}
      />
    );
  }
  return (
    <input
      {...common}
      type="text"
      inputMode={field.kind === 'number' ? 'decimal' : undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseValue(field, e.target.value));
      }}
    />
  );
}
