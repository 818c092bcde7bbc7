import {
  currentPolicyLayer,
  getUserOverrides,
  type PolicyLayer,
  resolveSettings,
  saveUserPatch,
} from '../settings/effective';
import type { Json } from './paths';
import { isLocked, type PolicyStatus, type SettingsView } from './view';

let statusProvider: () => PolicyStatus = () => ({
  present: false,
  valid: true,
  errors: [],
  pending: false,
  missingHostPermissions: [],
});

/** lib/policy/read.ts installs the live policy status here. */
export function setPolicyStatusProvider(provider: () => PolicyStatus): void {
  statusProvider = provider;
}

let saveLayer: () => PolicyLayer = currentPolicyLayer;

/**
 * lib/policy/read.ts installs the layer saves are checked against: while the managed area has not
 * answered and no policy is known, no locks (the real policy's locks still win when it arrives).
 */
export function setSaveLayerProvider(provider: () => PolicyLayer): void {
  saveLayer = provider;
}

/** Effective settings without the key, with where each value came from and what is locked. */
export async function getSettingsView(): Promise<SettingsView> {
  const policy = currentPolicyLayer();
  const { settings, sources } = resolveSettings(await getUserOverrides(), policy);
  const { apiKey, ...provider } = settings.provider;
  // The key's path is reported as `provider.hasApiKey`: where it comes from, never what it is.
  const { 'provider.apiKey': keySource, ...otherSources } = sources;
  return {
    settings: { ...settings, provider: { ...provider, hasApiKey: Boolean(apiKey) } },
    sources: {
      ...otherSources,
      'provider.hasApiKey': keySource ?? (isLocked(policy.locked, 'provider.apiKey') ? 'locked' : 'default'),
    },
    locked: [...policy.locked],
    policy: statusProvider(),
  };
}

/** Validate and save a change to the user's settings, then answer like settings.get. */
export async function saveSettings(patch: Json): Promise<SettingsView> {
  await saveUserPatch(patch, saveLayer());
  const view = await getSettingsView();
  for (const listener of savedListeners) listener();
  return view;
}

const savedListeners = new Set<() => void>();

/** Run `listener` after every successful settings.save (site re-sync, open pages refresh). */
export function onSettingsSaved(listener: () => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}
