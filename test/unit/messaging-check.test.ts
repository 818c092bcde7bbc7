import { describe, expect, test } from 'vitest';
import { CheckError, either, flag, list, object, oneOf, optional, text } from '../../lib/messaging/check';
import { toErrorInfo } from '../../lib/messaging/envelope';
import { tabRequests } from '../../lib/messaging/tab-requests';

describe('content-script request checks (lib/messaging/check.ts)', () => {
  const shape = object({
    target: oneOf(['reply', 'internal-note']),
    open: optional(flag()),
    values: list(object({ id: text({ min: 1 }), value: either(text({ max: 5 }), list(text(), 2)) }), 3),
  });

  test('accepts the shape, drops unknown keys and keeps absent optional keys absent', () => {
    const out = shape.parse({
      target: 'reply',
      values: [{ id: 'queue', value: ['a', 'b'], extra: 1 }],
      evil: 2,
    });
    expect(out).toEqual({ target: 'reply', values: [{ id: 'queue', value: ['a', 'b'] }] });
    expect('open' in out).toBe(false);
  });

  test.each([
    [{ target: 'status', values: [] }, 'target: expected one of reply, internal-note'],
    [{ target: 'reply', values: [{ id: '', value: 'x' }] }, 'values.0.id: at least 1 characters'],
    [{ target: 'reply', values: [{ id: 'a', value: ['x', 'y', 'z'] }] }, 'values.0.value: at most 2 items'],
    [{ target: 'reply', values: 'x' }, 'values: expected a list'],
    [null, 'value: expected an object'],
  ])('refuses %j with where and why', (payload, message) => {
    let thrown: unknown;
    try {
      shape.parse(payload);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CheckError);
    expect(toErrorInfo(thrown)).toEqual({ code: 'invalid_request', message });
  });

  test('the real tab requests use them: page.setFields refuses a value list over its limit', () => {
    const spec = tabRequests['page.setFields'];
    expect(spec.request.parse({ values: [{ id: 'queue', value: 'Network' }] })).toEqual({
      values: [{ id: 'queue', value: 'Network' }],
    });
    const tooMany = Array.from({ length: 501 }, (_, i) => String(i));
    expect(() => spec.request.parse({ values: [{ id: 'cf:1', value: tooMany }] })).toThrow(CheckError);
  });
});
