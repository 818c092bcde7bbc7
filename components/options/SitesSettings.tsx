import { useEffect, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { LockedNote, SectionStatusLine } from '../ui/Locked';

interface Props {
  /** Every desk Deskmate has an adapter for. */
  sites: { id: string; name: string }[];
  /** Site id -> enabled (absent = on). */
  enabled: Record<string, boolean>;
  isLocked(path: string): boolean;
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  onSave(enabled: Record<string, boolean>): void;
}

/** Turn Deskmate on or off per desk; a desk that is off gets no content script at all. */
export function SitesSettings({ sites, enabled, isLocked, status, onSave }: Props) {
  const [draft, setDraft] = useState(enabled);
  useEffect(() => setDraft(enabled), [enabled]);
  const lock = (id: string) => isLocked('sites') || isLocked('sites.sites') || isLocked(`sites.sites.${id}`);
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <fieldset>
        <legend>{t('options_desks')}</legend>
        {sites.map((s) => (
          <label className="choice" key={s.id}>
            <input
              type="checkbox"
              checked={draft[s.id] !== false}
              disabled={lock(s.id)}
              aria-describedby={lock(s.id) ? `lock-site-${s.id}` : undefined}
              onChange={(e) => setDraft({ ...draft, [s.id]: e.target.checked })}
            />{' '}
            {s.name}
            {lock(s.id) && <LockedNote id={`lock-site-${s.id}`} />}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="primary">
          {t('common_save')}
        </button>
      </div>
      <SectionStatusLine status={status} />
    </form>
  );
}
