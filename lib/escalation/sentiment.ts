import type { Evidence } from '../templates/suggestion';
import { keywordBody } from './fold';
import { quoteAround, type Segment } from './text';

/**
 * The local anger cue: deterministic signs that a customer is upset, in English, Spanish, German and
 * French. It counts distinct signs (a word list hit, shouting in capitals, "!!" or "?!"), so one
 * "terrible" is not enough but "THIRD time... unacceptable... worst service" is.
 */
const ANGER_WORDS = [
  // en
  'unacceptable',
  'ridiculous',
  'furious',
  'angry',
  'worst',
  'terrible',
  'awful',
  'disgusting',
  'outrageous',
  'fed up',
  'sick of',
  'useless',
  'incompetent',
  'never again',
  'third time',
  'fourth time',
  'still waiting',
  'nobody answers',
  // es
  'inaceptable',
  'indignante',
  'vergonzoso',
  'harto',
  'harta',
  'pesimo',
  'furioso',
  'furiosa',
  'ridiculo',
  'inutil*',
  'tercera vez',
  // de
  'inakzeptabel',
  'unverschamt',
  'frechheit',
  'katastrophe',
  'schlechteste*',
  'wutend',
  'lacherlich',
  'nie wieder',
  'unzumutbar',
  'zum dritten mal',
  // fr
  'inacceptable',
  'scandaleux',
  'honteux',
  'furieux',
  'furieuse',
  'ras le bol',
  'lamentable',
  'inadmissible',
  'pire service',
  'troisieme fois',
];

/** One scan for every word: each word is a capturing group, so a match says which word it was. */
const WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ANGER_WORDS.map((w) => `(${keywordBody(w)})`).join('|')})`,
  'gu',
);
/** Two or more words of four or more capital letters, in the original (unfolded) text. */
const SHOUTING = /(?<![\p{L}])\p{Lu}{4,}(?![\p{L}])/gu;
const PUNCTUATION = /(?:!{2,}|\?!|!\?)/g;

export interface AngerCue {
  cues: number;
  evidence: Evidence[];
}

/** Count distinct signs of anger in these segments (the customer's own text). */
export function angerCue(customer: readonly Segment[]): AngerCue {
  const signs = new Set<string>();
  const evidence: Evidence[] = [];
  for (const segment of customer) {
    for (const m of segment.folded.text.matchAll(WORDS)) {
      const word = m.findIndex((group, i) => i > 0 && group !== undefined);
      if (word < 1 || signs.has(`word:${word}`)) continue;
      signs.add(`word:${word}`);
      evidence.push(quoteAround(segment, m.index, m.index + m[0].length));
    }
  }
  let shouted = 0;
  for (const segment of customer) {
    const words = segment.text.match(SHOUTING) ?? [];
    // Acronyms (GDPR, USB) are capitals too: shouting needs several capital words or one long one.
    shouted += words.filter((w) => w.length >= 5).length;
    if (words.length >= 2 || shouted > 0) {
      signs.add('shouting');
      const first = words[0];
      if (first) evidence.push(quoteOf(segment, first));
      break;
    }
  }
  for (const segment of customer) {
    const m = segment.text.match(PUNCTUATION);
    if (m) {
      signs.add('punctuation');
      evidence.push(quoteOf(segment, m[0]));
      break;
    }
  }
  return { cues: signs.size, evidence };
}

function quoteOf(segment: Segment, needle: string): Evidence {
  const at = segment.text.indexOf(needle);
  const from = Math.max(0, at - 60);
  const quote = segment.text.slice(from, at + needle.length + 20).trim();
  return segment.messageIndex === undefined ? { quote } : { quote, messageIndex: segment.messageIndex };
}
