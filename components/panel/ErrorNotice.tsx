import type { PanelError } from '@/lib/panel/session';
import type { PanelActions } from './types';

interface NextStep {
  label: string;
  run(actions: PanelActions): void;
}

/** What the agent can do about each kind of failure (codes from lib/messaging/envelope.ts). */
function nextSteps(error: PanelError): { advice: string; steps: NextStep[] } {
  const retry: NextStep = { label: 'Retry', run: (a) => a.retry() };
  // One run on the device, not a setting change: the agent keeps working on this ticket while the
  // provider is down; switching engine for good stays a decision made in the settings.
  const local: NextStep = { label: 'Use the local engine for this ticket', run: (a) => a.runLocally() };
  const settings: NextStep = { label: 'Open provider settings', run: (a) => a.openOptions('provider') };
  if (error.during === 'apply') {
    return {
      advice: 'The page did not take the value. Check that the reply box is visible, then try again.',
      steps: [{ label: 'Read the page again', run: (a) => a.reloadTicket() }],
    };
  }
  if (error.during === 'copy') return { advice: 'The clipboard refused the text.', steps: [] };
  switch (error.code) {
    case 'auth':
      return {
        advice: 'The provider rejected the API key. Fix the key in the settings, then retry.',
        steps: [settings, retry, local],
      };
    case 'model_not_found':
      return {
        advice: 'The provider does not know this model. Check the model name, then retry.',
        steps: [settings, retry, local],
      };
    case 'rate_limited':
      return {
        advice: error.retryAfter
          ? `The provider asks to wait ${Math.ceil(error.retryAfter)} s before retrying.`
          : 'The provider is rate limiting requests. Wait a moment and retry.',
        steps: [retry, local],
      };
    case 'timeout':
    case 'network':
    case 'provider_error':
      return {
        advice: 'The provider could not be reached or failed. Retry, or work offline.',
        steps: [retry, local, settings],
      };
    case 'bad_output':
    case 'refused':
      return { advice: 'The model did not answer in the template’s shape.', steps: [retry, local] };
    case 'no_context':
      return {
        advice: 'Deskmate cannot read this ticket. Reload the tab or check that the site is enabled.',
        steps: [{ label: 'Read the page again', run: (a) => a.reloadTicket() }],
      };
    case 'forbidden':
    case 'policy':
      return { advice: 'Your organization’s policy does not allow this.', steps: [] };
    case 'storage_full':
      return {
        advice: 'Export and delete old records in the settings.',
        steps: [{ label: 'Open settings', run: (a) => a.openOptions() }],
      };
    default:
      return { advice: 'Something went wrong.', steps: [retry] };
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
