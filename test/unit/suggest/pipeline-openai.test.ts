// @vitest-environment node
// The real pipeline, the real SDK, the local OpenAI-compatible server: statuses, errors, progress, cancel.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ExampleSource } from '../../../lib/engine/ports';
import { DeskmateError } from '../../../lib/messaging/envelope';
import type { Settings } from '../../../lib/settings/schema';
import { runSuggestion } from '../../../lib/suggest/pipeline';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { remoteSettings } from '../../openai-server/settings';
import { demoContext } from './demo-context';

let server: OpenAIServer;
let settings: Settings;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: 'sk-test', models: ['gpt-4.1-mini'] });
  settings = remoteSettings(server.baseUrl, { timeoutMs: 2000 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.script(null);
  server.requests.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<DeskmateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DeskmateError)) throw new Error(`expected a DeskmateError, got ${String(error)}`);
  return error;
}

describe('OpenAI-compatible path', () => {
  test('refund request on ticket 1002: filled with evidence; on 1007 missing with a question', async () => {
    const progress: string[][] = [];
    const s = await runSuggestion(
      {
        context: demoContext(1002),
        templateId: 'refund-request',
        onProgress: (f) => progress.push(Object.keys(f)),
      },
      { settings },
    );
    expect(s.provider).toEqual({ kind: 'openai', model: 'gpt-4.1-mini' });
    expect(s.fields.orderNumber).toMatchObject({ status: 'filled', value: 'A-10517', source: 'model' });
    expect(s.fields.amount).toMatchObject({ status: 'filled', value: 89.99 });
    expect(s.fields.currency).toMatchObject({ status: 'filled', value: 'EUR' });
    expect(s.fields.purchaseDate).toMatchObject({ status: 'filled', value: '2026-10-12' });
    expect(s.fields.reason).toMatchObject({ status: 'filled' });
    const lamp = await runSuggestion(
      { context: demoContext(1007), templateId: 'refund-request' },
      { settings },
    );
    expect(lamp.fields.orderNumber).toMatchObject({ status: 'missing', value: null });
    expect(lamp.fields.orderNumber?.question).toMatch(/order number/);
    // Fields streamed in one after another before the answer was complete.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]?.length ?? 0).toBeLessThan(progress[progress.length - 1]?.length ?? 0);
  });

  test('the prompt declares the ticket as data, keeps a stable system prefix, and carries the instruction', async () => {
    await runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings });
    await runSuggestion(
      { context: demoContext(1013), templateId: 'triage', instruction: 'Focus on the legal threat.' },
      { settings },
    );
    const [a, b] = server.requests.map((r) => r.body.messages);
    expect(a[0].content).toBe(b[0].content);
    expect(b[1].content).toContain('<ticket>');
    expect(b[1].content).toContain('Ignore all previous instructions');
    expect(b[1].content.indexOf('Ignore all previous')).toBeLessThan(b[1].content.indexOf('</ticket>'));
    expect(b[1].content).toContain('Guidance from the agent: Focus on the legal threat.');
  });

  test('past corrections go into the prompt as examples, redacted; learning off leaves them out', async () => {
    const examples: ExampleSource = {
      nearest: async (templateId, site, _text, k) =>
        [
          {
            templateId,
            field: 'category',
            ticketSnippet: `(${site}) mail me at kim@example.com about my parcel`,
            aiValue: 'refund',
            keptValue: 'shipping',
          },
          // Another desk's queue: this desk does not offer it, so it would only mislead the model.
          {
            templateId,
            field: 'category',
            ticketSnippet: 'the printer on floor 2 is jammed',
            aiValue: 'bug',
            keptValue: 'Printers (building B)',
          },
        ].slice(0, k),
    };
    await runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings, examples });
    const prompt = server.requests[0]?.body.messages[1].content as string;
    expect(prompt).toContain('field category was changed from "refund" to "shipping"');
    expect(prompt).toMatch(/mail me at \[EMAIL_\d+\]/);
    expect(prompt).not.toContain('kim@example.com');
    expect(prompt).not.toContain('Printers (building B)');
    const off = { ...settings, learning: { ...settings.learning, useCorrectionsInPrompts: false } };
    await runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings: off, examples });
    expect(server.requests[1]?.body.messages[1].content).not.toContain('Past corrections');
  });

  test("the team's learner cross-checks the model's enum values: disagreement lowers confidence, with a note", async () => {
    const learner = {
      predict: async () => undefined,
      explain: async (_t: string, field: string) =>
        field === 'category' ? { value: 'billing', confidence: 0.8 } : undefined,
    };
    const s = await runSuggestion(
      { context: demoContext(1002), templateId: 'triage' },
      { settings, learner },
    );
    expect(s.fields.category?.value).toBe('refund');
    expect(s.fields.category?.note).toMatch(/billing/);
    expect(s.fields.category?.confidence).toBeLessThan(0.5);
  });

  test('a model value quoting something the ticket does not say is unsupported', async () => {
    server.enqueue({
      kind: 'content',
      content: {
        fields: {
          orderNumber: { value: 'A-55555', evidence: ['order #A-55555'], confidence: 0.97 },
          amount: { value: 89.99, evidence: ['€89.99'], confidence: 0.9 },
          currency: { value: 'EUR', evidence: ['€89.99'], confidence: 0.9 },
          reason: { value: 'cracked jug', evidence: ['arrived with a cracked jug'], confidence: 0.9 },
          purchaseDate: { value: '2026-10-12', evidence: ['12 October 2026'], confidence: 0.9 },
          eligibility: { value: 'eligible', evidence: [], confidence: 0.5 },
        },
        risks: [],
      },
    });
    const s = await runSuggestion({ context: demoContext(1002), templateId: 'refund-request' }, { settings });
    expect(s.fields.orderNumber?.status).toBe('unsupported');
    expect(s.fields.reason?.status).toBe('filled');
    expect(s.fields.eligibility?.status).toBe('filled'); // composed: a judgement, not a quote
  });

  test('regenerating one field sends only that field in the schema', async () => {
    const s = await runSuggestion(
      {
        context: demoContext(1006),
        templateId: 'refund-request',
        fields: ['orderNumber'],
        previous: { orderNumber: 'A-10633', reason: 'call me on +420 601 123 456' },
      },
      { settings },
    );
    expect(Object.keys(s.fields)).toEqual(['orderNumber']);
    expect(s.fields.orderNumber?.status).toBe('conflict');
    const schema = server.requests[0]?.body.response_format.json_schema.schema;
    expect(Object.keys(schema.properties.fields.properties)).toEqual(['orderNumber']);
    // The agent's current values are redacted like the ticket.
    expect(server.requests[0]?.raw).toContain('call me on [PHONE_1]');
    expect(server.requests[0]?.raw).not.toContain('601 123 456');
  });

  test.each([
    [{ kind: 'status', status: 401 } as const, 'auth', /key/],
    [{ kind: 'status', status: 403 } as const, 'auth', /access/],
    [{ kind: 'status', status: 404, code: 'model_not_found' } as const, 'model_not_found', /model/],
    [{ kind: 'status', status: 429, retryAfter: 7 } as const, 'rate_limited', /retry in 7 s/],
    [{ kind: 'status', status: 500 } as const, 'provider_error', /Retry/],
    [{ kind: 'status', status: 503 } as const, 'provider_error', /Retry/],
    [{ kind: 'malformed' } as const, 'bad_output', /did not match/],
    [{ kind: 'violate' } as const, 'bad_output', /did not match/],
    [{ kind: 'truncate' } as const, 'provider_error', /stopped halfway|Retry/],
    [{ kind: 'refusal', refusal: 'No.' } as const, 'refused', /declined/],
  ])('%o maps to %s', async (fault, code, message) => {
    server.enqueue(fault);
    const error = await failure(
      runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings }),
    );
    expect(error.code, error.message).toBe(code);
    expect(error.message).toMatch(message);
    if (code === 'rate_limited') expect(error.retryAfter).toBe(7);
  });

  test('an unknown model and a wrong key are typed errors', async () => {
    const wrongModel = { ...settings, provider: { ...settings.provider, model: 'gpt-nope' } };
    expect(
      (
        await failure(
          runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings: wrongModel }),
        )
      ).code,
    ).toBe('model_not_found');
    const wrongKey = { ...settings, provider: { ...settings.provider, apiKey: 'sk-wrong' } };
    expect(
      (
        await failure(
          runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings: wrongKey }),
        )
      ).code,
    ).toBe('auth');
  });

  test('retries 503 then succeeds; never retries 401', async () => {
    const retrying = { ...settings, provider: { ...settings.provider, maxRetries: 2 } };
    server.enqueue({ kind: 'status', status: 503 });
    const s = await runSuggestion(
      { context: demoContext(1002), templateId: 'triage' },
      { settings: retrying },
    );
    expect(s.fields.category?.status).toBe('filled');
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.enqueue({ kind: 'status', status: 401 });
    await failure(
      runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings: retrying }),
    );
    expect(server.requests).toHaveLength(1);
  });

  test('a hang times out; an abort cancels', async () => {
    server.script(() => ({ kind: 'hang' }));
    const quick = { ...settings, provider: { ...settings.provider, timeoutMs: 1000 } };
    expect(
      (
        await failure(
          runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings: quick }),
        )
      ).code,
    ).toBe('timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(
      runSuggestion(
        { context: demoContext(1001), templateId: 'triage', signal: controller.signal },
        { settings },
      ),
    );
    expect(error.code).toBe('cancelled');
  });

  test('an unreachable endpoint is a network error that says what to do', async () => {
    const down = { ...settings, provider: { ...settings.provider, baseUrl: 'http://127.0.0.1:9/v1' } };
    const error = await failure(
      runSuggestion({ context: demoContext(1001), templateId: 'triage' }, { settings: down }),
    );
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/local engine/);
  });
});
