import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/**
 * The real desks for the sites end-to-end tests, installed and started by the project's own scripts
 * (scripts/desks/setup-*.sh: Debian packages, SQLite, loopback). As root they are (re)started here,
 * which is fast when already running; otherwise the tests are skipped with this reason.
 */
export interface DeskState {
  ok: boolean;
  reason: string;
  env: Record<string, string>;
}

function readEnv(file: string): Record<string, string> | undefined {
  try {
    return Object.fromEntries(
      readFileSync(`.desk-state/${file}`, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  } catch {
    return undefined;
  }
}

export function ensureDesk(script: 'setup-rt5.sh' | 'setup-redmine.sh', envFile: string): DeskState {
  const root = process.getuid?.() === 0;
  if (!root) {
    return {
      ok: false,
      reason: `not root: ${script} installs the desk with apt-get (run the tests as root, as CI does)`,
      env: {},
    };
  }
  try {
    execFileSync('sh', [`scripts/desks/${script}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 900_000,
    });
  } catch (error) {
    // Root on a machine where the desk cannot be installed: that is a failure, not a skip.
    throw new Error(`${script} failed: ${String(error)}`);
  }
  const env = readEnv(envFile);
  if (!env) throw new Error(`${script} ran but wrote no .desk-state/${envFile}`);
  return { ok: true, reason: '', env };
}

/**
 * Send a tab message from the docked panel (an extension page, so the content script sees a `panel`
 * sender) to the desk page it is docked in.
 */
export async function askTab<T>(panel: Frame, page: Page, name: string, payload: unknown): Promise<T> {
  const reply = await panel.evaluate(
    async ({ name, payload, url }) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      const tabs = await api.tabs.query({});
      const tab = tabs.find((t) => t.url === url);
      if (!tab?.id) throw new Error(`no tab for ${url}`);
      return api.tabs.sendMessage(tab.id, { name, payload }, { frameId: 0 });
    },
    { name, payload, url: page.url() },
  );
  const envelope = reply as { ok: boolean; data?: T; error?: { message: string } };
  if (!envelope?.ok) throw new Error(`${name} failed: ${envelope?.error?.message ?? 'no answer'}`);
  return envelope.data as T;
}
