import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, Settings } from './schema';

const KEY = 'settings';

/** What the user saved (storage.local), validated; invalid or missing parts fall back to defaults. */
export async function getUserSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  const parsed = Settings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Validate then save the user's settings whole: nothing half-applied. Throws ZodError when invalid. */
export async function saveUserSettings(next: unknown): Promise<Settings> {
  const settings = Settings.parse(next);
  await browser.storage.local.set({ [KEY]: settings });
  return settings;
}

/**
 * The settings in force. Background only. Managed policy precedence is added by lib/policy
 * (locked policy > user > policy default > built-in default).
 */
export async function getEffectiveSettings(): Promise<Settings> {
  return getUserSettings();
}
