// @vitest-environment node
// The background (service worker) has no DOM: run the pipeline as it runs there.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TicketContext } from '@/lib/context/ticket-context';
import { DeskmateError, type ErrorCode } from '@/lib/messaging/envelope';
import type { Settings } from '@/lib/settings/schema';
import { runSuggestion } from '@/lib/suggest/pipeline';
import { type Fault, type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { remoteSettings } from '../../openai-server/settings';

/**
 * Every provider failure mode, injected by the local OpenAI-protocol server and seen through the real
 * SDK and the real pipeline: a typed error whose message says the next step, retries only where a
 * retry can help, no crash, and nothing partial handed on (the pipeline returns a Suggestion or throws).
 */
const context: TicketContext = {
  site: 'demo',
  ticketKey: '1002',
  url: 'http://127.0.0.1/tickets/1002',
  subject: 'Refund for damaged blender',
  requester: { name: 'Daniel Okafor', email: 'd.okafor@example.org' },
  fields: {},
  messages: [
    {
      author: 'Daniel Okafor',
      role: 'customer',
      text: 'The blender arrived with a cracked jug. Order number A-10517, I paid €89.99 on 12 October 2026. Full refund please.',
    },
  ],
  unreadable: [],
  readAt: 0,
};

interface Case {
  name: string;
  faults: Fault[];
  code: ErrorCode;
  /** Words the message must contain: the next step the agent can take. */
  nextStep: RegExp;
  /** Requests the server should see: 1 = not retried; more = retried as the settings allow. */
  requests: number;
  timeoutMs?: number;
}

// maxRetries 1 in these settings: a retryable fault injected once recovers on the second request;
// injected twice, it fails after two.
const cases: Case[] = [
  {
    name: '401 bad key',
    faults: [{ kind: 'status', status: 401 }],
    code: 'auth',
    nextStep: /key/i,
    requests: 1,
  },
  {
    name: '403 no access',
    faults: [{ kind: 'status', status: 403 }],
    code: 'auth',
    nextStep: /key|permission/i,
    requests: 1,
  },
  {
    name: '404 model',
    faults: [{ kind: 'status', status: 404, code: 'model_not_found', message: 'The model does not exist' }],
    code: 'model_not_found',
    nextStep: /model/i,
    requests: 1,
  },
  {
    name: '429 with Retry-After, twice',
    faults: [
      { kind: 'status', status: 429, retryAfter: 1 },
      { kind: 'status', status: 429, retryAfter: 1 },
    ],
    code: 'rate_limited',
    nextStep: /retry/i,
    requests: 2,
  },
  {
    name: '500, twice',
    faults: [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    ],
    code: 'provider_error',
    nextStep: /retry/i,
    requests: 2,
  },
  {
    name: '503, twice',
    faults: [
      { kind: 'status', status: 503 },
      { kind: 'status', status: 503 },
    ],
    code: 'provider_error',
    nextStep: /retry/i,
    requests: 2,
  },
  // Our watchdog ends a stalled call after timeoutMs and does not retry by itself: the agent has
  // already waited that long, and the message offers the retry.
  {
    name: 'timeout (server hangs)',
    faults: [{ kind: 'hang' }],
    code: 'timeout',
    nextStep: /retry|timeout/i,
    requests: 1,
    timeoutMs: 1000,
  },
  {
    name: 'malformed JSON body',
    faults: [{ kind: 'malformed', where: 'body' }],
    code: 'bad_output',
    nextStep: /retry|model/i,
    requests: 1,
  },
  {
    name: 'malformed JSON content',
    faults: [{ kind: 'malformed', where: 'content' }],
    code: 'bad_output',
    nextStep: /retry|model/i,
    requests: 1,
  },
  {
    name: 'schema-violating output',
    faults: [{ kind: 'violate' }],
    code: 'bad_output',
    nextStep: /retry|model/i,
    requests: 1,
  },
  {
    name: 'truncated stream',
    faults: [{ kind: 'truncate', afterChunks: 3 }],
    code: 'provider_error',
    nextStep: /retry/i,
    requests: 1,
  },
  {
    name: 'refusal',
    faults: [{ kind: 'refusal', refusal: 'I cannot help with that.' }],
    code: 'refused',
    nextStep: /by hand|local/i,
    requests: 1,
  },
];

let server: OpenAIServer;

/** Inject these faults into the next chat requests of this test only, then answer normally. */
function inject(...faults: Fault[]) {
  const pending = [...faults];
  server.requests.length = 0;
  server.script((request) => (request.path.endsWith('/chat/completions') ? pending.shift() : undefined));
}
const figures = { faults: 0, clearMessages: 0, recovered: 0, crashes: 0, partialResults: 0 };

function settingsFor(baseUrl: string, timeoutMs = 20_000): Settings {
  return remoteSettings(baseUrl, { model: 'gpt-4.1-mini', timeoutMs, maxRetries: 1 });
}

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server?.close();
  console.log(
    `provider faults: ${figures.faults} injected, ${figures.clearMessages} typed errors with a next step, ${figures.recovered} recovered by retry, ${figures.crashes} crashes, ${figures.partialResults} partial results`,
  );
});

async function attempt(settings: Settings) {
  const partials: unknown[] = [];
  try {
    const suggestion = await runSuggestion(
      { context, templateId: 'refund-request', onProgress: (p) => partials.push(p) },
      { settings },
    );
    return { suggestion, partials };
  } catch (error) {
    return { error, partials };
  }
}

describe('provider faults', () => {
  for (const c of cases) {
    test(c.name, async () => {
      inject(...c.faults);
      figures.faults++;
      const result = await attempt(settingsFor(server.baseUrl, c.timeoutMs));
      if (!(result.error instanceof DeskmateError)) figures.crashes++;
      if ('suggestion' in result) figures.partialResults++;
      expect(result.error).toBeInstanceOf(DeskmateError);
      const error = result.error as DeskmateError;
      expect(error.code).toBe(c.code);
      expect(error.message).toMatch(c.nextStep);
      figures.clearMessages++;
      const chat = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
      expect(chat.length).toBe(c.requests);
      if (c.code === 'rate_limited') expect(error.retryAfter).toBe(1);
    }, 30_000);
  }

  test('a retryable fault that clears recovers on the retry, with a whole suggestion', async () => {
    inject({ kind: 'status', status: 503 });
    figures.faults++;
    const result = await attempt(settingsFor(server.baseUrl));
    expect(result.error).toBeUndefined();
    expect(
      result.suggestion?.fields.orderNumber ?? Object.values(result.suggestion?.fields ?? {})[0],
    ).toBeDefined();
    expect(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(2);
    figures.recovered++;
  });

  test('connection refused: a network error that says to check the URL', async () => {
    // A port that was free a moment ago and has nobody listening now.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    figures.faults++;
    const result = await attempt(settingsFor(`http://127.0.0.1:${port}/v1`));
    expect(result.error).toBeInstanceOf(DeskmateError);
    expect((result.error as DeskmateError).code).toBe('network');
    expect((result.error as DeskmateError).message).toMatch(/base URL|running/i);
    figures.clearMessages++;
  }, 30_000);

  test('cancelling mid-stream ends with `cancelled`, not a partial suggestion', async () => {
    inject({ kind: 'hang' });
    figures.faults++;
    const controller = new AbortController();
    const run = runSuggestion(
      { context, templateId: 'refund-request', signal: controller.signal },
      { settings: settingsFor(server.baseUrl) },
    );
    setTimeout(() => controller.abort(), 300);
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    figures.clearMessages++;
  });
});
