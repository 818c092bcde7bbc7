import type { Draft } from '../db/db';
import { send } from '../messaging/client';
import type { DraftStore } from './drafts';

/** Drafts kept by the background (messages drafts.get / drafts.put / drafts.forTicket). */
export function backgroundDraftStore(): DraftStore {
  return {
    async get(id) {
      return ((await send('drafts.get', { id })).draft ?? undefined) as Draft | undefined;
    },
    async put(draft) {
      await send('drafts.put', { draft });
    },
    async forTicket(ticketHash) {
      return (await send('drafts.forTicket', { ticketHash })).drafts as Draft[];
    },
  };
}
