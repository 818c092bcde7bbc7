import { testProvider } from '../llm/openai-provider';
import type { PartialFields } from '../llm/provider';
import { correctionRetrieval, localLearner } from '../memory/service';
import { DeskmateError } from '../messaging/envelope';
import { emitPanelEvent } from '../messaging/panel-events';
import type { BackgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { getEffectiveSettings } from '../settings/effective';
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

export const suggestHandlers: Partial<Handlers<BackgroundMessages>> = {
  'suggest.run': async ({ requestId, context, templateId, instruction, fields, previous }) => {
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
          ...(settings.learning.enabled ? { learner: localLearner() } : {}),
          examples: correctionRetrieval(),
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
      templates: templates.map(templateInfo),
      ...(ranking[0] ? { suggested: ranking[0] } : {}),
      ranking,
      problems,
    };
  },
  'provider.test': async ({ provider }) => {
    const settings = (await getEffectiveSettings()).provider;
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
