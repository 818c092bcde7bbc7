import { type DeskmateDb, type Draft, db } from '../db/db';
import { ticketHash } from '../db/ticket-hash';
import { type ErrorInfo, toErrorInfo } from '../messaging/envelope';
import type { FieldValue } from '../templates/suggestion';

/** Which draft: one per ticket and template. */
export interface DraftKey {
  site: string;
  ticketKey: string;
  templateId: string;
}

/** `${site}|${ticketHash}|${templateId}`: the ticket key itself is never stored in clear. */
export async function draftId(key: DraftKey): Promise<{ id: string; ticketHash: string }> {
  const hash = await ticketHash(key.site, key.ticketKey);
  return { id: `${key.site}|${hash}|${key.templateId}`, ticketHash: hash };
}

export async function loadDraft(key: DraftKey, database: DeskmateDb = db()): Promise<Draft | undefined> {
  const { id } = await draftId(key);
  return database.drafts.get(id);
}

export async function deleteDraft(key: DraftKey, database: DeskmateDb = db()): Promise<void> {
  const { id } = await draftId(key);
  await database.drafts.delete(id);
}

export type SaveStatus = { state: 'idle' | 'pending' | 'saved' } | { state: 'error'; error: ErrorInfo };

/**
 * Saves what the agent has, debounced (~300 ms after the last change), and at once on `flush()` (the
 * page is hidden or closing). A failed save (storage full) is reported, and the values stay in memory
 * and are written again on the next change or flush: nothing typed is dropped.
 */
export class DraftSaver {
  private pending?: { key: DraftKey; values: Record<string, FieldValue>; suggestionId?: string };
  private timer?: ReturnType<typeof setTimeout>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly onStatus: (status: SaveStatus) => void,
    private readonly delayMs = 300,
    private readonly database: () => DeskmateDb = db,
  ) {}

  /** Remember the latest values; they are written after a quiet moment. */
  schedule(key: DraftKey, values: Record<string, FieldValue>, suggestionId?: string): void {
    if (this.pending && !sameKey(this.pending.key, key)) void this.flush();
    this.pending = { key, values, suggestionId };
    this.onStatus({ state: 'pending' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Write now what is pending. Resolves when it is on disk (or failed and was reported). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    const job = this.pending;
    if (!job) return this.writing;
    this.pending = undefined;
    this.writing = this.writing.then(async () => {
      try {
        const { id, ticketHash } = await draftId(job.key);
        const draft: Draft = {
          id,
          site: job.key.site,
          ticketHash,
          templateId: job.key.templateId,
          values: job.values,
          ...(job.suggestionId ? { suggestionId: job.suggestionId } : {}),
          updatedAt: Date.now(),
        };
        await this.database().drafts.put(draft);
        this.onStatus({ state: 'saved' });
      } catch (error) {
        // Keep it to write again: a newer schedule() replaces it, otherwise the next flush retries.
        this.pending ??= job;
        this.onStatus({ state: 'error', error: draftError(error) });
      }
    });
    return this.writing;
  }
}

function sameKey(a: DraftKey, b: DraftKey): boolean {
  return a.site === b.site && a.ticketKey === b.ticketKey && a.templateId === b.templateId;
}

/** Storage errors in words the agent can act on; Dexie wraps QuotaExceededError in its own errors. */
export function draftError(error: unknown): ErrorInfo {
  const inner = (error as { inner?: unknown })?.inner ?? error;
  const name = (inner as { name?: string })?.name ?? (error as { name?: string })?.name;
  if (name === 'QuotaExceededError' || /quota/i.test(String((inner as Error)?.message ?? ''))) {
    return {
      code: 'storage_full',
      message:
        'The draft could not be saved: the browser storage for Deskmate is full. Your text is still here; copy it, then export and delete old records in the settings.',
    };
  }
  const info = toErrorInfo(inner);
  return {
    code: 'storage',
    message: `The draft could not be saved (${info.message}). Your text is still here.`,
  };
}
