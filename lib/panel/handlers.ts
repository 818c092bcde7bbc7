import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { dexieDraftStore } from './drafts';

/** Drafts read and written for the panel, in the background's database. */
export const panelHandlers: Partial<Handlers<typeof backgroundMessages>> = {
  'drafts.get': async ({ id }) => ({ draft: (await dexieDraftStore().get(id)) ?? null }),
  'drafts.put': async ({ draft }) => {
    await dexieDraftStore().put(draft);
    return { saved: true as const };
  },
  'drafts.forTicket': async ({ ticketHash }) => ({ drafts: await dexieDraftStore().forTicket(ticketHash) }),
};
