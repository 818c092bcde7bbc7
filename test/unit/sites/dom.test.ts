import { describe, expect, it } from 'vitest';
import { blockText, textOf } from '@/lib/sites/dom';
import { cleanText } from '@/lib/sites/read';

const el = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('reading text from the page', () => {
  it('gives plain text as it is and breaks lines where the page shows them', () => {
    expect(blockText(el('Refund for order 1042, please.'))).toBe('Refund for order 1042, please.');
    expect(textOf(el('Hi,<br>the <b>printer</b> is down.<p>Second paragraph</p>tail'))).toBe(
      'Hi,\nthe printer is down.\nSecond paragraph\ntail',
    );
  });

  it('folds runs of blanks, tabs and no-break spaces, and keeps single spaces', () => {
    expect(textOf(el('a  b\tc\u00a0d \t\u00a0e f'))).toBe('a b c d e f');
    expect(textOf(el('  one  \n\n  two  '))).toBe('one\ntwo');
    expect(textOf(el('   '))).toBeUndefined();
  });

  it('replaces lone surrogates and leaves whole emoji and plain text untouched', () => {
    const plain = 'Nothing special here';
    expect(cleanText(plain)).toBe(plain);
    expect(cleanText('ok \ud83d\ude00')).toBe('ok \ud83d\ude00');
    expect(cleanText('cut \ud83d')).toBe('cut \ufffd');
    expect(cleanText('\ude00 tail')).toBe('\ufffd tail');
  });
});
