import { browser } from 'wxt/browser';
import { emit } from '../messaging/emit';
import { getEffectiveSettings, type PolicyLayer, setPolicyProvider } from '../settings/effective';
import {
  computeSiteRules,
  missingHostPermissions,
  ruleOrigins,
  syncContentScripts,
} from '../sites/registration';
import { onSettingsSaved, setPolicyStatusProvider, setSaveLayerProvider } from './service';
import { type EvaluatedPolicy, evaluatePolicy, SAFE_POLICY } from './validate';
import type { PolicyStatus } from './view';

/** storage.session key of the last policy read: used until the first managed read answers. */
const CACHE_KEY = 'policy.lastKnown';

/** Origins the manifest grants: no need to ask for them (wxt.config.ts host_permissions). */
function manifestHosts(): string[] {
  return (browser.runtime.getManifest().host_permissions ?? []) as string[];
}

interface PolicyState {
  policy: EvaluatedPolicy;
  /** The managed area has not answered yet in this background's life. */
  pending: boolean;
  missingHostPermissions: string[];
}

let state: PolicyState = {
  policy: { present: false, valid: true, errors: [], ...SAFE_POLICY },
  pending: true,
  missingHostPermissions: [],
};
/** While pending with nothing known, refusing saves would refuse for a policy that may not exist. */
let knownLayer: PolicyLayer | undefined;

/** The policy in force (background only). */
export function currentPolicy(): EvaluatedPolicy {
  return state.policy;
}

function status(): PolicyStatus {
  const { policy } = state;
  return {
    present: policy.present,
    valid: policy.valid,
    errors: policy.errors,
    pending: state.pending,
    missingHostPermissions: state.missingHostPermissions,
  };
}

let syncing: Promise<unknown> = Promise.resolve();

/**
 * Bring the registered site scripts in line with the effective settings and the policy. Serialized:
 * two overlapping syncs would unregister each other's scripts.
 */
export function syncSites(): Promise<unknown> {
  syncing = syncing
    .catch(() => {})
    .then(async () => {
      // Before any policy is known, a site the policy blocks could get a script: wait for the read.
      if (knownLayer === undefined) return;
      const rules = computeSiteRules(await getEffectiveSettings(), state.policy.sites);
      await syncContentScripts(rules);
      const granted = manifestHosts();
      const needed = ruleOrigins(rules).filter((o) => !granted.includes(o));
      state = { ...state, missingHostPermissions: await missingHostPermissions(needed) };
    });
  return syncing;
}

function apply(raw: unknown, pending: boolean): void {
  state = { ...state, policy: evaluatePolicy(raw), pending };
  knownLayer = state.policy.layer;
}

/** Read storage.managed now and apply it: sites re-synced, open pages told. Values are never logged. */
export async function readManagedPolicy(): Promise<void> {
  let raw: unknown = {};
  try {
    raw = await browser.storage.managed.get();
  } catch {
    // Firefox without a policies.json entry (or a browser without the managed area): no policy.
    raw = {};
  }
  const before = JSON.stringify(state.policy);
  apply(raw, false);
  await browser.storage.session.set({ [CACHE_KEY]: raw }).catch(() => {});
  await syncSites().catch(() => {
    // The message names no value: policy content is never logged.
    console.warn('Deskmate: site scripts could not be synced with the policy.');
  });
  if (JSON.stringify(state.policy) !== before) emit('settings.changed', { reason: 'policy' });
}

let firstRead: Promise<void> | undefined;

/**
 * Start following the managed policy (background only). Never blocks: until the first managed read
 * answers (2.8-5 s after a browser launch), the last policy cached in storage.session applies, or
 * SAFE_POLICY when none is known.
 */
export function startPolicy(): Promise<void> {
  setPolicyProvider(() => state.policy.layer);
  setPolicyStatusProvider(status);
  setSaveLayerProvider(() => knownLayer ?? { values: {}, locked: [] });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void readManagedPolicy();
  });
  // A host granted from the options page (or by the admin) changes which sites lack access.
  browser.permissions?.onAdded?.addListener(() => {
    void syncSites().then(() => emit('settings.changed', { reason: 'policy' }));
  });
  onSettingsSaved(() => {
    void syncSites();
    emit('settings.changed', { reason: 'user' });
  });
  firstRead = (async () => {
    const stored: Record<string, unknown> = await browser.storage.session.get(CACHE_KEY).catch(() => ({}));
    const cached = stored[CACHE_KEY];
    if (cached !== undefined && state.pending) apply(cached, true);
    await readManagedPolicy();
  })();
  return firstRead;
}
