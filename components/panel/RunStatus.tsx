import { t } from '@/lib/i18n/t';
import type { RunState } from '@/lib/panel/model';

/**
 * Progress while a provider works, in a polite live region so screen readers hear it, with Cancel.
 * The region is always in the DOM: live regions added together with their text are often not announced.
 */
export function RunStatus({ run, onCancel }: { run?: RunState; onCancel(): void }) {
  return (
    <div className="run-status" aria-live="polite" role="status" data-testid="run-status">
      {run && (
        <>
          <span className="spinner" aria-hidden="true" />
          <span>
            {run.field ? t('panel_runRegenerating', run.field) : t('panel_runFilling')}
            {run.instruction ? ` (“${run.instruction}”)` : ''}: {run.progress}
          </span>
          <button type="button" onClick={onCancel} data-testid="cancel-run">
            {t('common_cancel')}
          </button>
        </>
      )}
    </div>
  );
}
