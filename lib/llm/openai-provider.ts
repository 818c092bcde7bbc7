import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { DeskmateError } from '../messaging/envelope';
import type { ProviderSettings } from '../settings/schema';
import type { FieldValue } from '../templates/suggestion';
import { toProviderError } from './errors';
import { hasEndpointPermission } from './permissions';
import { buildPrompt } from './prompt';
import type { FillRequest, PartialFields, Provider, RawAnswer } from './provider';
import { answerSchema, answerSchemaName, type ModelAnswer } from './response-schema';

/**
 * Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, LiteLLM, a proxy)
 * through the official SDK. Runs in the background only: the key never leaves it.
 * Retries (429, 5xx, network) are the SDK's, with back-off that honours Retry-After; 4xx and bad
 * output are never retried.
 */
export function createOpenAIProvider(settings: ProviderSettings): Provider {
  if (!settings.baseUrl) {
    throw new DeskmateError(
      'invalid_request',
      'No endpoint is set. Enter a base URL in Options, or use the local engine.',
    );
  }
  const baseUrl = settings.baseUrl;
  const client = new OpenAI({
    baseURL: baseUrl,
    // Local servers (Ollama, LM Studio) need no key; the SDK wants a string anyway.
    apiKey: settings.apiKey || 'no-key',
    // Extension contexts look like browsers to the SDK; this client lives in the background only.
    dangerouslyAllowBrowser: true,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
  return {
    kind: 'openai',
    model: settings.model,
    async fill(request) {
      if (!(await hasEndpointPermission(baseUrl))) throw noPermission(baseUrl);
      return streamFill(client, settings, request);
    },
  };
}

/**
 * The browser blocks requests to an origin the extension was not granted: to the agent that is an
 * unreachable endpoint (`network`), with the fix. The grant needs a click, so only the panel or the
 * options page can ask for it (lib/llm/permissions.ts requestEndpointPermission).
 */
function noPermission(baseUrl: string): DeskmateError {
  return new DeskmateError(
    'network',
    `Deskmate may not reach ${new URL(baseUrl).origin} yet. Open provider settings and save or test the endpoint to allow access (or ask your admin), or use the local engine.`,
  );
}

function toPartial(parsed: unknown): PartialFields {
  const fields = (parsed as { fields?: unknown } | null)?.fields;
  if (!fields || typeof fields !== 'object') return {};
  const out: PartialFields = {};
  for (const [name, f] of Object.entries(fields as Record<string, Record<string, unknown>>)) {
    if (!f || typeof f !== 'object') continue;
    out[name] = {
      ...('value' in f ? { value: f.value as FieldValue } : {}),
      ...(Array.isArray(f.evidence)
        ? { evidence: f.evidence.filter((e): e is string => typeof e === 'string') }
        : {}),
      ...(typeof f.confidence === 'number' ? { confidence: f.confidence } : {}),
    };
  }
  return out;
}

function toRaw(answer: ModelAnswer): RawAnswer {
  return {
    fields: Object.fromEntries(
      Object.entries(answer.fields).map(([name, f]) => [
        name,
        { value: (f.value ?? null) as FieldValue, evidence: f.evidence, confidence: f.confidence },
      ]),
    ),
    risks: answer.risks.map((r) => ({
      category: r.category,
      confidence: r.confidence,
      evidence: r.evidence,
      ...(r.rationale ? { rationale: r.rationale } : {}),
    })),
  };
}

async function streamFill(
  client: OpenAI,
  settings: ProviderSettings,
  request: FillRequest,
): Promise<RawAnswer> {
  const prompt = buildPrompt({
    template: request.template,
    context: request.context,
    fields: request.fields,
    ...(request.instruction ? { instruction: request.instruction } : {}),
    ...(request.previous ? { previous: request.previous } : {}),
    examples: request.examples,
  });
  const schema = answerSchema(request.template, request.fields);
  // The SDK's timeout covers the wait for headers; this watchdog also catches a stream that stalls.
  const controller = new AbortController();
  let timedOut = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
  };
  const onAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  if (request.signal?.aborted) controller.abort();
  try {
    arm();
    const stream = client.chat.completions.stream(
      {
        model: settings.model,
        messages: prompt.messages,
        temperature: 0,
        response_format: zodResponseFormat(schema, answerSchemaName(request.template)),
      },
      { signal: controller.signal },
    );
    stream.on('content.delta', ({ parsed }) => {
      arm();
      if (request.onPartial && parsed) request.onPartial(toPartial(parsed));
    });
    stream.on('chunk', arm);
    const completion = await stream.finalChatCompletion();
    const message = completion.choices[0]?.message;
    if (message?.refusal) {
      throw new DeskmateError(
        'refused',
        `The model declined: “${message.refusal.slice(0, 200)}”. Fill this ticket by hand, or use the local engine.`,
      );
    }
    if (!message?.parsed) {
      throw new DeskmateError('bad_output', "The model's answer was empty. Retry, or try another model.");
    }
    return toRaw(message.parsed as ModelAnswer);
  } catch (error) {
    throw toProviderError(error, {
      ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
      model: settings.model,
      timeoutMs: settings.timeoutMs,
      timedOut,
    });
  } finally {
    clearTimeout(watchdog);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/** A one-token call to check endpoint, key and model (Options' "Test connection"). */
export async function testProvider(
  settings: ProviderSettings,
): Promise<{ ok: true; model: string; latencyMs: number }> {
  const provider = createOpenAIProvider(settings);
  const baseUrl = settings.baseUrl ?? '';
  if (!(await hasEndpointPermission(baseUrl))) throw noPermission(baseUrl);
  const client = new OpenAI({
    baseURL: baseUrl,
    apiKey: settings.apiKey || 'no-key',
    dangerouslyAllowBrowser: true,
    timeout: Math.min(settings.timeoutMs, 30_000),
    maxRetries: 0,
  });
  const started = Date.now();
  try {
    const completion = await client.chat.completions.create({
      model: settings.model,
      messages: [{ role: 'user', content: 'Reply with OK.' }],
      max_tokens: 1,
    });
    return { ok: true, model: completion.model || provider.model, latencyMs: Date.now() - started };
  } catch (error) {
    throw toProviderError(error, {
      baseUrl,
      model: settings.model,
      timeoutMs: Math.min(settings.timeoutMs, 30_000),
    });
  }
}
