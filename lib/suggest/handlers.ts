import { testProvider } from '../llm/openai-provider';
import type { PartialFields } from '../llm/provider';
import { correctionRetrieval, localLearner } from '../memory/service';
import { DeskmateError } from '../messaging/envelope';
import { emitPanelEvent } from '../messaging/panel-events';
import type { BackgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { isLocked } from '../policy/view';
import { currentPolicyLayer, getEffectiveSettings } from '../settings/effective';
import type { ProviderSettings } from '../settings/schema';
import { bindTemplate } from '../templates/bind';
import { templateInfo } from '../templates/define';
import { listTemplates, suggestTemplate } from '../templates/registry';
import { runSuggestion } from './pipeline';

/** Running suggestions by requestId, so `suggest.cancel` can stop them. */
const running = new Map<string, AbortController>();

/** Streamed fields arrive per token: tell the panel at most every 120 ms. */
function throttledProgress(requestId: string): { push(fields: PartialFields): void; flush(): void } {
  let last = 0;
  let pending: PartialFields | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    timer = undefined;
    if (!pending) return;
    emitPanelEvent('suggest.progress', { requestId, fields: pending });
    pending = undefined;
    last = Date.now();
  };
  return {
    push(fields) {
      pending = fields;
      if (timer) return;
      timer = setTimeout(send, Math.max(0, 120 - (Date.now() - last)));
    },
    flush() {
      clearTimeout(timer);
      send();
    },
  };
}

/**
 * Trying endpoint values the policy locks is refused like saving them would be (lib/settings/effective
 * saveUserPatch): a test is a real request, so a locked provider must not be tried elsewhere. Values
 * equal to the locked ones pass (the form sends what it shows).
 */
function refuseLockedProviderValues(current: ProviderSettings, tried: Record<string, unknown>): void {
  const { locked } = currentPolicyLayer();
  const asked: Record<string, unknown> = { ...tried, kind: 'openai' };
  const refused = Object.entries(asked)
    .filter(([key, value]) => value !== undefined && isLocked(locked, `provider.${key}`))
    .filter(([key, value]) => current[key as keyof ProviderSettings] !== value)
    .map(([key]) => `provider.${key}`);
  if (refused.length > 0) {
    throw new DeskmateError(
      'policy',
      `Managed by your organization, cannot be changed: ${refused.join(', ')}.`,
    );
  }
}

export const suggestHandlers: Partial<Handlers<BackgroundMessages>> = {
  'suggest.run': async ({ requestId, context, templateId, instruction, fields, previous, engine }) => {
    running.get(requestId)?.abort();
    const controller = new AbortController();
    running.set(requestId, controller);
    const progress = throttledProgress(requestId);
    try {
      const settings = await getEffectiveSettings();
      return await runSuggestion(
        {
          context,
          templateId,
          ...(instruction ? { instruction } : {}),
          ...(fields ? { fields } : {}),
          ...(previous ? { previous } : {}),
          signal: controller.signal,
          onProgress: (partial) => progress.push(partial),
        },
        {
          settings,
          ...(engine ? { engine } : {}),
          // Learning off: neither the learner nor past corrections (prompt examples) are consulted.
          ...(settings.learning.enabled ? { learner: localLearner(), examples: correctionRetrieval() } : {}),
        },
      );
    } catch (error) {
      if (controller.signal.aborted && !(error instanceof DeskmateError && error.code !== 'cancelled')) {
        throw new DeskmateError('cancelled', 'Cancelled.');
      }
      throw error;
    } finally {
      progress.flush();
      if (running.get(requestId) === controller) running.delete(requestId);
    }
  },
  'suggest.cancel': ({ requestId }) => {
    const controller = running.get(requestId);
    controller?.abort();
    return { cancelled: Boolean(controller) };
  },
  'templates.list': async ({ context }) => {
    const settings = await getEffectiveSettings();
    const { templates, problems } = listTemplates(settings);
    const ranking = suggestTemplate(templates, context).map((t) => t.id);
    return {
      // Bound to the ticket's desk: the panel shows the desk's own options and where each field goes.
      templates: templates.map((t) =>
        templateInfo(context ? bindTemplate(t, context, settings.templates.bindings) : t),
      ),
      ...(ranking[0] ? { suggested: ranking[0] } : {}),
      ranking,
      problems,
    };
  },
  'provider.test': async ({ provider }) => {
    const settings = (await getEffectiveSettings()).provider;
    if (provider) refuseLockedProviderValues(settings, provider);
    // Values being tried are tested with their own key only: the stored key never goes to a new endpoint.
    const target = provider
      ? { ...settings, ...provider, apiKey: provider.apiKey, kind: 'openai' as const }
      : settings;
    if (target.kind === 'local' || !target.baseUrl) {
      return { ok: true as const, model: 'deskmate-local-1', latencyMs: 0, kind: 'local' as const };
    }
    const result = await testProvider(target);
    return { ...result, kind: 'openai' as const };
  },
};
