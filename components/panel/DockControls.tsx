import type { DockActions, DockView } from './types';

/** Collapse, move and resize the docked panel; keyboard-only friendly (buttons, no drag needed). */
export function DockControls({ dock, actions }: { dock: DockView; actions: DockActions }) {
  const other = dock.side === 'right' ? 'left' : 'right';
  return (
    <fieldset className="dock-controls" aria-label="Panel position">
      <button
        type="button"
        className="icon-button"
        onClick={() => actions.resize(-40)}
        aria-label="Make the panel narrower"
        title="Narrower"
      >
        −
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => actions.resize(40)}
        aria-label="Make the panel wider"
        title="Wider"
      >
        +
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => actions.moveTo(other)}
        aria-label={`Move the panel to the ${other}`}
        title={`Move ${other}`}
      >
        {other === 'left' ? '⇤' : '⇥'}
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={actions.collapse}
        aria-label="Collapse the panel (Alt+Shift+D shows it again)"
        title="Collapse (Alt+Shift+D)"
        data-testid="dock-collapse"
      >
        ×
      </button>
    </fieldset>
  );
}
