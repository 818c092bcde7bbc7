import { rmSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TicketContext } from '../../lib/context/ticket-context';
import type { Suggestion } from '../../lib/templates/suggestion';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { launch, type Session } from './harness';

/**
 * The learning loop in Chromium: a correction made on one demo ticket changes the suggestion on the
 * next similar ticket, (a) through the examples put in the prompt sent to an OpenAI-compatible
 * endpoint, and (b) through the local learner when no endpoint is configured.
 */

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let ai: OpenAIServer;
let session: Session;
/** The profile of the browser restarted in (c), removed at the end (launch keeps a profile it is given). */
let restartedProfile: string | undefined;

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer({ apiKey: 'sk-e2e', models: ['gpt-4.1-mini'] });
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  if (restartedProfile) rmSync(restartedProfile, { recursive: true, force: true });
  await ai?.close();
  await desk?.close();
});

type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function unwrap<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

async function setSettings(settings: unknown): Promise<void> {
  await session.worker.evaluate(async (value) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    await api.storage.local.set({ settings: value });
  }, settings);
}

/** Ask the background from the docked panel frame, as the panel does. */
async function ask<T>(panel: Frame, name: string, payload: unknown): Promise<T> {
  const reply = await panel.evaluate(
    async ({ name, payload }) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      return api.runtime.sendMessage({ name, payload });
    },
    { name, payload },
  );
  return unwrap(reply as Reply<T>);
}

/** The ticket as the content script reads it (it may still be loading). */
async function readContext(panel: Frame): Promise<TicketContext> {
  return panel.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tab = await api.tabs.getCurrent();
    for (let i = 0; i < 50; i++) {
      const read = (await api.tabs.sendMessage(
        tab!.id!,
        { name: 'context.read', payload: {} },
        { frameId: 0 },
      )) as {
        ok: boolean;
        data?: { ok: boolean; context?: unknown };
      };
      if (read.data?.ok && read.data.context) return read.data.context as TicketContext;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('No ticket context.');
  });
}

/** Everything the agent's apply sends: the ticket's text as `ticketText` builds it. */
function ticketText(context: TicketContext): string {
  const head = [context.subject, ...Object.values(context.fields)].filter(Boolean).join('\n');
  return [head, ...context.messages.map((m) => m.text)].join('\n\n');
}

async function suggestOn(ticket: number, templateId: string) {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/${ticket}`);
  const context = await readContext(panel);
  const suggestion = await ask<Suggestion>(panel, 'suggest.run', {
    requestId: `memory-${ticket}-${Date.now()}`,
    context,
    templateId,
  });
  return { page, panel, context, suggestion };
}

const other = (value: unknown, choices: string[]) => choices.find((c) => c !== value) as string;

test('(a) a correction on ticket 1010 is an example in the prompt for the similar ticket 1009', async () => {
  await setSettings({
    provider: { kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-e2e', maxRetries: 0 },
  });
  // Before any correction: no examples in the prompt for 1009.
  ai.requests.length = 0;
  const before = await suggestOn(1009, 'triage');
  const promptOf = () =>
    ai.requests.filter((r) => r.method === 'POST' && r.raw.includes('Template id: triage')).at(-1)?.raw ?? '';
  expect(promptOf()).not.toContain('Past corrections');
  await before.page.close();

  // The agent corrects the category on 1010 (charged twice) and applies.
  const first = await suggestOn(1010, 'triage');
  const aiCategory = first.suggestion.fields.category?.value;
  const kept = other(aiCategory, ['billing', 'refund']);
  const recorded = await ask<{ corrections: number; agreements: number }>(first.panel, 'corrections.record', {
    suggestion: first.suggestion,
    kept: { category: kept, priority: first.suggestion.fields.priority?.value ?? null },
    text: ticketText(first.context),
  });
  expect(recorded.corrections).toBe(1);
  await first.page.close();

  // The next similar ticket: the correction is in the prompt, redacted (no card number).
  ai.requests.length = 0;
  const next = await suggestOn(1009, 'triage');
  const prompt = promptOf();
  expect(prompt).toContain('Past corrections by agents on this template');
  expect(prompt).toMatch(new RegExp(`field category was changed from .*${aiCategory}.* to .*${kept}`));
  expect(prompt).toContain('charged');
  expect(prompt).not.toContain('4111 1111');
  await next.page.close();
});

test('(b) with no endpoint, a correction on ticket 1002 changes the local engine on a similar ticket', async () => {
  await setSettings({});
  // A customer on ticket 1006 writes about the same problem as ticket 1002 (the demo desk's API).
  const text =
    "Also, the ProBlend 600 blender I received last week arrived with a cracked jug (order number A-10731, paid €89.99). I'd like a full refund for it please, I don't want a replacement. Photos attached.";
  const posted = await fetch(`${desk.baseUrl}/api/tickets/1006/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, role: 'customer' }),
  });
  expect(posted.status).toBe(201);
  const kept = 'product';
  const before = await suggestOn(1006, 'triage');
  expect(before.suggestion.provider.kind).toBe('local');
  expect(before.suggestion.fields.category?.value).not.toBe(kept);
  await before.page.close();

  // The agent keeps another category on 1002 than the local engine suggested.
  const first = await suggestOn(1002, 'triage');
  expect(first.suggestion.fields.category?.value).not.toBe(kept);
  await ask(first.panel, 'corrections.record', {
    suggestion: first.suggestion,
    kept: { category: kept },
    text: ticketText(first.context),
    enumFields: ['category'],
  });
  await first.page.close();

  const after = await suggestOn(1006, 'triage');
  expect(after.suggestion.fields.category).toMatchObject({ value: kept, source: 'memory' });
  await after.page.close();
});

test('(c) after a browser restart the saved retrieval index answers the first suggestion (issue #19)', async () => {
  await setSettings({
    provider: { kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-e2e', maxRetries: 0 },
  });
  // The index of triage was built and saved by the first suggestion of (a); Chromium's IndexedDB keeps
  // it across the restart as columns of typed arrays.
  const profileDir = session.profileDir;
  restartedProfile = profileDir;
  await session.context.close();
  session = await launch({ profileDir });
  const saved = await session.worker.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('retrievalIndex').objectStore('retrievalIndex').get('triage');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const row = get.result;
            resolve({
              format: row?.format,
              docIds: Object.prototype.toString.call(row?.index?.docIds),
              postingDocs: Object.prototype.toString.call(row?.index?.postingDocs),
              postingWeights: Object.prototype.toString.call(row?.index?.postingWeights),
            });
            open.result.close();
          };
        };
      }),
  );
  expect(saved).toEqual({
    format: 1,
    docIds: '[object Float64Array]',
    postingDocs: '[object Uint8Array]',
    postingWeights: '[object Uint16Array]',
  });

  // The first suggestion after the start loads it, catches up with (a)'s correction, and offers it.
  ai.requests.length = 0;
  const next = await suggestOn(1009, 'triage');
  const prompt =
    ai.requests.filter((r) => r.method === 'POST' && r.raw.includes('Template id: triage')).at(-1)?.raw ?? '';
  expect(prompt).toContain('Past corrections by agents on this template');
  expect(prompt).toContain('charged');
  await next.page.close();
});
