import { type DeskmateDb, type Draft, db } from '../db/db';
import { DeskmateError, type ErrorInfo, toErrorInfo } from '../messaging/envelope';
import type { FieldValue } from '../templates/suggestion';

/** Which draft: one per ticket and template. `ticketHash` from lib/db/ticket-hash.ts. */
export interface DraftKey {
  site: string;
  ticketHash: string;
  templateId: string;
}

/** `${site}|${ticketHash}|${templateId}`: the ticket key itself is never stored in clear. */
export function draftId(key: DraftKey): string {
  return `${key.site}|${key.ticketHash}|${key.templateId}`;
}

const BACKUP_PREFIX = 'deskmate-draft:';

/**
 * Where drafts live. The background's IndexedDB in the product (lib/panel/handlers.ts): the docked panel
 * is a frame inside a third-party desk page, where the browser may deny or partition its own storage.
 */
export interface DraftStore {
  get(id: string): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
  /** Drafts of one ticket, any template. */
  forTicket(ticketHash: string): Promise<Draft[]>;
}

/** Drafts in a Dexie database (the background's, or a test's). */
export function dexieDraftStore(database: DeskmateDb = db()): DraftStore {
  return {
    get: (id) => database.drafts.get(id),
    // Newest change wins: writes may arrive out of order when each keystroke is sent at once.
    put: (draft) =>
      database.transaction('rw', database.drafts, async () => {
        const stored = await database.drafts.get(draft.id);
        if (!stored || stored.updatedAt <= draft.updatedAt) await database.drafts.put(draft);
      }),
    forTicket: (ticketHash) => database.drafts.where('ticketHash').equals(ticketHash).toArray(),
  };
}

/**
 * The draft, from IndexedDB or from the synchronous backup written while the page was closing (an
 * IndexedDB write started in `pagehide` may never finish); the newer one wins.
 */
export async function loadDraft(key: DraftKey, store: DraftStore): Promise<Draft | undefined> {
  const id = draftId(key);
  const stored = await store.get(id);
  const backup = readBackup(id);
  if (backup && (!stored || backup.updatedAt > stored.updatedAt)) {
    await store
      .put(backup)
      .then(() => clearBackup(id))
      .catch(() => {});
    return backup;
  }
  if (backup) clearBackup(id);
  return stored;
}

/** The template of the ticket's most recently saved draft, if any. */
export async function latestDraftTemplate(
  ticketHash: string,
  store: DraftStore,
): Promise<string | undefined> {
  const drafts = await store.forTicket(ticketHash);
  // A backup may exist without any IndexedDB row (the page closed before the first write).
  const backups: Draft[] = [];
  try {
    const storage = globalThis.localStorage;
    for (let i = 0; storage && i < storage.length; i++) {
      const name = storage.key(i) ?? '';
      if (name.startsWith(BACKUP_PREFIX) && name.includes(`|${ticketHash}|`)) {
        const draft = readBackup(name.slice(BACKUP_PREFIX.length));
        if (draft) backups.push(draft);
      }
    }
  } catch {
    // No backup storage.
  }
  return [...drafts, ...backups].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.templateId;
}

function readBackup(id: string): Draft | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(BACKUP_PREFIX + id);
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Draft;
    return draft && draft.id === id && typeof draft.values === 'object' ? draft : undefined;
  } catch {
    return undefined;
  }
}

function clearBackup(id: string): void {
  try {
    globalThis.localStorage?.removeItem(BACKUP_PREFIX + id);
  } catch {
    // No backup storage: nothing to clear.
  }
}

export type SaveStatus = { state: 'idle' | 'pending' | 'saved' } | { state: 'error'; error: ErrorInfo };

/**
 * Saves what the agent has, debounced (~300 ms after the last change), and at once on `flush()` (the
 * page is hidden or closing). A failed save (storage full) is reported, and the values stay in memory
 * and are written again on the next change or flush: nothing typed is dropped.
 */
export class DraftSaver {
  private pending?: PendingDraft;
  private timer?: ReturnType<typeof setTimeout>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly onStatus: (status: SaveStatus) => void,
    private readonly delayMs = 300,
    private readonly store: () => DraftStore = () => dexieDraftStore(),
  ) {}

  /** Remember the latest values; they are written after a quiet moment. */
  schedule(key: DraftKey, values: Record<string, FieldValue>, suggestionId?: string): void {
    if (this.pending && !sameKey(this.pending.key, key)) void this.flush();
    this.pending = { key, values, suggestionId, updatedAt: Date.now() };
    // A synchronous copy at every change: a closed tab may never run pagehide in the panel's frame,
    // and an IndexedDB write started then may never finish. loadDraft picks the newer of the two.
    writeBackup(toDraft(this.pending));
    this.onStatus({ state: 'pending' });
    clearTimeout(this.timer);
    // delayMs 0: send now, in this very event; a tab closed a moment later may not run another task.
    if (this.delayMs === 0) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /**
   * The page is going away: start the IndexedDB write, and keep a synchronous copy in localStorage in
   * case the page dies before the write completes (loadDraft picks the newer of the two).
   */
  flushOnExit(): void {
    if (this.pending) writeBackup(toDraft(this.pending));
    void this.flush();
  }

  /** Write now what is pending. Resolves when it is on disk (or failed and was reported). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    const job = this.pending;
    if (!job) return this.writing;
    this.pending = undefined;
    // The write leaves at once (not after the previous one): the store keeps the newest by updatedAt.
    let written: Promise<void>;
    try {
      written = this.store().put(toDraft(job));
    } catch (error) {
      written = Promise.reject(error);
    }
    this.writing = this.writing.then(async () => {
      try {
        await written;
        // Only if no newer change was backed up meanwhile.
        const backup = readBackup(draftId(job.key));
        if (!backup || backup.updatedAt <= job.updatedAt) clearBackup(draftId(job.key));
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

interface PendingDraft {
  key: DraftKey;
  values: Record<string, FieldValue>;
  suggestionId?: string;
  /** When the agent made this change (not when it was written). */
  updatedAt: number;
}

function writeBackup(draft: Draft): void {
  try {
    globalThis.localStorage?.setItem(BACKUP_PREFIX + draft.id, JSON.stringify(draft));
  } catch {
    // Backup storage full or missing: the IndexedDB write is still attempted.
  }
}

function toDraft(job: PendingDraft): Draft {
  return {
    id: draftId(job.key),
    site: job.key.site,
    ticketHash: job.key.ticketHash,
    templateId: job.key.templateId,
    values: job.values,
    ...(job.suggestionId ? { suggestionId: job.suggestionId } : {}),
    updatedAt: job.updatedAt,
  };
}

function sameKey(a: DraftKey, b: DraftKey): boolean {
  return draftId(a) === draftId(b);
}

/** Storage errors in words the agent can act on; Dexie wraps QuotaExceededError in its own errors. */
export function draftError(error: unknown): ErrorInfo {
  const full = error instanceof DeskmateError ? error.code === 'storage_full' : undefined;
  const inner = (error as { inner?: unknown })?.inner ?? error;
  const name = (inner as { name?: string })?.name ?? (error as { name?: string })?.name;
  if (full || name === 'QuotaExceededError' || /quota/i.test(String((inner as Error)?.message ?? ''))) {
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
