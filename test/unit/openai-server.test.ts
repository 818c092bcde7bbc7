// @vitest-environment node
// The official SDK against the local server: the server must be faithful enough that what passes here
// passes against a real OpenAI-compatible endpoint.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { TicketContext } from '../../lib/context/ticket-context';
import { buildPrompt } from '../../lib/llm/prompt';
import { answerSchema } from '../../lib/llm/response-schema';
import { builtinTemplate } from '../../lib/templates/registry';
import tickets from '../demo-desk/tickets.json';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';

let server: OpenAIServer;
let client: OpenAI;

function demoContext(id: number): TicketContext {
  const t = tickets.find((x) => x.id === id);
  if (!t) throw new Error(`no demo ticket ${id}`);
  return {
    site: 'demo',
    ticketKey: String(t.id),
    url: `http://desk/tickets/${t.id}`,
    subject: t.subject,
    requester: t.requester,
    fields: {},
    messages: t.messages.map((m) => ({ ...m, role: m.role as 'customer' | 'agent' | 'internal' })),
    unreadable: [],
    readAt: 0,
  };
}

function request(templateId: string, ticket: number) {
  const template = builtinTemplate(templateId);
  if (!template) throw new Error(templateId);
  const fields = Object.keys(template.schema.shape);
  const prompt = buildPrompt({ template, context: demoContext(ticket), fields });
  return {
    model: 'gpt-4.1-mini',
    messages: prompt.messages,
    response_format: zodResponseFormat(answerSchema(template, fields), 'deskmate_answer'),
  };
}

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: 'sk-test', models: ['gpt-4.1-mini'] });
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseUrl, maxRetries: 0, timeout: 5000 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.script(null);
  server.requests.length = 0;
});

describe('answers', () => {
  test('structured output grounded in the ticket of the prompt (parse + zodResponseFormat)', async () => {
    const completion = await client.chat.completions.parse(request('refund-request', 1002));
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed?.fields.orderNumber).toMatchObject({ value: 'A-10517', evidence: ['A-10517'] });
    expect(parsed?.fields.amount?.value).toBe(89.99);
    expect(parsed?.fields.currency?.value).toBe('EUR');
    expect(parsed?.fields.eligibility?.value).toBeNull();
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(100);
  });

  test('the request carries the key, the model and the schema', async () => {
    await client.chat.completions.parse(request('triage', 1001));
    const [r] = server.requests;
    expect(r?.headers.authorization).toBe('Bearer sk-test');
    expect(r?.body.model).toBe('gpt-4.1-mini');
    expect(r?.body.response_format.type).toBe('json_schema');
    expect(r?.body.response_format.json_schema.strict).toBe(true);
  });

  test('streams content chunks then [DONE]; the SDK helper assembles and parses them', async () => {
    const stream = client.chat.completions.stream(request('triage', 1004));
    let deltas = 0;
    let sawPartial = false;
    stream.on('content.delta', ({ parsed }) => {
      deltas++;
      if (parsed && typeof parsed === 'object' && 'fields' in parsed) sawPartial = true;
    });
    const final = await stream.finalChatCompletion();
    expect(deltas).toBeGreaterThan(5);
    expect(sawPartial).toBe(true);
    expect(final.choices[0]?.message.parsed?.fields.sentiment?.value).toBe('negative');
    expect(final.choices[0]?.message.parsed?.risks.map((r) => r.category)).toContain('churn');
  });

  test('create({stream: true}) yields chunks with finish_reason and usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage?.total_tokens ?? usage;
    }
    expect(text).toContain('Deskmate test server');
    expect(finish).toBe('stop');
    expect(usage).toBeGreaterThan(0);
  });

  test('lists models', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4.1-mini']);
  });

  test('answers CORS preflights for extension pages', async () => {
    const res = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('scripted failures', () => {
  test('401 wrong key', async () => {
    const bad = new OpenAI({ apiKey: 'nope', baseURL: server.baseUrl, maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  test('403, 404 model_not_found, 500, 503 map to the SDK error classes', async () => {
    server.enqueue({ kind: 'status', status: 403, message: 'Project has no access' });
    await expect(client.chat.completions.parse(request('triage', 1001))).rejects.toBeInstanceOf(
      OpenAI.PermissionDeniedError,
    );
    const error = await client.chat.completions
      .parse({ ...request('triage', 1001), model: 'gpt-9' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    server.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    await expect(client.chat.completions.parse(request('triage', 1001))).rejects.toBeInstanceOf(
      OpenAI.InternalServerError,
    );
    await expect(client.chat.completions.parse(request('triage', 1001))).rejects.toMatchObject({
      status: 503,
    });
  });

  test('429 with Retry-After: the SDK waits and retries, then succeeds', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseUrl, maxRetries: 2 });
    server.enqueue({ kind: 'status', status: 429, retryAfter: 1, code: 'rate_limit_exceeded' });
    const started = Date.now();
    const completion = await retrying.chat.completions.parse(request('triage', 1001));
    expect(completion.choices[0]?.message.parsed).toBeTruthy();
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('a hang ends in the client timeout; an abort cancels', async () => {
    server.script(() => ({ kind: 'hang' }));
    await expect(
      client.chat.completions.parse(request('triage', 1001), { timeout: 300 }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      client.chat.completions.parse(request('triage', 1001), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  test('malformed JSON in the body and in the content', async () => {
    server.enqueue({ kind: 'malformed', where: 'body' });
    await expect(client.chat.completions.parse(request('triage', 1001))).rejects.toThrow();
    server.enqueue({ kind: 'malformed' });
    await expect(client.chat.completions.parse(request('triage', 1001))).rejects.toBeInstanceOf(SyntaxError);
  });

  test('output that violates the schema fails zod validation', async () => {
    server.enqueue({ kind: 'violate' });
    await expect(client.chat.completions.parse(request('triage', 1001))).rejects.toMatchObject({
      name: 'ZodError',
    });
  });

  test('a truncated stream is an error, not a half answer', async () => {
    server.enqueue({ kind: 'truncate' });
    const stream = client.chat.completions.stream(request('triage', 1001));
    await expect(stream.finalChatCompletion()).rejects.toThrow(/finish_reason|JSON|Unterminated|Expected/i);
  });

  test('a refusal arrives as message.refusal, JSON and streamed', async () => {
    server.enqueue({ kind: 'refusal', refusal: 'I will not do that.' });
    const completion = await client.chat.completions.parse(request('triage', 1013));
    expect(completion.choices[0]?.message.refusal).toBe('I will not do that.');
    expect(completion.choices[0]?.message.parsed).toBeNull();
    server.enqueue({ kind: 'refusal' });
    const final = await client.chat.completions.stream(request('triage', 1013)).finalChatCompletion();
    expect(final.choices[0]?.message.refusal).toMatch(/can't help/);
  });
});
