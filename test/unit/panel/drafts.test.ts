import { beforeEach, describe, expect, test } from 'vitest';
import { DeskmateDb } from '../../../lib/db/db';
import { ticketHash } from '../../../lib/db/ticket-hash';
import { DeskmateError } from '../../../lib/messaging/envelope';
import {
  DraftSaver,
  dexieDraftStore,
  draftError,
  draftId,
  loadDraft,
  type SaveStatus,
} from '../../../lib/panel/drafts';

let database: DeskmateDb;
let n = 0;
beforeEach(() => {
  n += 1;
  database = new DeskmateDb(`drafts-test-${n}`);
});

const hash = await ticketHash('demo', '1006');
const key = { site: 'demo', ticketHash: hash, templateId: 'refund-request' };

describe('drafts', () => {
  test('the id is site|hash|template and never holds the ticket key in clear', () => {
    const id = draftId(key);
    expect(id).toBe(`demo|${hash}|refund-request`);
    expect(id).not.toContain('1006');
  });

  test('a page closing mid-write: the synchronous backup brings the text back and is moved into IndexedDB', async () => {
    // Simulate the page dying: the backup is written, the IndexedDB write never happens.
    const unfinished = new DraftSaver(
      () => {},
      10_000,
      () => ({ ...dexieDraftStore(database), put: () => new Promise<void>(() => {}) }),
    );
    unfinished.schedule(key, { reply: 'typed just before closing' });
    unfinished.flushOnExit();
    const draft = await loadDraft(key, dexieDraftStore(database));
    expect(draft?.values).toEqual({ reply: 'typed just before closing' });
    expect((await database.drafts.get(draftId(key)))?.values).toEqual({ reply: 'typed just before closing' });
    expect(localStorage.length).toBe(0);
  });

  test('changes are written once after a quiet moment, the latest values win, and come back', async () => {
    const statuses: SaveStatus['state'][] = [];
    const saver = new DraftSaver(
      (s) => statuses.push(s.state),
      30,
      () => dexieDraftStore(database),
    );
    saver.schedule(key, { orderNumber: 'A-1' });
    saver.schedule(key, { orderNumber: 'A-10517' }, 'sugg-1');
    expect(await database.drafts.count()).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    await saver.flush();
    const draft = await loadDraft(key, dexieDraftStore(database));
    expect(draft?.values).toEqual({ orderNumber: 'A-10517' });
    expect(draft?.suggestionId).toBe('sugg-1');
    expect(statuses.at(-1)).toBe('saved');
  });

  test('every change is sent at once, and an older write arriving late never replaces a newer one', async () => {
    const store = dexieDraftStore(database);
    const sent: string[] = [];
    const saver = new DraftSaver(
      () => {},
      0,
      () => ({
        ...store,
        put: (d) => {
          sent.push(String(d.values.reply));
          return store.put(d);
        },
      }),
    );
    saver.schedule(key, { reply: 'first' });
    // Sent in the same event, before any timer could run.
    expect(sent).toEqual(['first']);
    await saver.flush();
    const id = draftId(key);
    await store.put({ id, ...key, values: { reply: 'newer' }, updatedAt: Date.now() + 1000 });
    await store.put({ id, ...key, values: { reply: 'older, late' }, updatedAt: Date.now() - 1000 });
    expect((await database.drafts.get(id))?.values).toEqual({ reply: 'newer' });
  });

  test('flush writes at once (page hidden or closing)', async () => {
    const saver = new DraftSaver(
      () => {},
      10_000,
      () => dexieDraftStore(database),
    );
    saver.schedule(key, { reply: 'Hello Daniel' });
    await saver.flush();
    expect((await loadDraft(key, dexieDraftStore(database)))?.values).toEqual({ reply: 'Hello Daniel' });
  });

  test('storage full: a clear message, and the values are kept and written on the next flush', async () => {
    let full = true;
    const failing = new DeskmateDb(`drafts-full-${n}`);
    const put = failing.drafts.put.bind(failing.drafts);
    failing.drafts.put = ((...args: Parameters<typeof put>) => {
      if (full) {
        const error = new Error('Quota exceeded');
        error.name = 'QuotaExceededError';
        return Promise.reject(error);
      }
      return put(...args);
    }) as typeof failing.drafts.put;
    const statuses: SaveStatus[] = [];
    const saver = new DraftSaver(
      (s) => statuses.push(s),
      10,
      () => dexieDraftStore(failing),
    );
    saver.schedule(key, { reply: 'typed text' });
    await saver.flush();
    const last = statuses.at(-1);
    expect(last?.state).toBe('error');
    expect(last?.state === 'error' && last.error.code).toBe('storage_full');
    expect(last?.state === 'error' && last.error.message).toMatch(/full.*still here/);
    full = false;
    await saver.flush();
    expect((await loadDraft(key, dexieDraftStore(failing)))?.values).toEqual({ reply: 'typed text' });
  });

  test('storage full in the background arrives as a storage_full reply and gets the same message', () => {
    expect(draftError(new DeskmateError('storage_full', 'full'))).toMatchObject({
      code: 'storage_full',
      message: /still here/,
    });
  });

  test('other storage errors say the text is kept', () => {
    expect(draftError(new Error('disk on fire'))).toMatchObject({ code: 'storage', message: /still here/ });
  });
});
