import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page, type Worker } from 'playwright-core';

/** The fixed ID from the manifest key (keys/README.md). */
export const EXTENSION_ID = readFileSync('keys/extension-id.txt', 'utf8').trim();

export function extensionDir(): string {
  return resolve(process.env.DESKMATE_OUT_DIR ?? '.output', 'chrome-mv3');
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Flags that keep Chromium off the network here (see ../shared/reference) and load our extension. */
export function chromiumArgs(dir = extensionDir()): string[] {
  return [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    '--disable-quic',
  ];
}

export interface Session {
  context: BrowserContext;
  worker: Worker;
  profileDir: string;
  /** Open a desk page and wait for the docked panel to be there. */
  openTicket(url: string): Promise<{ page: Page; panel: Frame }>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return (
    context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    context.waitForEvent('serviceworker')
  );
}

/** Wait until the background registered the site scripts (it does so on install/startup). */
export async function waitForSiteScripts(worker: Worker, ids: string[] = ['demo']): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    // Runs in the service worker, where `chrome` exists; typed loosely because Node does not have it.
    const registered: string[] = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      return (await api.scripting.getRegisteredContentScripts()).map((s) => s.id);
    });
    if (ids.every((id) => registered.includes(id))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Site scripts ${ids.join(', ')} were not registered in time.`);
}

/** The docked panel's frame in a desk page. */
export async function dockedPanel(page: Page, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page
      .frames()
      .find((f) => f.url().startsWith(`chrome-extension://${EXTENSION_ID}/sidepanel.html`));
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('The docked panel did not appear.');
}

/** Launch Chromium with the built extension in a fresh (or given) profile. */
export async function launch(
  options: { profileDir?: string; args?: string[]; headless?: boolean } = {},
): Promise<Session> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'deskmate-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    viewport: { width: 1400, height: 900 },
    args: [...chromiumArgs(), ...(options.args ?? [])],
  });
  const worker = await serviceWorker(context);
  await waitForSiteScripts(worker);
  return {
    context,
    worker,
    profileDir,
    async openTicket(url) {
      const page = await context.newPage();
      await page.goto(url);
      return { page, panel: await dockedPanel(page) };
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
