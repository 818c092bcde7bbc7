/**
 * End-to-end overhead (`npm run bench:overhead`): Deskmate's own time around a model call, in real
 * Chromium against the local OpenAI-protocol server (test/openai-server/server.ts), target < 30 ms each:
 * - from the agent's click (Regenerate in the docked panel) to the request reaching the server;
 * - from the last streamed byte leaving the server to the fields shown in the panel (the run is over
 *   and the field inputs are on screen).
 * A pass-through proxy in front of the server timestamps the request's arrival and the response's last
 * byte; the panel's clock is aligned with Node's by round trips (uncertainty printed). When the panel UI
 * cannot be driven, it falls back to sending `suggest.run` from the panel page and says so.
 *   RUNS=10 npm run bench:overhead
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Frame } from 'playwright-core';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { launch } from '../e2e/harness';
import { startOpenAIServer } from '../openai-server/server';
import { ensureBuild, machineLine, summary } from './common';

const RUNS = Number(process.env.RUNS ?? 10);
const TICKET = process.env.TICKET ?? '1002';

/** Node's clock in epoch milliseconds with sub-millisecond resolution, like the page's below. */
const now = () => performance.timeOrigin + performance.now();

interface Exchange {
  path: string;
  /** The request's headers arrived at the proxy. */
  received: number;
  /** The response's last byte was handed to the browser's socket. */
  lastByte?: number;
  /** The answer came as a server-sent event stream. */
  streamed?: boolean;
}

/** A pass-through HTTP proxy that timestamps every exchange. */
async function startTimingProxy(upstream: string) {
  const target = new URL(upstream);
  const exchanges: Exchange[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const exchange: Exchange = { path: req.url ?? '/', received: now() };
    exchanges.push(exchange);
    const up = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        exchange.streamed = String(upRes.headers['content-type'] ?? '').includes('event-stream');
        upRes.on('data', (chunk: Buffer) => {
          res.write(chunk);
          exchange.lastByte = now();
        });
        upRes.on('end', () => res.end());
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    exchanges,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Page clock minus Node clock, from the round trip with the smallest delay; ± half that delay. */
async function clockOffset(frame: Frame): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 15; i++) {
    const before = now();
    const page = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const after = now();
    const half = (after - before) / 2;
    if (half < best.uncertainty) best = { offset: page - (before + half), uncertainty: half };
  }
  return best;
}

/** The panel shows a finished run: no Cancel button, field inputs present, Regenerate enabled. */
async function waitIdle(panel: Frame, timeout = 60_000): Promise<void> {
  await panel.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="regenerate-all"]');
      return (
        !document.querySelector('[data-testid="cancel-run"]') &&
        document.querySelector('[data-testid^="field-input-"]') &&
        button &&
        !button.disabled
      );
    },
    null,
    { timeout },
  );
}

/** Click Regenerate and note, in the panel's clock, the click and the first moment the fields show again. */
async function clickAndWatch(panel: Frame): Promise<{ click: number; shown: number }> {
  await panel.evaluate(() => {
    const state = { click: 0, busy: false, shown: 0 };
    (window as unknown as { __deskmateOverhead: typeof state }).__deskmateOverhead = state;
    const observer = new MutationObserver(() => {
      const t = performance.timeOrigin + performance.now();
      const running = Boolean(document.querySelector('[data-testid="cancel-run"]'));
      if (running) state.busy = true;
      else if (state.busy && document.querySelector('[data-testid^="field-input-"]')) {
        state.shown = t;
        observer.disconnect();
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    state.click = performance.timeOrigin + performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid="regenerate-all"]')!.click();
  });
  await panel.waitForFunction(
    () => (window as unknown as { __deskmateOverhead: { shown: number } }).__deskmateOverhead.shown > 0,
    null,
    { timeout: 60_000 },
  );
  return panel.evaluate(() => {
    const s = (window as unknown as { __deskmateOverhead: { click: number; shown: number } })
      .__deskmateOverhead;
    return { click: s.click, shown: s.shown };
  });
}

/** Fallback without the panel UI: send suggest.run from the panel page, time send and reply. */
async function sendAndWait(
  panel: Frame,
  tabId: number,
): Promise<{ click: number; shown: number; ok: boolean; error?: string }> {
  return panel.evaluate(async (tab) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const read = (await api.tabs.sendMessage(tab, { name: 'context.read', payload: {} }, { frameId: 0 })) as {
      ok: boolean;
      data?: { ok: boolean; context?: unknown };
    };
    const context = read?.data?.context;
    if (!context) {
      const none = performance.timeOrigin + performance.now();
      return { click: none, shown: none, ok: false, error: 'the content script did not answer context.read' };
    }
    const list = (await api.runtime.sendMessage({ name: 'templates.list', payload: { context } })) as
      | { data?: { templates: { id: string }[]; suggestedId?: string } }
      | undefined;
    const templateId = list?.data?.suggestedId ?? list?.data?.templates[0]?.id ?? 'triage';
    const payload = { requestId: `bench-${Date.now()}`, context, templateId };
    const click = performance.timeOrigin + performance.now();
    const reply = (await api.runtime.sendMessage({ name: 'suggest.run', payload })) as {
      ok: boolean;
      error?: { message: string };
    };
    const shown = performance.timeOrigin + performance.now();
    return { click, shown, ok: reply?.ok === true, error: reply?.error?.message };
  }, tabId);
}

async function main(): Promise<void> {
  ensureBuild();
  console.log(`End-to-end overhead (headless Chromium, local OpenAI-protocol server, ${RUNS} runs, medians)`);
  console.log(machineLine());
  const desk = await startDemoDesk();
  const server = await startOpenAIServer();
  const proxy = await startTimingProxy(server.baseUrl);
  const session = await launch();
  try {
    // The provider is the local OpenAI-protocol server (through the timing proxy).
    await session.worker.evaluate(async (baseUrl) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      await api.storage.local.set({
        settings: { provider: { kind: 'openai', baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-bench' } },
      });
    }, proxy.baseUrl);
    const url = `${desk.baseUrl}/tickets/${TICKET}`;
    const { panel } = await session.openTicket(url);
    let mode: 'ui' | 'message' = 'ui';
    try {
      // The panel fills the template on open: that first run is the warm-up.
      await waitIdle(panel);
    } catch {
      mode = 'message';
    }
    const tabId = await session.worker.evaluate(async (u) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      return (await api.tabs.query({})).find((t) => t.url === u)?.id ?? -1;
    }, url);
    const { offset, uncertainty } = await clockOffset(panel);
    const toServer: number[] = [];
    const toFields: number[] = [];
    const perRun: number[] = [];
    const problems: string[] = [];
    let streamed = 0;
    if (mode === 'message') await sendAndWait(panel, tabId); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const from = proxy.exchanges.length;
      let times: { click: number; shown: number };
      try {
        if (mode === 'ui') {
          times = await clickAndWatch(panel);
          await waitIdle(panel);
        } else {
          const r = await sendAndWait(panel, tabId);
          if (!r.ok) problems.push(r.error ?? 'suggest.run failed');
          times = r;
        }
      } catch (error) {
        problems.push(`run ${i + 1}: ${String(error).split('\n')[0]}`);
        continue;
      }
      const chats = proxy.exchanges.slice(from).filter((e) => e.path.includes('/chat/completions'));
      const first = chats[0];
      const last = chats.at(-1);
      perRun.push(chats.length);
      if (chats.some((c) => c.streamed)) streamed++;
      if (!first || !last?.lastByte) {
        problems.push(`run ${i + 1}: no request reached the server`);
        continue;
      }
      toServer.push(first.received - (times.click - offset));
      toFields.push(times.shown - offset - last.lastByte);
    }
    const shownWhat =
      mode === 'ui'
        ? 'fields shown in the panel (run over, field inputs rendered)'
        : 'reply received in the panel page (panel UI not driven: suggest.run sent directly)';
    console.log(
      `  path: ${mode === 'ui' ? 'click on Regenerate in the docked panel' : 'suggest.run message from the panel page'}`,
    );
    console.log(
      `  ticket: ${url}; requests per run: ${perRun.join(', ') || 'none'}; streamed answers in ${streamed}/${RUNS} runs`,
    );
    console.log(`  click -> request at the server: ${summary(toServer)}  (target < 30 ms)`);
    console.log(`  last streamed byte -> ${shownWhat}: ${summary(toFields)}  (target < 30 ms)`);
    console.log(`  clock alignment between the panel and Node: ±${uncertainty.toFixed(2)} ms`);
    for (const p of [...new Set(problems)]) console.log(`  problem: ${p}`);
    if (toServer.length === 0) process.exitCode = 1;
  } finally {
    await session.close();
    await proxy.close();
    await server.close();
    await desk.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
