import { browser } from 'wxt/browser';
import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { getPath, isPlainObject } from '../policy/paths';
import { currentPolicyLayer, getEffectiveSettings } from '../settings/effective';
import { type AgentIdentity, generatePseudonym, PSEUDONYM, resolveAgentId } from './identity';

/** storage.local key of this browser's pseudonym, generated once and kept (not a setting: never synced). */
const PSEUDONYM_KEY = 'team.pseudonym';

let pending: Promise<string> | undefined;

/** This browser's pseudonym, generated on first use; one promise so two first callers get the same one. */
export function browserPseudonym(): Promise<string> {
  pending ??= (async () => {
    const stored = (await browser.storage.local.get(PSEUDONYM_KEY))[PSEUDONYM_KEY];
    if (typeof stored === 'string' && PSEUDONYM.test(stored)) return stored;
    const fresh = generatePseudonym();
    await browser.storage.local.set({ [PSEUDONYM_KEY]: fresh });
    return fresh;
  })().catch((error) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/** The agent id in force: the effective `team.agentId` under the policy's rules, else the pseudonym. */
export async function agentIdentity(): Promise<AgentIdentity> {
  const [settings, pseudonym] = await Promise.all([getEffectiveSettings(), browserPseudonym()]);
  const team = getPath(currentPolicyLayer().values, 'team');
  return resolveAgentId(settings.team.agentId, isPlainObject(team) ? team : {}, pseudonym);
}

/** team.identity (lib/team/messages.ts). */
export const teamHandlers: Partial<Handlers<typeof backgroundMessages>> = {
  'team.identity': () => agentIdentity(),
};
