import { useMemo } from 'react';
import { t } from '@/lib/i18n/t';
import type { TemplateInfo } from '@/lib/panel/model';
import { FieldRow } from './FieldRow';
import type { PanelActions, WorkView } from './types';
import { useFieldKeys } from './use-field-keys';

/** Every field of the template, in the template's order, walked with the keyboard flow. */
export function FieldList({
  template,
  work,
  actions,
}: {
  template: TemplateInfo;
  work: WorkView;
  actions: PanelActions;
}) {
  const ids = useMemo(() => template.fields.map((f) => f.id), [template]);
  const keys = useMemo(
    () => ({
      accept: (id: string) => actions.accept(id, true),
      acceptAll: actions.acceptAll,
      applyAll: actions.apply,
    }),
    [actions],
  );
  useFieldKeys(ids, keys);
  return (
    <ol className="fields" aria-label={t('panel_fieldsOf', template.name)}>
      {template.fields.map((f) => (
        <FieldRow
          key={f.id}
          field={f}
          ai={work.suggestion?.fields[f.id]}
          draft={work.fields[f.id]}
          applied={work.applied[f.id]}
          stale={work.staleFields.includes(f.id)}
          shadow={template.mode === 'shadow'}
          busy={Boolean(work.run)}
          actions={actions}
        />
      ))}
    </ol>
  );
}
