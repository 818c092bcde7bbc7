import { Fragment } from 'react';
import { type MessageKey, t } from '@/lib/i18n/t';
import { type KeyCommand, SHORTCUTS } from '@/lib/panel/keys';

const WHAT: Record<KeyCommand, MessageKey> = {
  next: 'panel_keyNext',
  previous: 'panel_keyPrevious',
  accept: 'panel_keyAccept',
  'accept-all': 'panel_keyAcceptAll',
  'apply-all': 'panel_keyApplyAll',
};

/** Key caps as the keyboard prints them (Strg, Umschalt on a German one); arrows stay arrows. */
const KEY_CAP: Partial<Record<string, MessageKey>> = {
  Alt: 'key_alt',
  Ctrl: 'key_ctrl',
  Shift: 'key_shift',
  Enter: 'key_enter',
};

function keyCap(key: string): string {
  const name = KEY_CAP[key];
  return name ? t(name) : key;
}

/** The shortcuts, shown (not hidden behind a "?"), so the keyboard flow can be found. */
export function KeyboardHelp() {
  return (
    <p className="shortcuts hint" data-testid="shortcuts">
      <span className="visually-hidden">{t('panel_keyboard')} </span>
      {SHORTCUTS.map((s, i) => (
        <Fragment key={s.command}>
          {i > 0 && ' · '}
          <span className="shortcut">
            {s.keys.map((k, j) => (
              <Fragment key={k}>
                {j > 0 && '+'}
                <kbd>{keyCap(k)}</kbd>
              </Fragment>
            ))}{' '}
            {t(WHAT[s.command])}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
