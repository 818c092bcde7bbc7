import { readFileSync } from 'node:fs';
import type { Frame, Page, Worker } from 'playwright-core';

/** The panel's field card for a template field. */
export function field(panel: Frame, id: string) {
  return panel.getByTestId(`field-${id}`);
}

/** Wait until the panel shows a suggestion for the template (no run in progress, fields present). */
export async function waitForSuggestion(panel: Frame, templateId?: string): Promise<void> {
  if (templateId) {
    await panel.getByTestId('template-select').waitFor();
    const current = await panel.getByTestId('template-select').inputValue();
    if (current !== templateId) await panel.getByTestId('template-select').selectOption(templateId);
  }
  await panel.locator('.fields .field').first().waitFor({ timeout: 30_000 });
  await panel.waitForFunction(() => !document.querySelector('[data-testid="cancel-run"]'), undefined, {
    timeout: 30_000,
  });
  await panel.waitForFunction(
    () => document.querySelectorAll('[data-testid="field-status"][data-status="empty"]').length === 0,
    undefined,
    { timeout: 30_000 },
  );
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const axeSource = () => readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/**
 * Run axe-core in a page or frame. Extension pages forbid inline scripts (CSP), so the source is
 * evaluated through the DevTools protocol instead of a script tag.
 */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  const loaded = await target.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await target.evaluate(axeSource());
  return target.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Only what the issue forbids: serious and critical violations. */
export function seriousOrCritical(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Rows of a table of the extension's database, read in the service worker (where records live). */
export async function recordsIn(worker: Worker, table: string): Promise<Record<string, unknown>[]> {
  return worker.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as Record<string, unknown>[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}
