import { browser } from 'wxt/browser';
import { DeskmateError } from '../messaging/envelope';
import {
  deepMerge,
  getPath,
  hasPath,
  isPlainObject,
  type Json,
  jsonEqual,
  leaves,
  pruneEmpty,
  setPath,
} from '../policy/paths';
import { isLocked, type SettingSource } from '../policy/view';
import { DEFAULT_SETTINGS, Settings } from './schema';

/** storage.local key of the user's own values: only what differs from the policy default / built-in. */
const KEY = 'settings';

/**
 * The policy as precedence sees it: `values` are the admin's values (defaults unless locked), `locked`
 * the dotted paths the user cannot change (a locked path with no admin value locks the built-in one).
 */
export interface PolicyLayer {
  values: Json;
  locked: string[];
}

export const NO_POLICY: PolicyLayer = { values: {}, locked: [] };

export interface ResolvedSettings {
  settings: Settings;
  sources: Record<string, SettingSource>;
}

/** Remove every leaf of `value` that lies under a locked path. */
function withoutLocked(value: Json, locked: readonly string[]): Json {
  let out = value;
  for (const [path] of leaves(value)) if (isLocked(locked, path)) out = setPath(out, path, undefined);
  for (const path of locked) if (getPath(out, path) !== undefined) out = setPath(out, path, undefined);
  return pruneEmpty(out);
}

/** Built-in defaults with the admin's values on top: what the user gets without values of their own. */
function policyBase(policy: PolicyLayer): Json {
  return deepMerge(DEFAULT_SETTINGS as unknown as Json, policy.values);
}

function merge(user: Json, policy: PolicyLayer): Json {
  const base = policyBase(policy);
  let merged = deepMerge(base, withoutLocked(user, policy.locked));
  // A locked path takes the admin's value, or the built-in one when the admin locked without a value.
  for (const path of policy.locked) merged = setPath(merged, path, structuredClone(getPath(base, path)));
  return merged;
}

/**
 * Precedence, per dotted path: locked policy > user setting > policy default > built-in default.
 * Pure: the background passes the policy in force (lib/policy/read.ts) and the user's stored values.
 */
export function resolveSettings(user: Json, policy: PolicyLayer): ResolvedSettings {
  const userAllowed = withoutLocked(user, policy.locked);
  let parsed = Settings.safeParse(merge(user, policy));
  // The user's values are validated on save; if they no longer fit, the policy's still apply.
  if (!parsed.success) parsed = Settings.safeParse(merge({}, policy));
  const settings = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  const sources: Record<string, SettingSource> = {};
  for (const [path] of leaves(settings)) {
    if (isLocked(policy.locked, path)) sources[path] = 'locked';
    else if (hasPath(userAllowed, path)) sources[path] = 'user';
    else if (hasPath(policy.values, path)) sources[path] = 'policy-default';
    else sources[path] = 'default';
  }
  return { settings, sources };
}

/** The user's own values (storage.local); not an object, or invalid: none. */
export async function getUserOverrides(): Promise<Json> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  if (!isPlainObject(stored)) return {};
  return Settings.safeParse(deepMerge(DEFAULT_SETTINGS as unknown as Json, stored)).success ? stored : {};
}

/** The user's settings without any policy (built-in defaults under the user's values). */
export async function getUserSettings(): Promise<Settings> {
  return resolveSettings(await getUserOverrides(), NO_POLICY).settings;
}

/**
 * Apply `patch` (a deep partial; `null` removes the user's value) to the user's values and save them.
 * Validates the whole result first: nothing half-applied. A change to a locked path is refused with a
 * `policy` error naming the paths; sending a locked path's current value unchanged is accepted (forms
 * send whole sections). Values equal to what the user would get anyway are not stored, so a later
 * admin default is not hidden by a copy of the old one.
 */
export async function saveUserPatch(patch: Json, policy: PolicyLayer = NO_POLICY): Promise<Json> {
  const current = await getUserOverrides();
  const effective = resolveSettings(current, policy).settings;
  const refused = leaves(patch)
    .filter(([path, value]) => value !== null && isLocked(policy.locked, path))
    .filter(([path, value]) => !jsonEqual(getPath(effective, path), value))
    .map(([path]) => path);
  if (refused.length > 0) {
    throw new DeskmateError(
      'policy',
      `Managed by your organization, cannot be changed: ${refused.join(', ')}.`,
    );
  }
  const next = deepMerge(current, withoutLocked(patch, policy.locked));
  // Throws ZodError (-> invalid_request) before anything is written.
  Settings.parse(merge(next, policy));
  const base = policyBase(policy);
  let stored = next;
  for (const [path, value] of leaves(next)) {
    if (jsonEqual(getPath(base, path), value)) stored = setPath(stored, path, undefined);
  }
  stored = pruneEmpty(stored);
  await browser.storage.local.set({ [KEY]: stored });
  return stored;
}

/** Validate then replace the user's settings whole (no policy). Throws ZodError when invalid. */
export async function saveUserSettings(next: unknown): Promise<Settings> {
  const settings = Settings.parse(next);
  await browser.storage.local.remove(KEY);
  await saveUserPatch(settings as unknown as Json, NO_POLICY);
  return settings;
}

let policyProvider: () => PolicyLayer = () => NO_POLICY;

/** lib/policy/read.ts installs the policy in force here (background only). */
export function setPolicyProvider(provider: () => PolicyLayer): void {
  policyProvider = provider;
}

/** The policy layer in force now (no policy outside the background). */
export function currentPolicyLayer(): PolicyLayer {
  return policyProvider();
}

/** The settings in force. Background only: locked policy > user > policy default > built-in default. */
export async function getEffectiveSettings(): Promise<Settings> {
  return resolveSettings(await getUserOverrides(), currentPolicyLayer()).settings;
}
