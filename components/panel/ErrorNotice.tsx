import { t } from '@/lib/i18n/t';
import type { PanelError } from '@/lib/panel/session';
import type { PanelActions } from './types';

interface NextStep {
  label: string;
  run(actions: PanelActions): void;
}

/** What the agent can do about each kind of failure (codes from lib/messaging/envelope.ts). */
function nextSteps(error: PanelError): { advice: string; steps: NextStep[] } {
  const retry: NextStep = { label: t('panel_errRetry'), run: (a) => a.retry() };
  // One run on the device, not a setting change: the agent keeps working on this ticket while the
  // provider is down; switching engine for good stays a decision made in the settings.
  const local: NextStep = { label: t('panel_errUseLocal'), run: (a) => a.runLocally() };
  const settings: NextStep = { label: t('panel_errOpenProvider'), run: (a) => a.openOptions('provider') };
  if (error.during === 'apply') {
    return {
      advice: t('panel_errApplyAdvice'),
      steps: [{ label: t('panel_errReadAgain'), run: (a) => a.reloadTicket() }],
    };
  }
  if (error.during === 'copy') return { advice: t('panel_errClipboard'), steps: [] };
  switch (error.code) {
    case 'auth':
      return {
        advice: t('panel_errAuth'),
        steps: [settings, retry, local],
      };
    case 'model_not_found':
      return {
        advice: t('panel_errModel'),
        steps: [settings, retry, local],
      };
    case 'rate_limited':
      return {
        advice: error.retryAfter
          ? t('panel_errRateWait', Math.ceil(error.retryAfter))
          : t('panel_errRateLimited'),
        steps: [retry, local],
      };
    case 'timeout':
    case 'network':
    case 'provider_error':
      return {
        advice: t('panel_errUnreachable'),
        steps: [retry, local, settings],
      };
    case 'bad_output':
    case 'refused':
      return { advice: t('panel_errBadOutput'), steps: [retry, local] };
    case 'no_context':
      return {
        advice: t('panel_errNoContext'),
        steps: [{ label: t('panel_errReadAgain'), run: (a) => a.reloadTicket() }],
      };
    case 'forbidden':
    case 'policy':
      return { advice: t('panel_errPolicy'), steps: [] };
    case 'storage_full':
      return {
        advice: t('panel_errStorageFull'),
        steps: [{ label: t('panel_errOpenSettings'), run: (a) => a.openOptions() }],
      };
    default:
      return { advice: t('panel_errUnknown'), steps: [retry] };
  }
}

/** An error, said plainly, with buttons for the next step. */
export function ErrorNotice({ error, actions }: { error: PanelError; actions: PanelActions }) {
  const { advice, steps } = nextSteps(error);
  return (
    <div className="notice notice-error" role="alert" data-testid="panel-error" data-code={error.code}>
      <p>
        <strong>{advice}</strong>
      </p>
      <p className="detail">{error.message}</p>
      {steps.length > 0 && (
        <div className="button-row">
          {steps.map((s) => (
            <button key={s.label} type="button" onClick={() => s.run(actions)}>
              {s.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
