import { t } from '@/lib/i18n/t';
import type { SaveStatus } from '@/lib/panel/drafts';
import type { ApplyPlan } from '@/lib/panel/output';
import type { OutputNotice } from '@/lib/panel/session';

interface Props {
  plan: ApplyPlan;
  busy: boolean;
  save: SaveStatus;
  notice?: OutputNotice;
  onApply(): void;
  onCopy(format: 'text' | 'json'): void;
}

function saveText(save: SaveStatus): string {
  if (save.state === 'pending') return t('panel_saving');
  if (save.state === 'saved') return t('panel_saved');
  if (save.state === 'error') return save.error.message;
  return '';
}

/** What Apply all will do, in one line: what it writes, what it cannot, what is not accepted yet. */
function planText(plan: ApplyPlan): string {
  const parts: string[] = [];
  if (plan.steps.length)
    parts.push(
      t(
        'panel_planWrites',
        plan.steps.map((s) => (s.to === 'text' ? s.label : `${s.label} → ${s.deskLabel}`)).join(', '),
      ),
    );
  if (plan.refused.length) parts.push(t('panel_planCannot', plan.refused.map((r) => r.label).join(', ')));
  if (plan.notAccepted.length) parts.push(t('panel_planNotAccepted', plan.notAccepted.join(', ')));
  return parts.join(' ') || t('panel_planNothing');
}

/** Apply all into the page or copy; nothing reaches the page without this click (or Ctrl+Enter). */
export function OutputBar({ plan, busy, save, notice, onApply, onCopy }: Props) {
  // Clickable whenever it has something to say: a press with nothing accepted yet explains what to do.
  const nothing = plan.steps.length === 0 && plan.refused.length === 0 && plan.notAccepted.length === 0;
  return (
    <section className="output" aria-label={t('panel_outputSection')}>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={onApply}
          disabled={busy || nothing}
          data-testid="apply"
          aria-describedby="apply-what"
          aria-keyshortcuts="Control+Enter"
        >
          {t('panel_applyAll')}
        </button>
        <button type="button" onClick={() => onCopy('text')} data-testid="copy-text">
          {t('panel_copyText')}
        </button>
        <button type="button" onClick={() => onCopy('json')} data-testid="copy-json">
          {t('panel_copyJson')}
        </button>
      </div>
      <p id="apply-what" className="hint" data-testid="apply-plan">
        {planText(plan)}
      </p>
      <p
        className={save.state === 'error' ? 'error' : 'hint'}
        role={save.state === 'error' ? 'alert' : undefined}
        data-testid="draft-status"
      >
        {saveText(save)}
      </p>
      <p
        className={notice?.kind === 'error' ? 'error' : 'ok-text'}
        aria-live="polite"
        data-testid="output-notice"
      >
        {notice?.message ?? ''}
      </p>
    </section>
  );
}
