/**
 * Text folding for rule matching: case, diacritics, ligatures, invisible characters and common
 * look-alike letters are folded the same way in rules and in tickets, so "Anwältin", "ANWALTIN" and
 * "Anwa\u0308ltin" match one keyword, and "law\u200Byer" (a zero-width space hidden in the word) still
 * matches "lawyer". Every folded character keeps the index of the character it came from, so
 * evidence is always quoted from the ticket's own text, never from the folded copy.
 */

/** Letters Unicode decomposition leaves alone, and Cyrillic/Greek letters that look Latin. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  // Look-alikes: a hostile ticket can write "lаwyer" with a Cyrillic "а" to dodge a keyword.
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
};

const MARKS = /[\p{M}\p{Cf}]/gu;
const SPACE = /\s/u;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A folded copy of a text and, for each of its UTF-16 units, the index it came from in the source. */
export interface Folded {
  text: string;
  /**
   * `origin[i]` is the source index of folded unit i; `origin[text.length]` is the source length.
   * Undefined when every character folded to exactly one (index i came from index i).
   */
  origin: number[] | undefined;
}

function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  const special = SPECIAL[lower];
  if (special !== undefined) return special;
  if (SPACE.test(ch)) return ' ';
  // NFKD splits "é" into "e" + a combining mark and "ﬁ" into "fi"; marks and format characters
  // (zero-width spaces, soft hyphens, direction marks) are dropped.
  let out = '';
  for (const c of lower.normalize('NFKD').replace(MARKS, '').toLowerCase()) out += SPECIAL[c] ?? c;
  return out;
}

/** Fold a text for matching, keeping where each folded character came from. */
export function fold(source: string): Folded {
  // Plain ASCII (most ticket text) folds one character to one: lower case, whitespace as spaces.
  if (isAscii(source)) {
    return { text: source.toLowerCase().replace(/\s/g, ' '), origin: undefined };
  }
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const ch of source) {
    const code = ch.charCodeAt(0);
    // Fast path for ASCII letters, digits and punctuation: most ticket text, no normalisation needed.
    if (code < 128 && code > 32) {
      text += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      origin.push(index);
      index += 1;
      continue;
    }
    const out = foldChar(ch);
    text += out;
    for (let k = 0; k < out.length; k++) origin.push(index);
    index += ch.length;
  }
  origin.push(source.length);
  return { text, origin };
}

/** Fold without the index map (for keywords and lists). */
export function foldText(source: string): string {
  return fold(source).text;
}

/** Remove diacritics from a regular expression's source without touching its escapes' case. */
export function foldPattern(source: string): string {
  return source.normalize('NFKD').replace(/\p{M}/gu, '');
}

const WORD = '[\\p{L}\\p{N}]';

/**
 * A keyword or phrase as a regular expression over folded text: whole words only ("sue" never
 * matches "issue" or "pursue"), any separator between the words of a phrase, and a trailing `*`
 * for word stems ("abogad*" matches "abogado", "abogados", "abogada").
 */
export function keywordPattern(keyword: string): string {
  return `(?<!${WORD})${keywordBody(keyword)}`;
}

/** A keyword without its leading boundary check (shared by every keyword of an alternation). */
export function keywordBody(keyword: string): string {
  const trimmed = foldText(keyword).trim();
  const stem = trimmed.endsWith('*');
  const words = (stem ? trimmed.slice(0, -1) : trimmed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) throw new Error(`The keyword "${keyword}" has no letters or digits.`);
  return `${words.join('[^\\p{L}\\p{N}]+')}${stem ? `${WORD}*` : `(?!${WORD})`}`;
}

/** Several keywords as one alternation: one scan of the text instead of one per keyword. */
export function keywordsPattern(keywords: readonly string[]): string {
  return `(?<!${WORD})(?:${keywords.map(keywordBody).join('|')})`;
}
