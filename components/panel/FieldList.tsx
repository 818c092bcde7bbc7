import type { TemplateInfo } from '@/lib/panel/model';
import { FieldCard } from './FieldCard';
import type { PanelActions, WorkView } from './types';

/** Every field of the template, in the template's order. */
export function FieldList({
  template,
  work,
  actions,
}: {
  template: TemplateInfo;
  work: WorkView;
  actions: PanelActions;
}) {
  return (
    <ol className="fields" aria-label={`${template.name} fields`}>
      {template.fields.map((f) => (
        <FieldCard
          key={f.id}
          field={f}
          ai={work.suggestion?.fields[f.id]}
          draft={work.fields[f.id]}
          stale={work.staleFields.includes(f.id)}
          shadow={template.mode === 'shadow'}
          busy={Boolean(work.run)}
          actions={actions}
        />
      ))}
    </ol>
  );
}
