import { expect, test } from 'vitest';
import { backgroundMessages } from '@/lib/messaging/protocol';

/**
 * Content scripts run beside untrusted pages: a compromised one must not be able to ask the
 * background for settings, keys, records or provider calls. Widening this list is a security review.
 */
const CONTENT_MAY_SEND = ['app.ping'];

test('content scripts may send only the allow-listed background messages', () => {
  const fromContent = Object.entries(backgroundMessages)
    .filter(([, spec]) => (spec.from as readonly string[]).includes('content'))
    .map(([name]) => name)
    .sort();
  expect(fromContent).toEqual([...CONTENT_MAY_SEND].sort());
});
