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
  const current = templates.find((t) => t.id === value);
  return (
    <div className="template-picker">
      <label htmlFor="template-select">Template</label>
      <select
        id="template-select"
        data-testid="template-select"
        value={value ?? ''}
        disabled={disabled || templates.length === 0}
        onChange={(e) => onPick(e.target.value)}
      >
        {templates.length === 0 && <option value="">Loading templates…</option>}
        {ordered.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.id === suggestedId ? ' (suggested)' : ''}
          </option>
        ))}
      </select>
      {current?.description && <p className="hint">{current.description}</p>}
      {current?.mode === 'shadow' && (
        <p className="hint" data-testid="shadow-note">
          Shadow mode: fill this template yourself. Deskmate measures how often its own suggestion would have
          agreed with you, before it is shown to anyone.
        </p>
      )}
    </div>
  );
}
