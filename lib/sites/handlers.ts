import type { BackgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { currentPolicy } from '../policy/read';
import { getEffectiveSettings } from '../settings/effective';
import { type GenericDeskConfig, validateGenericDesk } from './generic/config';
import { urlMatches } from './generic/match';

/**
 * The described desks (the organization's from policy, then the user's) that apply to a page. Invalid
 * ones are skipped here; the options page and the policy report already said what is wrong with them.
 */
export async function genericDesksFor(url: string | undefined): Promise<GenericDeskConfig[]> {
  if (!url) return [];
  const settings = await getEffectiveSettings();
  const described = [...currentPolicy().sites.desks, ...settings.sites.genericDesks];
  const out: GenericDeskConfig[] = [];
  for (const desk of described) {
    const checked = validateGenericDesk(desk);
    if (checked.ok && checked.config.matches.some((m) => urlMatches(m, url))) out.push(checked.config);
  }
  return out;
}

export const sitesHandlers: Partial<Handlers<BackgroundMessages>> = {
  'sites.genericDesks': async (_payload, sender) => ({ desks: await genericDesksFor(sender.url) }),
};
