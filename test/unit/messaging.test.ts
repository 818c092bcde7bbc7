import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DeskmateError } from '@/lib/messaging/envelope';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { tabMessages } from '@/lib/messaging/tab-protocol';

const origin = fakeBrowser.runtime.getURL('/');
const panel = { id: fakeBrowser.runtime.id, url: `${origin}sidepanel.html` };
const content = { id: fakeBrowser.runtime.id, url: 'https://desk.example/ticket/1', tab: { id: 4 } };

describe('dispatch', () => {
  test('answers a valid request with { ok: true, data }', async () => {
    const reply = await dispatch(
      backgroundMessages,
      { 'app.ping': () => ({ version: '1', extensionId: 'x' }) },
      { name: 'app.ping', payload: {} },
      panel,
    );
    expect(reply).toEqual({ ok: true, data: { version: '1', extensionId: 'x' } });
  });

  test('rejects an invalid payload with a typed error, without calling the handler', async () => {
    let called = false;
    const reply = await dispatch(
      tabMessages,
      {
        'dock.toggle': () => {
          called = true;
          return { open: true };
        },
      },
      { name: 'dock.toggle', payload: { open: 'yes' } },
      panel,
    );
    expect(called).toBe(false);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  test('refuses a message from a sender that may not send it', async () => {
    const reply = await dispatch(
      tabMessages,
      { 'context.read': () => ({ ok: false, reason: 'x' }) },
      { name: 'context.read', payload: {} },
      content,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('refuses other extensions', async () => {
    const reply = await dispatch(
      backgroundMessages,
      { 'app.ping': () => ({ version: '1', extensionId: 'x' }) },
      { name: 'app.ping', payload: {} },
      { ...panel, id: 'someone-else' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('ignores messages it does not know (another listener may own them)', async () => {
    expect(await dispatch(backgroundMessages, {}, { name: 'nope', payload: {} }, panel)).toBeUndefined();
    expect(
      await dispatch(backgroundMessages, {}, { event: 'context.changed', payload: {} }, panel),
    ).toBeUndefined();
  });

  test('a handler error becomes { ok: false, error } with its code', async () => {
    const reply = await dispatch(
      backgroundMessages,
      {
        'app.ping': () => {
          throw new DeskmateError('rate_limited', 'slow down', 7);
        },
      },
      { name: 'app.ping', payload: {} },
      panel,
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'slow down', retryAfter: 7 },
    });
  });
});
