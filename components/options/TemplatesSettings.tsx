import { useEffect, useId, useState } from 'react';
import { plural, t } from '@/lib/i18n/t';
import { SectionStatusLine } from '../ui/Locked';
import { JsonListEditor } from './JsonListEditor';

interface Props {
  /** The saved custom templates (JSON values). */
  custom: unknown[];
  isLocked(path: string): boolean;
  /** Problems of each template ("[0] fields.2.kind: ..."), empty when all are valid. */
  validate(templates: unknown[]): string[];
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  onSave(templates: unknown[]): void;
}

/** Parse the editor's text: a JSON array of templates, or one template object. */
export function parseTemplatesText(text: string): { templates?: unknown[]; error?: string } {
  if (!text.trim()) return { templates: [] };
  try {
    const value: unknown = JSON.parse(text);
    return { templates: Array.isArray(value) ? value : [value] };
  } catch (error) {
    return { error: t('options_notValidJson', (error as Error).message) };
  }
}

/** Custom templates as JSON, validated as you type; nothing invalid is saved. */
export function TemplatesSettings({ custom, isLocked, validate, status, onSave }: Props) {
  const [text, setText] = useState(() => (custom.length ? JSON.stringify(custom, null, 2) : ''));
  useEffect(() => setText(custom.length ? JSON.stringify(custom, null, 2) : ''), [custom]);
  const id = useId();
  const locked = isLocked('templates') || isLocked('templates.custom');
  const parsed = parseTemplatesText(text);
  const problems = parsed.error ? [parsed.error] : validate(parsed.templates ?? []);
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length === 0 && parsed.templates) onSave(parsed.templates);
      }}
    >
      <JsonListEditor
        id={id}
        label={t('options_customTemplates')}
        testId="templates"
        rows={14}
        text={text}
        onText={setText}
        locked={locked}
        lockId="lock-templates-custom"
        problems={problems}
        okText={
          parsed.templates?.length
            ? plural(parsed.templates.length, 'options_validTemplates_one', 'options_validTemplates_other')
            : t('options_noCustomTemplates')
        }
      />
      <div className="button-row">
        <button type="submit" className="primary" disabled={locked || problems.length > 0}>
          {t('common_save')}
        </button>
      </div>
      <SectionStatusLine status={status} />
    </form>
  );
}
