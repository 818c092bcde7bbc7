import { t } from '@/lib/i18n/t';
import type { TemplateInfo } from '@/lib/panel/model';

interface Props {
  templates: TemplateInfo[];
  suggestedId?: string;
  value?: string;
  disabled?: boolean;
  onPick(id: string): void;
}

/** The templates, the one suggested for this ticket first and marked. */
export function TemplatePicker({ templates, suggestedId, value, disabled, onPick }: Props) {
  const ordered = [...templates].sort((a, b) => Number(b.id === suggestedId) - Number(a.id === suggestedId));
  const current = templates.find((tpl) => tpl.id === value);
  return (
    <div className="template-picker">
      <label htmlFor="template-select">{t('panel_template')}</label>
      <select
        id="template-select"
        data-testid="template-select"
        value={value ?? ''}
        disabled={disabled || templates.length === 0}
        onChange={(e) => onPick(e.target.value)}
      >
        {templates.length === 0 && <option value="">{t('panel_loadingTemplates')}</option>}
        {ordered.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.id === suggestedId ? t('panel_suggestedTemplate', tpl.name) : tpl.name}
          </option>
        ))}
      </select>
      {current?.description && <p className="hint">{current.description}</p>}
      {current?.mode === 'shadow' && (
        <p className="hint" data-testid="shadow-note">
          {t('panel_shadowNote')}
        </p>
      )}
    </div>
  );
}
