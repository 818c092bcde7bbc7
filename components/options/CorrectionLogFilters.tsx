import { t } from '@/lib/i18n/t';

/** Filter values as the form holds them: dates as `YYYY-MM-DD`, empty string = any. */
export interface LogFilterForm {
  from: string;
  to: string;
  templateId: string;
  field: string;
  site: string;
  correctionsOnly: boolean;
}

export const EMPTY_FILTER: LogFilterForm = {
  from: '',
  to: '',
  templateId: '',
  field: '',
  site: '',
  correctionsOnly: false,
};

interface Props {
  value: LogFilterForm;
  facets: { templates: string[]; fields: string[]; sites: string[] };
  onChange(next: LogFilterForm): void;
}

function Choice(props: {
  id: string;
  label: string;
  value: string;
  options: string[];
  onChange(v: string): void;
}) {
  return (
    <label className="control" htmlFor={props.id}>
      {props.label}
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('log_any')}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Date range, template, field and site filters of the correction log (they also scope exports). */
export function CorrectionLogFilters({ value, facets, onChange }: Props) {
  const set = (patch: Partial<LogFilterForm>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="inline-form" aria-label={t('log_filters')}>
      <label className="control" htmlFor="log-from">
        {t('log_from')}
        <input id="log-from" type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="control" htmlFor="log-to">
        {t('log_to')}
        <input id="log-to" type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <Choice
        id="log-template"
        label={t('log_template')}
        value={value.templateId}
        options={facets.templates}
        onChange={(templateId) => set({ templateId })}
      />
      <Choice
        id="log-field"
        label={t('log_field')}
        value={value.field}
        options={facets.fields}
        onChange={(field) => set({ field })}
      />
      <Choice
        id="log-site"
        label={t('log_site')}
        value={value.site}
        options={facets.sites}
        onChange={(site) => set({ site })}
      />
      <label className="choice">
        <input
          type="checkbox"
          checked={value.correctionsOnly}
          onChange={(e) => set({ correctionsOnly: e.target.checked })}
        />
        {t('log_correctionsOnly')}
      </label>
    </fieldset>
  );
}
