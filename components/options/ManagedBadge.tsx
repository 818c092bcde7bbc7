import { type MessageKey, t } from '@/lib/i18n/t';
import type { SettingSource } from '@/lib/policy/view';

const LABELS: Record<SettingSource, MessageKey> = {
  locked: 'options_lockedNote',
  'policy-default': 'options_sourcePolicyDefault',
  user: 'options_sourceUser',
  default: 'options_sourceDefault',
};

/**
 * Where a setting's value comes from, as a small badge. Forms mark locked controls with it (or with
 * components/ui/Locked.tsx) next to a disabled control; `isLocked(view.locked, path)` from
 * lib/policy/view.ts tells which paths are locked.
 */
export function ManagedBadge({ source, id }: { source: SettingSource; id?: string }) {
  return (
    <span
      className={`badge managed-badge managed-badge-${source}`}
      id={id}
      data-testid={`source-${source}`}
      style={{ whiteSpace: 'nowrap' }}
    >
      {t(LABELS[source])}
    </span>
  );
}

/** The badge's text for a source (for summaries and tests). */
export function sourceLabel(source: SettingSource): string {
  return t(LABELS[source]);
}
