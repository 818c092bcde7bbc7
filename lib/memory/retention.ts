import type { DeskmateDb } from '../db/db';

/** How many records each table lost. */
export interface DeletedCounts {
  drafts: number;
  corrections: number;
  decisions: number;
  events: number;
}

/** "Forget this ticket": every record of one ticket, in every table, in one transaction. */
export async function forgetTicket(database: DeskmateDb, ticketHash: string): Promise<DeletedCounts> {
  return database.transaction(
    'rw',
    [database.drafts, database.corrections, database.decisions, database.events],
    async () => ({
      drafts: await database.drafts.where('ticketHash').equals(ticketHash).delete(),
      corrections: await database.corrections.where('ticketHash').equals(ticketHash).delete(),
      decisions: await database.decisions.where('ticketHash').equals(ticketHash).delete(),
      events: await database.events.where('ticketHash').equals(ticketHash).delete(),
    }),
  );
}

/** Retention: delete records older than `days` (drafts by their last change). */
export async function pruneOlderThan(
  database: DeskmateDb,
  days: number,
  now = Date.now(),
): Promise<DeletedCounts> {
  const cutoff = now - days * 86_400_000;
  return database.transaction(
    'rw',
    [database.drafts, database.corrections, database.decisions, database.events],
    async () => ({
      drafts: await database.drafts.where('updatedAt').below(cutoff).delete(),
      corrections: await database.corrections.where('time').below(cutoff).delete(),
      decisions: await database.decisions.where('time').below(cutoff).delete(),
      events: await database.events.where('time').below(cutoff).delete(),
    }),
  );
}

export const total = (c: DeletedCounts): number => c.drafts + c.corrections + c.decisions + c.events;
