import { t } from '@/lib/i18n/t';

/** Marks a control the organization's policy locks; screen readers hear it through aria-describedby. */
export function LockedNote({ id }: { id: string }) {
  return (
    <span className="locked-note" id={id} data-testid="locked-note">
      {t('options_lockedNote')}
    </span>
  );
}

/** Status line of a section (saved, saving, error), announced politely. */
export function SectionStatusLine({
  status,
}: {
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
}) {
  return (
    <p
      className={status?.kind === 'error' ? 'error' : 'ok-text'}
      aria-live="polite"
      role={status?.kind === 'error' ? 'alert' : undefined}
    >
      {status?.message ?? ''}
    </p>
  );
}
