// @vitest-environment node
// `npm run bench:accuracy -- --base-url ... --model ... --api-key-env VAR` against the local
// OpenAI-protocol test server: the CLI as a user runs it, on a ten-ticket labelled set.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/accuracy/tiny-provider.csv');
const KEY = 'sk-deskmate-bench-test';
const MODEL = 'deskmate-bench';

/** The bench's command line, run with node and tsx as `npm run bench:accuracy` does. */
function bench(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'test/bench/accuracy.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

let server: OpenAIServer;
beforeAll(async () => {
  // The key and the model are checked: a request without them is refused (401, 404).
  server = await startOpenAIServer({ apiKey: KEY, models: [MODEL] });
});
afterAll(() => server.close());

describe('accuracy bench with an OpenAI-compatible provider', () => {
  /**
   * The server answers like the local engine without learning: the one option a ticket names (Account,
   * Billing, Shipping, or a word lib/engine/category-lexicon.ts gives for it in another language, such as
   * "Rechnung" for billing), nothing when it names none or two once each. Tickets 1, 2, 3, 7, 8 and 9
   * name their own label (right); 6 names Billing but is Shipping (shown, wrong); 4 names none, 5 and 10
   * two (left empty). Accuracy 6/10, a value shown on 7/10, all from the model; en 4/7, de 2/3.
   * Ten tickets: the learner never has the ten examples it needs to guess, so this is the provider alone.
   */
  test('replays the set through the provider and prints the table with the hand-computed figures', async () => {
    const { stdout } = await bench(
      [
        ...['--file', FIXTURE, '--text', 'subject,body', '--label', 'queue', '--language', 'lang'],
        ...[
          '--in-order',
          '--base-url',
          server.baseUrl,
          '--model',
          MODEL,
          '--api-key-env',
          'DESKMATE_TEST_KEY',
        ],
      ],
      { DESKMATE_TEST_KEY: KEY },
    );
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toContain(
      'label queue (3 options: Account, Billing, Shipping) · 10 tickets · file order',
    );
    expect(lines[1]).toContain(`provider ${server.baseUrl} model ${MODEL}`);
    const header = lines.findIndex((l) => l.startsWith('field category |'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header]?.split('|').map((c) => c.trim())).toEqual([
      'field category',
      'tickets',
      'accuracy',
      'shown',
      'cov@prec.95',
      'cov@prec.90',
      'ECE',
      'source of shown values',
      'TF-IDF+LR offline default / best (fitted on the tickets before)',
    ]);
    // One window (fewer than 51 tickets), then the per-language lines and the timing line.
    const cells = lines[header + 1]?.split('|').map((c) => c.trim());
    expect(cells).toHaveLength(9);
    expect(cells?.slice(0, 4)).toEqual(['tickets 1-50 (cold start)', '10', '0.600', '0.700']);
    expect(cells?.[7]).toBe('model 70 %');
    expect(cells?.[8]).toBe('-');
    // The option-name answers all carry one confidence, so a threshold keeps all seven or none: 6/7 right
    // is below 0.90 precision, and no threshold reaches it.
    expect(cells?.slice(4, 6)).toEqual(['0.000', '0.000']);
    expect(cells?.[6]).toMatch(/^\d\.\d{3}$/);
    expect(lines[header + 2]).toBe('accuracy per language: en 0.571 (n=7) · de 0.667 (n=3)');
    // All ten are in the cold-start window.
    expect(lines[header + 3]).toBe(
      'accuracy per language, tickets 1-50 (cold start): en 0.571 (n=7) · de 0.667 (n=3)',
    );
    expect(lines[header + 4]).toMatch(/^time per ticket: suggestion p50 [\d.]+ ms, p95 [\d.]+ ms/);
    expect(lines).toHaveLength(header + 5);

    // One chat completion per ticket, each with the key and the model named on the command line.
    const chats = server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chats).toHaveLength(10);
    for (const r of chats) {
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body.model).toBe(MODEL);
    }
  }, 180_000);

  test('an --api-key-env variable that is not set stops the run with a message, before any request', async () => {
    const before = server.requests.length;
    const failed = await bench(
      [
        ...['--file', FIXTURE, '--text', 'subject,body', '--label', 'queue'],
        ...['--base-url', server.baseUrl, '--api-key-env', 'DESKMATE_TEST_KEY_UNSET'],
      ],
      { DESKMATE_TEST_KEY_UNSET: '' },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      'The environment variable DESKMATE_TEST_KEY_UNSET (--api-key-env) is not set.',
    );
    expect(server.requests.length).toBe(before);
  }, 120_000);
});
