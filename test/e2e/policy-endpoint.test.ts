import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { launch, type Session } from './harness';
import { openOptions, type PolicyFile, sendFrom, waitForPolicyRead, writePolicy } from './policy-files';

const ORG_KEY = 'sk-org-proxy-e2e-9f8e7d';
let llm: OpenAIServer;
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let policy: PolicyFile | undefined;
let session: Session | undefined;

beforeAll(async () => {
  // The organization's endpoint: it refuses requests without the organization's key.
  llm = await startOpenAIServer({ apiKey: ORG_KEY });
  desk = await startDemoDesk();
  policy = writePolicy({
    settings: { provider: { kind: 'openai', baseUrl: llm.baseUrl, model: 'corp-model', apiKey: ORG_KEY } },
    locked: ['provider'],
  });
  session = await launch();
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    policy?.remove();
    await llm?.close();
    await desk?.close();
  }
});

test('the pinned endpoint is in force and used, with a key no page ever sees', async () => {
  const options = await openOptions(session!);
  const view = await waitForPolicyRead(options);
  expect(view.settings.provider).toMatchObject({
    kind: 'openai',
    baseUrl: llm.baseUrl,
    model: 'corp-model',
    hasApiKey: true,
  });
  expect(view.sources['provider.baseUrl']).toBe('locked');
  expect(JSON.stringify(view)).not.toContain(ORG_KEY);

  const before = llm.requests.length;
  const tested = await sendFrom(options, 'provider.test', {});
  expect(tested).toMatchObject({ ok: true, data: { ok: true, kind: 'openai' } });
  const calls = llm.requests.slice(before);
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((r) => r.headers.authorization === `Bearer ${ORG_KEY}`)).toBe(true);
  expect(calls.some((r) => r.path.endsWith('/chat/completions') && r.body?.model === 'corp-model')).toBe(
    true,
  );
  await options.close();
});

test('a locked setting cannot be changed: disabled with the organization mark, and refused by settings.save', async () => {
  const options = await openOptions(session!, 'provider');
  await expect
    .poll(() => options.locator('#provider-base-url').inputValue(), { timeout: 15_000 })
    .toBe(llm.baseUrl);
  expect(await options.locator('#provider-base-url').isDisabled()).toBe(true);
  expect(await options.locator('#provider-model').isDisabled()).toBe(true);
  expect(await options.locator('input[name="provider-kind"]').first().isDisabled()).toBe(true);
  const marks = options.getByTestId('locked-note');
  expect(await marks.count()).toBeGreaterThan(0);
  expect(await marks.first().textContent()).toMatch(/managed by your organization/i);
  // The base URL field says why it is locked to assistive technologies too.
  expect(await options.locator('#provider-base-url').getAttribute('aria-describedby')).toContain(
    'lock-provider',
  );

  const refused = await sendFrom(options, 'settings.save', {
    patch: { provider: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-user' } },
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'policy' } });
  expect(refused.error.message).toContain('provider.baseUrl');
  const after = await sendFrom(options, 'settings.get', {});
  expect(after.data.settings.provider.baseUrl).toBe(llm.baseUrl);

  // The Policy section lists it as locked.
  await options.getByTestId('nav-policy').click();
  const row = options.locator('tr[data-path="provider.baseUrl"]');
  await expect.poll(() => row.textContent()).toContain('Managed by your organization');
  await options.close();
});

test('a suggestion on a ticket goes to the pinned endpoint', async () => {
  const before = llm.requests.length;
  const { page, panel } = await session!.openTicket(`${desk.baseUrl}/tickets/1002`);
  const sentTicket = () =>
    llm.requests
      .slice(before)
      .some((r) => r.raw.includes('Refund for damaged blender') && r.body?.model === 'corp-model');
  await expect.poll(sentTicket, { timeout: 30_000 }).toBe(true);
  expect(panel.url()).toContain('sidepanel.html');
  await page.close();
});
