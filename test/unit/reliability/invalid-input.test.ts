import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DeskmateDb } from '@/lib/db/db';
import { commitTeamPack, previewTeamPack } from '@/lib/export/team-pack';
import { toErrorInfo } from '@/lib/messaging/envelope';
import { evaluatePolicy, SAFE_POLICY } from '@/lib/policy/validate';
import { saveUserPatch } from '@/lib/settings/effective';
import { parseCustomTemplate } from '@/lib/templates/custom';

/**
 * Invalid settings, templates, team packs and policies: each rejected with a message that says what
 * is wrong (where), and nothing half-applied: stored state is byte-for-byte what it was.
 */
const figures = { rejected: 0, withPath: 0, halfApplied: 0 };

async function storedSettings(): Promise<string> {
  return JSON.stringify((await fakeBrowser.storage.local.get('settings')).settings ?? null);
}

describe('settings', () => {
  const bad: [string, unknown, RegExp][] = [
    [
      'a base URL that is not a URL',
      { provider: { kind: 'openai', baseUrl: 'not a url' } },
      /provider\.baseUrl/,
    ],
    ['a timeout of one millisecond', { provider: { timeoutMs: 1 } }, /provider\.timeoutMs/],
    ['retention as text', { retentionDays: 'forever' }, /retentionDays/],
    ['a redaction switch as a string', { redaction: { email: 'yes' } }, /redaction\.email/],
    ['an unknown provider kind', { provider: { kind: 'magic' } }, /provider\.kind/],
    ['a threshold above 1', { templates: { auto: { threshold: 3 } } }, /templates\.auto\.threshold/],
  ];
  for (const [name, patch, path] of bad) {
    test(`rejects ${name}, saying where, and keeps what was saved`, async () => {
      await saveUserPatch({ provider: { model: 'kept-model' }, retentionDays: 90 });
      const before = await storedSettings();
      const error = await saveUserPatch(patch as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      figures.rejected++;
      expect(error).toBeInstanceOf(Error);
      // What the options page shows: the reply the background sends for this error.
      const info = toErrorInfo(error);
      expect(info.code).toBe('invalid_request');
      const message = info.message;
      if (path.test(message)) figures.withPath++;
      expect(message).toMatch(path);
      const after = await storedSettings();
      if (after !== before) figures.halfApplied++;
      expect(after).toBe(before);
    });
  }
});

describe('custom templates', () => {
  const bad: [string, unknown, RegExp][] = [
    ['no id', { name: 'X', schema: { type: 'object', properties: { a: { type: 'string' } } } }, /id/],
    [
      'a field of an unsupported type',
      { id: 'x', name: 'X', schema: { type: 'object', properties: { a: { type: 'object' } } } },
      /properties\.a/,
    ],
    [
      'a required field that does not exist',
      {
        id: 'x',
        name: 'X',
        schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['b'] },
      },
      /required|b/,
    ],
    [
      'an enum with no options',
      { id: 'x', name: 'X', schema: { type: 'object', properties: { a: { type: 'string', enum: [] } } } },
      /properties\.a/,
    ],
    [
      'a built-in id',
      { id: 'triage', name: 'X', schema: { type: 'object', properties: { a: { type: 'string' } } } },
      /built-in/,
    ],
    ['not an object at all', 'triage', /.+/],
  ];
  for (const [name, json, path] of bad) {
    test(`rejects ${name} with a message that names the place`, () => {
      const result = parseCustomTemplate(json, ['triage', 'refund-request']);
      figures.rejected++;
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors.length).toBeGreaterThan(0);
        expect(result.errors.join('\n')).toMatch(path);
        figures.withPath++;
      }
    });
  }
});

describe('team packs', () => {
  test('a file that is not a pack: every line reported with its number, nothing written', async () => {
    const database = new DeskmateDb(`invalid-pack-${Math.random()}`);
    const preview = await previewTeamPack(database, 'id,field,value\n1,category,refund\n{"templateId": 5}\n');
    figures.rejected++;
    expect(preview.fresh).toEqual([]);
    expect(preview.invalid).toBe(3);
    expect(preview.problems.map((p) => p.line)).toEqual([1, 2, 3]);
    expect(preview.problems[2]?.message).toMatch(/templateId/);
    figures.withPath++;
    expect(await commitTeamPack(database, preview, 'bad.jsonl')).toBe(0);
    expect(await database.corrections.count()).toBe(0);
    database.close();
  });
});

describe('managed policies', () => {
  const bad: [string, unknown, RegExp][] = [
    [
      'a provider URL that is not a URL',
      { settings: { provider: { baseUrl: 'ftp:// nope' } } },
      /provider\.baseUrl/,
    ],
    ['json text that is not JSON', { json: '{ not json' }, /json/],
    ['locks of the wrong type', { locked: 'provider' }, /locked/],
    ['a misspelt section', { setings: { retentionDays: 30 } }, /setings/],
    ['a secret in a wrong place', { settings: { provider: { apiKey: 42 } } }, /provider\.apiKey/],
  ];
  for (const [name, raw, path] of bad) {
    test(`fails closed on ${name}, naming the path and never the value`, () => {
      const result = evaluatePolicy(raw);
      figures.rejected++;
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toMatch(path);
      figures.withPath++;
      expect(result.layer).toEqual(SAFE_POLICY.layer);
      expect(result.errors.join('\n')).not.toMatch(/ftp:\/\/ nope|not json|\b42\b/);
    });
  }

  test('report', () => {
    console.log(
      `invalid input: ${figures.rejected} rejected, ${figures.withPath} said where, ${figures.halfApplied} half-applied`,
    );
    expect(figures.halfApplied).toBe(0);
  });
});
