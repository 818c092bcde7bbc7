import { type MessageKey, t } from '@/lib/i18n/t';
import type { FieldApplied, TemplateField } from '@/lib/panel/model';

const TEXT_BOX = {
  reply: 'panel_placeReplyBox',
  'internal-note': 'panel_placeInternalNote',
} as const satisfies Record<string, MessageKey>;

/**
 * Where the value goes on this page, and what the last Apply all did to it: written, or not written and
 * why (option gone, read-only, no rights, not on this page). In words and a sign, never colour alone.
 */
export function FieldPlace({ field, applied }: { field: TemplateField; applied?: FieldApplied }) {
  const testid = `applied-${field.id}`;
  if (applied?.ok) {
    return (
      <span className="place place-ok" data-testid={testid} data-applied="written">
        <span aria-hidden="true">✓ </span>
        {t('panel_written')}
      </span>
    );
  }
  if (applied) {
    // A field the page has no place for was never tried: said plainly, not flagged as a failure.
    const nowhere = field.binding !== undefined && 'reason' in field.binding;
    return (
      <span
        className={`place ${nowhere ? 'place-none' : 'place-failed'}`}
        data-testid={testid}
        data-applied="not-written"
      >
        <span aria-hidden="true">{nowhere ? '– ' : '✗ '}</span>
        {t('panel_notWritten', applied.reason)}
      </span>
    );
  }
  if (field.applyTo) return <span className="place">→ {t(TEXT_BOX[field.applyTo])}</span>;
  const b = field.binding;
  if (!b) return null;
  if ('reason' in b) {
    return (
      <span className="place place-none" data-testid={`no-desk-field-${field.id}`}>
        {t('panel_noDeskField', b.reason)}
      </span>
    );
  }
  return (
    <span className="place" data-desk-field={b.deskField}>
      → {b.deskLabel}
      {!b.writable && (
        <span className="warn-text">
          {' '}
          {b.whyNot ? t('panel_readOnlyHereWhy', b.whyNot) : t('panel_readOnlyHere')}
        </span>
      )}
    </span>
  );
}
