import { z } from 'zod';
import { ProviderSettings, Settings } from '../settings/schema';

/**
 * Where an effective value came from, per dotted path (precedence: locked policy > user > policy
 * default > built-in default).
 */
export const SettingSource = z.enum(['locked', 'user', 'policy-default', 'default']);
export type SettingSource = z.infer<typeof SettingSource>;

/** Provider settings as trusted pages see them: the key never leaves the background. */
export const PublicProviderSettings = ProviderSettings.omit({ apiKey: true }).extend({
  /** A key is configured (by the user or the policy); its value is never sent. */
  hasApiKey: z.boolean(),
});

/** The effective settings without secrets. */
export const PublicSettings = Settings.extend({ provider: PublicProviderSettings });
export type PublicSettings = z.infer<typeof PublicSettings>;

/** What the options page needs to know about the managed policy; never its values. */
export const PolicyStatus = z.object({
  /** The admin set a policy (storage.managed is not empty). */
  present: z.boolean(),
  valid: z.boolean(),
  /** `path: what is wrong`, never the value the admin sent. */
  errors: z.array(z.string()),
  /** The managed area has not answered yet: values come from the last known policy or safe defaults. */
  pending: z.boolean().default(false),
  /** Sites the policy adds or allows that the extension may not open (no host permission). */
  missingHostPermissions: z.array(z.string()).default([]),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

/** Answer of `settings.get` and `settings.save`. */
export const SettingsView = z.object({
  settings: PublicSettings,
  sources: z.record(z.string(), SettingSource),
  /** Dotted paths the user cannot change (a path locks everything under it). */
  locked: z.array(z.string()),
  policy: PolicyStatus,
});
export type SettingsView = z.infer<typeof SettingsView>;

/**
 * A change to the user's settings: a deep partial of Settings. Objects merge, arrays and other values
 * replace, `null` removes the user's value (back to the policy default or built-in default).
 * `provider.apiKey` is written only through this message.
 */
export const SettingsPatch = z.object({
  patch: z.record(z.string(), z.unknown()),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Is `path` locked by one of `locked` (a locked path locks everything under it)? */
export function isLocked(locked: readonly string[], path: string): boolean {
  return locked.some((l) => path === l || path.startsWith(`${l}.`));
}
