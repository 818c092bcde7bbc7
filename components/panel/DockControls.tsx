import { t } from '@/lib/i18n/t';
import type { DockActions, DockView } from './types';

/** The manifest's toggle-panel command (wxt.config.ts); a key name, the same in every language. */
const TOGGLE_KEYS = 'Alt+Shift+D';

/** Collapse, move and resize the docked panel; keyboard-only friendly (buttons, no drag needed). */
export function DockControls({ dock, actions }: { dock: DockView; actions: DockActions }) {
  const other = dock.side === 'right' ? 'left' : 'right';
  return (
    <fieldset className="dock-controls" aria-label={t('panel_dockPosition')}>
      <button
        type="button"
        className="icon-button"
        onClick={() => actions.resize(-40)}
        aria-label={t('panel_dockNarrowerLabel')}
        title={t('panel_dockNarrower')}
      >
        −
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => actions.resize(40)}
        aria-label={t('panel_dockWiderLabel')}
        title={t('panel_dockWider')}
      >
        +
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => actions.moveTo(other)}
        aria-label={t(other === 'left' ? 'panel_dockMoveLeftLabel' : 'panel_dockMoveRightLabel')}
        title={t(other === 'left' ? 'panel_dockMoveLeft' : 'panel_dockMoveRight')}
      >
        {other === 'left' ? '⇤' : '⇥'}
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={actions.collapse}
        aria-label={t('panel_dockCollapseLabel', TOGGLE_KEYS)}
        title={t('panel_dockCollapse', TOGGLE_KEYS)}
        data-testid="dock-collapse"
      >
        ×
      </button>
    </fieldset>
  );
}
