import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, type Session } from './harness';
import { openOptions, type PolicyFile, sendFrom, waitForPolicyRead, writePolicy } from './policy-files';

const SECRET = 'sk-e2e-never-shown-0123456789';
let policy: PolicyFile | undefined;
let session: Session | undefined;

beforeAll(async () => {
  // Types Chrome accepts, values zod refuses: Deskmate must fail closed and say where.
  policy = writePolicy({
    settings: {
      provider: { kind: 'cloud-magic', baseUrl: 'not a url', apiKey: SECRET },
      retentionDays: 99_999,
    },
    locked: ['provider', 'no.such.setting'],
  });
  const started = Date.now();
  session = await launch();
  // launch() waits for the site scripts, which are registered only once the policy is read.
  console.log(`launch to first managed policy read: ${Date.now() - started} ms`);
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    policy?.remove();
  }
});

test('an invalid policy fails closed, and the options page tells the admin what is wrong', async () => {
  const page = await openOptions(session!, 'policy');
  const view = await waitForPolicyRead(page);
  expect(view.policy).toMatchObject({ present: true, valid: false });
  // Safe defaults: local engine only, redaction on and locked, no export.
  expect(view.settings.provider.kind).toBe('local');
  expect(view.settings.redaction.enabled).toBe(true);
  expect(view.settings.exportAllowed).toBe(false);
  expect(view.locked).toEqual(expect.arrayContaining(['provider', 'redaction', 'exportAllowed']));

  const errors = page.getByTestId('policy-errors');
  await expect.poll(() => errors.isVisible(), { timeout: 10_000 }).toBe(true);
  const text = (await errors.textContent()) ?? '';
  expect(text).toContain('settings.provider.kind');
  expect(text).toContain('settings.provider.baseUrl');
  expect(text).toContain('settings.retentionDays');
  expect(text).toContain('locked.1');
  // Paths and reasons, never the values.
  expect(text).not.toContain('cloud-magic');
  expect(text).not.toContain(SECRET);
  expect(await page.content()).not.toContain(SECRET);

  // A locked safe default cannot be changed by the user either.
  const refused = await sendFrom(page, 'settings.save', { patch: { redaction: { enabled: false } } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'policy' } });
  expect(refused.error.message).toContain('redaction.enabled');
  await page.close();
});
