import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, type Session } from './harness';

/** Chromium (Debian) reads mandatory policies from here; the tests run as root, as CI does. */
export const POLICY_DIR = process.env.DESKMATE_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface PolicyFile {
  path: string;
  /** Replace the values (Chromium notices the change and storage.managed fires onChanged). */
  write(values: unknown): void;
  remove(): void;
}

/**
 * Write a managed policy for Deskmate (the `3rdparty` extension policy Chrome passes to
 * storage.managed). Every Chromium launched while it exists sees it: keep it for one test file only
 * and remove it in afterAll (remove() is idempotent).
 */
/** Is a process with this id running? (kill 0 only checks.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove policy files left by a test run that was killed before its afterAll (they would leak into every later run). */
function removeOrphans(): void {
  for (const name of readdirSync(POLICY_DIR)) {
    const pid = /^deskmate-e2e-(\d+)-[0-9a-f]+\.json$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(POLICY_DIR, name), { force: true });
  }
}

export function writePolicy(values: unknown): PolicyFile {
  mkdirSync(POLICY_DIR, { recursive: true });
  removeOrphans();
  const path = join(POLICY_DIR, `deskmate-e2e-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  const write = (next: unknown) =>
    writeFileSync(path, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: next } } }));
  write(values);
  return { path, write, remove: () => rmSync(path, { force: true }) };
}

/** Send a background message from an extension page, as the options page does. Returns the reply. */
// biome-ignore lint/suspicious/noExplicitAny: a reply of any message; the tests' assertions check its shape.
export async function sendFrom(page: Page, name: string, payload: unknown): Promise<any> {
  return page.evaluate(
    ([n, p]) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ name: n, payload: p }),
    [name, payload] as const,
  );
}

/** Open the options page (optionally at a section). */
export async function openOptions(session: Session, section = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html${section ? `#${section}` : ''}`);
  return page;
}

/** Poll settings.get until the managed policy has been read (the first read takes seconds). */
// biome-ignore lint/suspicious/noExplicitAny: the SettingsView as JSON; the tests' assertions check it.
export async function waitForPolicyRead(page: Page, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  let last: any;
  while (Date.now() < deadline) {
    last = await sendFrom(page, 'settings.get', {});
    if (last?.ok && !last.data.policy.pending && last.data.policy.present) return last.data;
    await page.waitForTimeout(200);
  }
  throw new Error(`The managed policy was not read in time (last: ${JSON.stringify(last?.data?.policy)})`);
}
