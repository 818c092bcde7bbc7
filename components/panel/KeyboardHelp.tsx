import { Fragment } from 'react';
import { type KeyCommand, SHORTCUTS } from '@/lib/panel/keys';

const WHAT: Record<KeyCommand, string> = {
  next: 'next field',
  previous: 'previous field',
  accept: 'accept field',
  'accept-all': 'accept all',
  'apply-all': 'apply all',
};

/** The shortcuts, shown (not hidden behind a "?"), so the keyboard flow can be found. */
export function KeyboardHelp() {
  return (
    <p className="shortcuts hint" data-testid="shortcuts">
      <span className="visually-hidden">Keyboard: </span>
      {SHORTCUTS.map((s, i) => (
        <Fragment key={s.command}>
          {i > 0 && ' · '}
          <span className="shortcut">
            {s.keys.map((k, j) => (
              <Fragment key={k}>
                {j > 0 && '+'}
                <kbd>{k}</kbd>
              </Fragment>
            ))}{' '}
            {WHAT[s.command]}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
