import { describe, expect, test } from 'vitest';
import { wordDiff } from '../../../lib/panel/diff';

const join = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

describe('wordDiff', () => {
  test('marks the words added and removed, and the parts rebuild both texts', () => {
    const before = 'We will refund the blender in full.';
    const after = 'We will send a replacement blender in full.';
    const parts = wordDiff(before, after);
    expect(join(parts.filter((p) => p.kind !== 'added'))).toBe(before);
    expect(join(parts.filter((p) => p.kind !== 'removed'))).toBe(after);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['refund the']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['send a replacement']);
  });

  test('equal texts are one unchanged part; empty before is all added', () => {
    expect(wordDiff('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
  });

  test('very long texts fall back to removed + added without building a huge table', () => {
    const long = 'word '.repeat(3000);
    const parts = wordDiff(long, `${long}more`);
    expect(parts.map((p) => p.kind)).toEqual(['removed', 'added']);
  });
});
