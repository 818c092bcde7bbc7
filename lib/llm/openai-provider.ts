import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import type {
  ChatCompletionCreateParams,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { DeskmateError } from '../messaging/envelope';
import type { ProviderSettings } from '../settings/schema';
import type { FieldValue } from '../templates/suggestion';
import { origin, type ProviderErrorContext, toProviderError } from './errors';
import { learnedOutputMode, modesToTry, rememberOutputMode } from './output-mode';
import { hasEndpointPermission } from './permissions';
import { buildPrompt, type Prompt, repairRequest, withAnswerSchema } from './prompt';
import type { FillRequest, PartialFields, Provider, RawAnswer } from './provider';
import { answerSchema, answerSchemaName, type ModelAnswer } from './response-schema';
import { checkAnswer, partialJson } from './structured-answer';

/**
 * Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, LiteLLM, a proxy)
 * through the official SDK. Runs in the background only: the key never leaves it.
 * Retries (429, 5xx, network) are the SDK's, with back-off that honours Retry-After; 4xx and bad
 * output are never retried, except the fallbacks of docs/structured-output.md: a refused or ignored
 * response_format moves to the next mode, and an answer that does not fit the schema in the prompt gets
 * one repair request.
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
      return structuredFill(client, settings, request);
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

/**
 * The endpoint refused a response_format (HTTP 400, or 422 from servers that validate the body with a
 * schema, naming the format): the next mode may work. Other 400s are the request's own fault.
 */
function refusesFormat(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const said = `${error.message} ${error.param ?? ''} ${JSON.stringify(error.error ?? '')}`;
  return /response_format|json_schema|json_object|structured output|guided_json/i.test(said);
}

/** This mode cannot work with this endpoint (refused, or ignored): the reason, for the next mode. */
class ModeUnavailable extends DeskmateError {
  constructor(
    readonly reason: string,
    code: 'provider_error' | 'bad_output',
    message: string,
  ) {
    super(code, message);
  }
}

interface Attempt {
  client: OpenAI;
  settings: ProviderSettings;
  request: FillRequest;
  errorContext: ProviderErrorContext;
}

/**
 * One streamed chat completion: its whole content. Fields stream to `onPartial` as they arrive. The SDK's
 * timeout covers the wait for headers; this watchdog also catches a stream that stalls.
 */
async function streamOnce(
  { client, settings, request, errorContext }: Attempt,
  messages: ChatCompletionMessageParam[],
  responseFormat: ChatCompletionCreateParams['response_format'] | undefined,
): Promise<string> {
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
        messages,
        temperature: 0,
        ...(responseFormat ? { response_format: responseFormat } : {}),
      },
      { signal: controller.signal },
    );
    stream.on('content.delta', ({ snapshot }) => {
      arm();
      if (!request.onPartial) return;
      const parsed = partialJson(snapshot);
      if (parsed) request.onPartial(toPartial(parsed));
    });
    stream.on('chunk', arm);
    const completion = await stream.finalChatCompletion();
    const choice = completion.choices[0];
    const message = choice?.message;
    if (message?.refusal) {
      throw new DeskmateError(
        'refused',
        `The model declined: “${message.refusal.slice(0, 200)}”. Fill this ticket by hand, or use the local engine.`,
      );
    }
    if (choice?.finish_reason === 'length') throw new LengthFinishReasonError();
    if (choice?.finish_reason === 'content_filter') throw new ContentFilterFinishReasonError();
    if (!message?.content?.trim()) {
      throw new DeskmateError('bad_output', "The model's answer was empty. Retry, or try another model.");
    }
    return message.content;
  } catch (error) {
    if (refusesFormat(error) && responseFormat) {
      const status = (error as InstanceType<typeof OpenAI.APIError>).status;
      throw new ModeUnavailable(
        `${responseFormat.type} refused (HTTP ${status})`,
        'provider_error',
        `${origin(settings.baseUrl)} refused structured output (${responseFormat.type}, HTTP ${status}): ${(error as Error).message.slice(0, 200)}. Set "Structured output" to another mode in Options, or switch to the local engine.`,
      );
    }
    throw toProviderError(error, { ...errorContext, timedOut });
  } finally {
    clearTimeout(watchdog);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * json_schema: the server enforces the schema, so the answer is the JSON itself, validated strictly
 * (a violation is the server's or model's fault: bad_output, never retried). An answer that is not
 * JSON at all means the server ignored the format.
 */
async function fillWithSchema(
  attempt: Attempt,
  messages: ChatCompletionMessageParam[],
  schema: z.ZodType<ModelAnswer>,
  name: string,
): Promise<ModelAnswer> {
  // Spread: the SDK's auto-parsing format is dropped, so prose can be recognised here, not thrown mid-stream.
  const format = { ...zodResponseFormat(schema, name) };
  const content = await streamOnce(attempt, messages, format);
  if (!content.trimStart().startsWith('{')) {
    throw new ModeUnavailable(
      'json_schema ignored (the answer was not JSON)',
      'bad_output',
      `${origin(attempt.settings.baseUrl)} ignored structured output (json_schema) and answered in prose. Set "Structured output" to plain text in Options, or try another model.`,
    );
  }
  try {
    return schema.parse(JSON.parse(content));
  } catch (error) {
    throw toProviderError(error, attempt.errorContext);
  }
}

/**
 * JSON mode and plain text: the schema is in the prompt and nothing enforces it, so the JSON is taken
 * from the answer (bare, fenced or in prose), validated with zod, and one repair is asked for with the
 * issues when it does not fit.
 */
async function fillWithPromptSchema(
  attempt: Attempt,
  mode: 'json_object' | 'text',
  messages: Prompt['messages'],
  schema: z.ZodType<ModelAnswer>,
  jsonSchema: unknown,
): Promise<ModelAnswer> {
  const format = mode === 'json_object' ? ({ type: 'json_object' } as const) : undefined;
  const asked = withAnswerSchema(messages, jsonSchema);
  const first = await streamOnce(attempt, asked, format);
  const checked = checkAnswer(first, schema);
  if (checked.ok) return checked.value;
  const repair: ChatCompletionMessageParam[] = [
    ...asked,
    { role: 'assistant', content: first },
    { role: 'user', content: repairRequest(checked.problem) },
  ];
  const second = checkAnswer(await streamOnce(attempt, repair, format), schema);
  if (second.ok) return second.value;
  throw new DeskmateError(
    'bad_output',
    `The model's answer did not match the template, even after one correction (${second.problem.split('\n')[0]?.replace(/^- /, '').slice(0, 160)}). Retry, or try another model.`,
  );
}

/**
 * One fill: in the mode the settings force, or (auto) from the mode this endpoint accepted last down to
 * plain text, leaving a mode only when the endpoint refuses or ignores it. The mode that answered is
 * remembered per endpoint and model (lib/llm/output-mode.ts).
 */
async function structuredFill(
  client: OpenAI,
  settings: ProviderSettings,
  request: FillRequest,
): Promise<RawAnswer> {
  const baseUrl = settings.baseUrl ?? '';
  const prompt = buildPrompt({
    template: request.template,
    context: request.context,
    fields: request.fields,
    ...(request.instruction ? { instruction: request.instruction } : {}),
    ...(request.previous ? { previous: request.previous } : {}),
    examples: request.examples,
  });
  const schema = answerSchema(request.template, request.fields);
  const name = answerSchemaName(request.template);
  const auto = settings.structuredOutput === 'auto';
  // Memory is an optimisation: unreadable storage only means starting from json_schema again.
  const learned = auto ? await learnedOutputMode(baseUrl, settings.model).catch(() => undefined) : undefined;
  const modes = modesToTry(settings.structuredOutput, learned?.mode);
  const attempt: Attempt = {
    client,
    settings,
    request,
    errorContext: { baseUrl, model: settings.model, timeoutMs: settings.timeoutMs },
  };
  let reason = learned?.reason;
  for (const [i, mode] of modes.entries()) {
    try {
      const answer =
        mode === 'json_schema'
          ? await fillWithSchema(attempt, prompt.messages, schema, name)
          : await fillWithPromptSchema(
              attempt,
              mode,
              prompt.messages,
              schema,
              zodResponseFormat(schema, name).json_schema.schema,
            );
      if (auto) {
        await rememberOutputMode(baseUrl, settings.model, { mode, ...(reason ? { reason } : {}) }).catch(
          () => undefined,
        );
      }
      return toRaw(answer);
    } catch (error) {
      if (!(error instanceof ModeUnavailable) || i === modes.length - 1) throw error;
      reason = error.reason;
    }
  }
  // modesToTry never returns an empty list.
  throw new DeskmateError('provider_error', 'No structured-output mode to try.');
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
