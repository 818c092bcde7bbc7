import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { EXTENSION_ID, launch, type Session } from './harness';
import { waitForSuggestion } from './panel-helpers';

/** The options page shell: provider (write-only key, test connection), redaction, templates editor. */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
let ai: OpenAIServer;
const KEY = 'sk-test-1234567890abcdef';

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer({ apiKey: KEY });
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
});

async function options(section: string) {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#${section}`);
  await page.getByTestId(`section-${section}`).waitFor();
  return page;
}

test('provider: the key is write-only (never shown back), the connection test reaches the endpoint with it', async () => {
  const page = await options('provider');
  await page.getByLabel('OpenAI-compatible endpoint').check();
  await page.getByLabel('Base URL').fill(ai.baseUrl);
  await page.getByLabel('Model').fill('gpt-4.1-mini');
  await page.getByLabel('API key').fill(KEY);
  await page.getByTestId('provider-test').click();
  await expect
    .poll(() => page.getByTestId('provider-test-status').textContent(), { timeout: 20_000 })
    .toContain('Connected');
  await page.getByTestId('provider-save').click();
  await expect.poll(() => page.getByTestId('section-provider').textContent()).toContain('Saved.');
  await page.reload();
  const key = page.getByLabel('API key');
  await key.waitFor();
  expect(await key.inputValue()).toBe('');
  expect(await key.getAttribute('placeholder')).toContain('a key is saved');
  expect(await page.content()).not.toContain(KEY);
  // A wrong key is explained.
  await key.fill('sk-wrong');
  await page.getByTestId('provider-test').click();
  await expect
    .poll(() => page.getByTestId('provider-test-status').textContent(), { timeout: 20_000 })
    .toContain('rejected the key');
  // Back to the local engine for the other tests.
  await page.getByLabel('Local engine').check();
  await page.getByTestId('provider-save').click();
  await expect.poll(() => page.getByTestId('section-provider').textContent()).toContain('Saved.');
  await page.close();
});

test('redaction: an invalid custom pattern is explained and cannot be saved', async () => {
  const page = await options('redaction');
  await page.getByRole('button', { name: 'Add a pattern' }).click();
  await page.getByLabel('Name').fill('Contract');
  await page.getByLabel('Regular expression').fill('CT-([0-9');
  expect(await page.getByTestId('section-redaction').textContent()).toContain(
    'Not a valid regular expression',
  );
  expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  await page.getByLabel('Regular expression').fill('CT-[0-9]{6}');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByTestId('section-redaction').textContent()).toContain('Saved.');
  await page.close();
});

test('templates: validation errors name the place; a valid custom template is saved and offered in the panel', async () => {
  const page = await options('templates');
  const editor = page.getByTestId('templates-json');
  await editor.fill('{ "id": "warranty-claim", ');
  expect(await page.getByTestId('templates-problems').textContent()).toContain('Not valid JSON');
  await editor.fill(JSON.stringify({ id: 'warranty-claim', schema: { type: 'object', properties: {} } }));
  const problems = await page.getByTestId('templates-problems').textContent();
  expect(problems).toContain('name');
  expect(problems).toContain('at least one field');
  const valid = {
    id: 'warranty-claim',
    name: 'Warranty claim',
    schema: {
      type: 'object',
      properties: {
        orderNumber: {
          type: 'string',
          description: 'The order the claim is about.',
          'x-deskmate': { label: 'Order number', kind: 'entity' },
        },
      },
      required: ['orderNumber'],
    },
  };
  await editor.fill(JSON.stringify([valid], null, 2));
  expect(await page.getByTestId('templates-problems').textContent()).toContain('1 valid template');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByTestId('section-templates').textContent()).toContain('Saved.');
  await page.close();

  const ticket = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(ticket.panel);
  const names = await ticket.panel.getByTestId('template-select').locator('option').allTextContents();
  expect(names).toContain('Warranty claim');
  await ticket.page.close();
});
