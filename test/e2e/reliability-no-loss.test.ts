import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { EXTENSION_ID, launch, type Session, serviceWorker } from './harness';
import { waitForSuggestion } from './panel-helpers';

/**
 * No data loss: what the agent typed survives a closed tab, a service worker killed in the middle of
 * a provider call, and a browser restart; five tabs recording corrections at once lose none.
 */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let ai: OpenAIServer;
let session: Session;
const figures = { scenarios: 0, recordsChecked: 0, lost: 0 };

type Chrome = typeof import('wxt/browser').browser;

async function setProvider(s: Session, provider: Record<string, unknown>) {
  const worker = await serviceWorker(s.context);
  await worker.evaluate(async (p) => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { settings = {} } = (await api.storage.local.get('settings')) as {
      settings?: Record<string, unknown>;
    };
    await api.storage.local.set({ settings: { ...settings, provider: p } });
  }, provider);
}

async function typeReply(s: Session, ticket: number, text: string) {
  const { page, panel } = await s.openTicket(`${desk.baseUrl}/tickets/${ticket}`);
  await waitForSuggestion(panel, 'reply-draft');
  await panel.getByTestId('field-input-reply').fill(text);
  return { page, panel };
}

async function replyAfterReopen(s: Session, ticket: number): Promise<string> {
  const { page, panel } = await s.openTicket(`${desk.baseUrl}/tickets/${ticket}`);
  await waitForSuggestion(panel, 'reply-draft');
  const value = await panel.getByTestId('field-input-reply').inputValue();
  await page.close();
  return value;
}

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer();
  session = await launch();
});
beforeEach(async () => {
  await fetch(`${desk.baseUrl}/api/reset`, { method: 'POST' });
  ai.script(null);
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
  console.log(
    `no data loss: ${figures.scenarios} scenarios, ${figures.recordsChecked} records checked, ${figures.lost} lost`,
  );
});

test('a tab closed right after typing: the text is back in a new tab', async () => {
  const typed = 'Hi Maya, the warehouse confirmed your shoes left today; tracking updates tonight.';
  const { page } = await typeReply(session, 1001, typed);
  await page.close({ runBeforeUnload: true });
  figures.scenarios++;
  const back = await replyAfterReopen(session, 1001);
  figures.recordsChecked++;
  if (back !== typed) figures.lost++;
  expect(back).toBe(typed);
});

test('the service worker killed in the middle of a provider call: a clear error, the typed text kept', async () => {
  const typed = 'Hi Priya, QA reproduced the PDF crash on 4.2.1; a fix ships this week.';
  const { page, panel } = await typeReply(session, 1003, typed);
  // Now point at an endpoint that never answers, and start a run.
  ai.script((r) => (r.path.endsWith('/chat/completions') ? { kind: 'hang' } : undefined));
  await setProvider(session, {
    kind: 'openai',
    baseUrl: ai.baseUrl,
    model: 'gpt-4.1-mini',
    timeoutMs: 60_000,
  });
  await panel.getByTestId('regenerate-all').click();
  await expect
    .poll(() => ai.requests.filter((r) => r.path.endsWith('/chat/completions')).length, { timeout: 15_000 })
    .toBeGreaterThan(0);

  // Stop every service worker of the extension through the DevTools protocol, mid-call.
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const cdp = await session.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  figures.scenarios++;

  // The panel says what happened instead of spinning forever, and the text is still there.
  await panel.getByTestId('panel-error').waitFor({ timeout: 30_000 });
  expect(await panel.getByTestId('panel-error').textContent()).toMatch(/\S{10,}/);
  expect(await panel.getByTestId('field-input-reply').inputValue()).toBe(typed);
  await page.close();
  await options.close();

  // The worker comes back on the next message; the draft comes back on the next visit.
  ai.script(null);
  await setProvider(session, { kind: 'local' });
  const back = await replyAfterReopen(session, 1003);
  figures.recordsChecked++;
  if (back !== typed) figures.lost++;
  expect(back).toBe(typed);
});

test('a browser restart: drafts come back', async () => {
  const typed = 'Hi Kenji, we will exchange the jacket for size L, order A-10663.';
  const { page } = await typeReply(session, 1006, typed);
  await expect.poll(() => page.frames().length).toBeGreaterThan(1);
  await new Promise((r) => setTimeout(r, 600)); // past the autosave debounce, like a person finishing a sentence
  const profileDir = session.profileDir;
  await session.context.close();
  figures.scenarios++;
  session = await launch({ profileDir });
  const back = await replyAfterReopen(session, 1006);
  figures.recordsChecked++;
  if (back !== typed) figures.lost++;
  expect(back).toBe(typed);
});

test('five tabs recording corrections at once lose none', async () => {
  const tabs = await Promise.all(
    [1001, 1002, 1003, 1006, 1009].map((t) => session.openTicket(`${desk.baseUrl}/tickets/${t}`)),
  );
  const perTab = 20;
  const before = await countCorrections(session);
  await Promise.all(
    tabs.map(({ panel }, tab) =>
      panel.evaluate(
        async ({ tab, perTab }) => {
          const api = (globalThis as unknown as { chrome: Chrome }).chrome;
          const sends = [];
          for (let i = 0; i < perTab; i++) {
            const suggestion = {
              id: `s-${tab}-${i}`,
              templateId: 'triage',
              templateVersion: 1,
              site: 'demo',
              ticketKey: `load-${tab}-${i}`,
              contextHash: 'x',
              provider: { kind: 'local', model: 'local' },
              createdAt: Date.now(),
              fields: {
                category: {
                  value: 'shipping',
                  status: 'filled',
                  evidence: [],
                  confidence: 0.8,
                  source: 'local',
                },
                priority: {
                  value: 'normal',
                  status: 'filled',
                  evidence: [],
                  confidence: 0.8,
                  source: 'local',
                },
              },
              risks: [],
            };
            sends.push(
              api.runtime.sendMessage({
                name: 'corrections.record',
                payload: {
                  suggestion,
                  kept: { category: i % 2 ? 'refund' : 'shipping', priority: 'high' },
                  text: `Ticket ${tab}-${i}: where is my parcel?`,
                  enumFields: ['category', 'priority'],
                },
              }),
            );
          }
          const replies = (await Promise.all(sends)) as { ok: boolean }[];
          return replies.filter((r) => r.ok).length;
        },
        { tab, perTab },
      ),
    ),
  );
  const after = await countCorrections(session);
  const expected = tabs.length * perTab * 2;
  figures.scenarios++;
  figures.recordsChecked += expected;
  figures.lost += Math.max(0, expected - (after - before));
  expect(after - before).toBe(expected);
  for (const { page } of tabs) await page.close();
});

/** Count rows in the extension's IndexedDB from an extension page. */
async function countCorrections(s: Session): Promise<number> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const n = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onsuccess = () => {
          const req = open.result.transaction('corrections').objectStore('corrections').count();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await page.close();
  return n;
}
