import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { StructuredOutput } from '../settings/schema';

/**
 * The structured-output mode each endpoint accepted, remembered so a server that refuses json_schema
 * costs one refused request once, not on every ticket (docs/structured-output.md). Kept in
 * storage.local next to the settings; it is a fact learned about a server, not a setting, so policy
 * does not apply to it (an admin forces a mode with `provider.structuredOutput`).
 */

/** The three ways to ask, best first. */
export const OutputMode = z.enum(['json_schema', 'json_object', 'text']);
export type OutputMode = z.infer<typeof OutputMode>;
export const OUTPUT_MODES: readonly OutputMode[] = OutputMode.options;

export const LearnedOutputMode = z.object({
  mode: OutputMode,
  /** Why the better modes were left, in words for the settings page ("json_schema refused (HTTP 400)"). */
  reason: z.string().max(300).optional(),
  at: z.number(),
});
export type LearnedOutputMode = z.infer<typeof LearnedOutputMode>;

const KEY = 'structuredOutputModes';
/** Endpoints are few; the oldest entries go first beyond this. */
const MAX_ENTRIES = 50;
/**
 * A server gets upgraded: after this long a fallen-back endpoint is offered json_schema again (one
 * request at worst, then remembered anew).
 */
export const LEARNED_MODE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const Store = z.record(z.string(), LearnedOutputMode);

/** One entry per endpoint and model: a proxy may route models to different servers. */
export function endpointKey(baseUrl: string, model: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')} ${model.trim()}`;
}

async function readStore(): Promise<Record<string, LearnedOutputMode>> {
  const parsed = Store.safeParse((await browser.storage.local.get(KEY))[KEY]);
  // Unreadable memory is only a lost optimisation: start again from json_schema.
  return parsed.success ? parsed.data : {};
}

/** The mode this endpoint accepted last, unless it is older than the TTL. */
export async function learnedOutputMode(
  baseUrl: string,
  model: string,
  now = Date.now(),
): Promise<LearnedOutputMode | undefined> {
  const entry = (await readStore())[endpointKey(baseUrl, model)];
  return entry && now - entry.at < LEARNED_MODE_TTL_MS ? entry : undefined;
}

export async function rememberOutputMode(
  baseUrl: string,
  model: string,
  learned: Omit<LearnedOutputMode, 'at'>,
  now = Date.now(),
): Promise<void> {
  const store = await readStore();
  const key = endpointKey(baseUrl, model);
  const previous = store[key];
  // Unchanged and fresh: no write on every ticket.
  if (previous?.mode === learned.mode && now - previous.at < LEARNED_MODE_TTL_MS / 2) return;
  store[key] = { ...learned, at: now };
  const kept = Object.entries(store)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_ENTRIES);
  await browser.storage.local.set({ [KEY]: Object.fromEntries(kept) });
}

/** Forget what was learned for this endpoint: the next suggestion tries json_schema again. */
export async function forgetOutputMode(baseUrl: string, model: string): Promise<void> {
  const store = await readStore();
  const key = endpointKey(baseUrl, model);
  if (!(key in store)) return;
  delete store[key];
  await browser.storage.local.set({ [KEY]: store });
}

/** Calls `listener` when the remembered modes change (the settings page shows them live). */
export function onOutputModesChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/**
 * The modes to try, in order: the admin's or user's choice alone, or (auto) from the remembered mode
 * down. A remembered json_object still falls to text when JSON mode is refused later.
 */
export function modesToTry(setting: StructuredOutput, learned: OutputMode | undefined): OutputMode[] {
  if (setting !== 'auto') return [setting];
  return OUTPUT_MODES.slice(OUTPUT_MODES.indexOf(learned ?? 'json_schema'));
}

/** A mode in the words the settings page uses. */
export function describeOutputMode(mode: OutputMode): string {
  switch (mode) {
    case 'json_schema':
      return 'JSON schema (response_format json_schema)';
    case 'json_object':
      return 'JSON mode (response_format json_object) with the schema in the prompt';
    case 'text':
      return 'plain text with the schema in the prompt';
  }
}
