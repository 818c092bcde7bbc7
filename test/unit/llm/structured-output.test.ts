// @vitest-environment node
// The provider runs in the background (no DOM). The real SDK and provider against the local
// OpenAI-protocol server behaving like servers without json_schema (docs/structured-output.md).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createOpenAIProvider } from '@/lib/llm/openai-provider';
import { LEARNED_MODE_TTL_MS, learnedOutputMode, rememberOutputMode } from '@/lib/llm/output-mode';
import { ANSWER_SCHEMA_INTRO } from '@/lib/llm/prompt';
import type { FillRequest, PartialFields } from '@/lib/llm/provider';
import { DeskmateError } from '@/lib/messaging/envelope';
import type { ProviderSettings } from '@/lib/settings/schema';
import { runSuggestion } from '@/lib/suggest/pipeline';
import { fieldNames } from '@/lib/templates/define';
import { builtinTemplate } from '@/lib/templates/registry';
import { type CapturedRequest, type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { remoteSettings } from '../../openai-server/settings';
import { demoContext } from '../suggest/demo-context';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.script(null);
  server.setStructuredOutput('json_schema');
  server.requests.length = 0;
});

const template = builtinTemplate('refund-request');
if (!template) throw new Error('refund-request template missing');

function provider(overrides: Partial<ProviderSettings> = {}) {
  return createOpenAIProvider(remoteSettings(server.baseUrl, { timeoutMs: 5000, ...overrides }).provider);
}

function fill(overrides: Partial<ProviderSettings> = {}, onPartial?: (p: PartialFields) => void) {
  const request: FillRequest = {
    template: template as NonNullable<typeof template>,
    context: demoContext(1002),
    fields: fieldNames(template as NonNullable<typeof template>),
    examples: [],
    ...(onPartial ? { onPartial } : {}),
  };
  return provider(overrides).fill(request);
}

function chat(): CapturedRequest[] {
  return server.requests.filter((r) => r.path.endsWith('/chat/completions'));
}

/** The response_format type each request asked for ('none' for plain text). */
function formats(): string[] {
  return chat().map((r) => r.body?.response_format?.type ?? 'none');
}

function lastUserMessage(r: CapturedRequest | undefined): string {
  const users = (r?.body?.messages ?? []).filter((m: { role: string }) => m.role === 'user');
  return String(users[users.length - 1]?.content ?? '');
}

async function failure(promise: Promise<unknown>): Promise<DeskmateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DeskmateError)) throw new Error(`expected a DeskmateError, got ${String(error)}`);
  return error;
}

describe('structured output fallback', () => {
  test('a server with json_schema: one request, no schema in the prompt, the mode remembered', async () => {
    const answer = await fill();
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(formats()).toEqual(['json_schema']);
    expect(lastUserMessage(chat()[0])).not.toContain(ANSWER_SCHEMA_INTRO);
    expect((await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini'))?.mode).toBe('json_schema');
  });

  test('json_schema refused with a 400: retried once in JSON mode with the schema in the prompt, then JSON mode first', async () => {
    server.setStructuredOutput('refuse-json-schema');
    const answer = await fill();
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(answer.fields.amount?.value).toBe(89.99);
    expect(formats()).toEqual(['json_schema', 'json_object']);
    const prompt = lastUserMessage(chat()[1]);
    expect(prompt).toContain(ANSWER_SCHEMA_INTRO);
    // The schema in the prompt is the one json_schema would have carried.
    expect(prompt).toContain(JSON.stringify(chat()[0]?.body.response_format.json_schema.schema));
    const learned = await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini');
    expect(learned).toMatchObject({ mode: 'json_object', reason: 'json_schema refused (HTTP 400)' });

    server.requests.length = 0;
    await fill();
    expect(formats()).toEqual(['json_object']);
  });

  test('JSON mode refused too: plain text with the schema, answered and remembered', async () => {
    server.setStructuredOutput('refuse-json-object');
    const answer = await fill();
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(formats()).toEqual(['json_schema', 'json_object', 'none']);
    expect(lastUserMessage(chat()[2])).toContain(ANSWER_SCHEMA_INTRO);
    expect(await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini')).toMatchObject({
      mode: 'text',
      reason: 'json_object refused (HTTP 400)',
    });
  });

  test('json_schema ignored, prose answered: JSON mode with the schema, the JSON taken from the prose', async () => {
    server.setStructuredOutput('prose');
    const answer = await fill();
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(formats()).toEqual(['json_schema', 'json_object']);
    expect(await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini')).toMatchObject({
      mode: 'json_object',
      reason: expect.stringMatching(/json_schema ignored/),
    });
  });

  test('JSON in a code fence: read from the fence, and fields still stream', async () => {
    server.setStructuredOutput('fence');
    const partials: PartialFields[] = [];
    const answer = await fill({}, (p) => partials.push(p));
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(formats()).toEqual(['json_schema', 'json_object']);
    // Fields arrived one after another while the fenced answer streamed.
    const counts = partials.map((p) => Object.keys(p).length);
    expect(counts.length).toBeGreaterThan(2);
    expect(counts[0] ?? 0).toBeLessThan(counts[counts.length - 1] ?? 0);
  });

  test('a JSON-mode answer that does not fit the schema gets one repair with the zod issues', async () => {
    server.setStructuredOutput('refuse-json-schema');
    let calls = 0;
    server.script(() => (++calls === 2 ? { kind: 'violate' } : undefined));
    const answer = await fill();
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(formats()).toEqual(['json_schema', 'json_object', 'json_object']);
    const repair = chat()[2]?.body.messages as Array<{ role: string; content: string }>;
    expect(repair.at(-2)).toEqual({
      role: 'assistant',
      content: JSON.stringify({ fields: 'not an object', risks: 'none' }),
    });
    expect(repair.at(-1)?.content).toMatch(/does not match the JSON Schema/);
    expect(repair.at(-1)?.content).toMatch(/- fields: .*object/i);
    expect(repair.at(-1)?.content).toMatch(/- risks: .*array/i);
  });

  test('only one repair: a second bad answer is bad_output naming the problem', async () => {
    server.setStructuredOutput('refuse-json-schema');
    let calls = 0;
    server.script(() =>
      ++calls >= 2 ? { kind: 'content', content: 'I think the order is A-10517.' } : undefined,
    );
    const error = await failure(fill());
    expect(error.code).toBe('bad_output');
    expect(error.message).toMatch(/even after one correction.*no JSON object/);
    expect(formats()).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(lastUserMessage(chat()[2])).toMatch(/no JSON object was found/);
  });

  test('a 400 about something else is not a format refusal: no fallback', async () => {
    server.script(() => ({ kind: 'status', status: 400, message: "Invalid 'messages': too long." }));
    const error = await failure(fill());
    expect(error.code).toBe('provider_error');
    expect(formats()).toEqual(['json_schema']);
    expect(await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini')).toBeUndefined();
  });

  test('a mode set in settings (or policy) is the only one used, and nothing is learned', async () => {
    const answer = await fill({ structuredOutput: 'json_object' });
    expect(answer.fields.orderNumber?.value).toBe('A-10517');
    expect(formats()).toEqual(['json_object']);
    expect(await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini')).toBeUndefined();

    server.requests.length = 0;
    server.setStructuredOutput('refuse-json-schema');
    const error = await failure(fill({ structuredOutput: 'json_schema' }));
    expect(error.code).toBe('provider_error');
    expect(error.message).toMatch(/refused structured output \(json_schema, HTTP 400\).*Structured output/);
    expect(formats()).toEqual(['json_schema']);

    server.requests.length = 0;
    server.setStructuredOutput('prose');
    const ignored = await failure(fill({ structuredOutput: 'json_schema' }));
    expect(ignored.code).toBe('bad_output');
    expect(ignored.message).toMatch(/ignored structured output.*plain text/);

    server.requests.length = 0;
    await fill({ structuredOutput: 'text' });
    expect(formats()).toEqual(['none']);
  });

  test('the memory is per endpoint and model, and expires so an upgraded server gets json_schema again', async () => {
    const old = Date.now() - LEARNED_MODE_TTL_MS - 1000;
    await rememberOutputMode(server.baseUrl, 'gpt-4.1-mini', { mode: 'text' }, old);
    expect(await learnedOutputMode(server.baseUrl, 'gpt-4.1-mini')).toBeUndefined();
    await rememberOutputMode(server.baseUrl, 'gpt-4.1-mini', { mode: 'json_object' });
    expect(await learnedOutputMode(`${server.baseUrl}/`, 'gpt-4.1-mini')).toMatchObject({
      mode: 'json_object',
    });
    expect(await learnedOutputMode(server.baseUrl, 'gpt-4o-mini')).toBeUndefined();
    await fill({ model: 'gpt-4o-mini' });
    expect(formats()).toEqual(['json_schema']);
  });

  test('through the pipeline: a server that refuses json_schema still gives a grounded suggestion', async () => {
    server.setStructuredOutput('refuse-json-object');
    const s = await runSuggestion(
      { context: demoContext(1002), templateId: 'refund-request' },
      { settings: remoteSettings(server.baseUrl, { timeoutMs: 5000 }) },
    );
    expect(s.fields.orderNumber).toMatchObject({ status: 'filled', value: 'A-10517', source: 'model' });
    expect(s.fields.orderNumber?.evidence?.length ?? 0).toBeGreaterThan(0);
  });
});
