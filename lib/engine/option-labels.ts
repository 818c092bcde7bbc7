import type { RawField } from '../llm/provider';
import { foldLabel } from '../sites/fields';

/**
 * Cold start for a choice field (issue #16, #19): before the team has corrected anything, the local
 * engine picks the desk option whose label words the ticket uses. The options are the desk's own (its
 * queues, categories, trackers), so nothing here knows any desk's values: only how words vary (plural,
 * verb forms, the usual endings of English, German, Spanish and French) and that a word shared by many
 * options says little. Always low confidence: the learner takes over as corrections come in.
 */

/** Words that carry no topic in a label ("Hardware and peripherals", "Requests for access"). */
const FILLER = new Set(
  'a an and or of for the to in on with by at from other others misc miscellaneous general de del la el los las y o en para und oder der die das fur le les et du des pour'.split(
    ' ',
  ),
);

// Longest first, so "ations" is tried before "s". Each one leaves a stem of at least four letters.
const ENDINGS = [
  'ations',
  'ation',
  'ungen',
  'ments',
  'iones',
  'ement',
  'ment',
  'ings',
  'ions',
  'ung',
  'ing',
  'ion',
  'ies',
  'ers',
  'ed',
  'es',
  'er',
  'en',
  'al',
  'e',
  's',
];

/** A word's stem: folded (case, accents) with one common ending removed. */
export function stem(word: string): string {
  const w = foldLabel(word);
  for (const end of ENDINGS) {
    if (w.endsWith(end) && w.length - end.length >= 4) return w.slice(0, -end.length);
  }
  return w;
}

const WORD = /[\p{L}\p{N}]+/gu;

function labelStems(label: string): string[] {
  const out = new Set<string>();
  for (const [w] of label.matchAll(WORD)) {
    const f = foldLabel(w);
    if (f.length < 3 || FILLER.has(f) || /^\d+$/.test(f)) continue;
    out.add(stem(f));
  }
  return [...out];
}

interface TextWord {
  count: number;
  /** The word as the ticket wrote it, so the evidence is a quote of the ticket. */
  quote: string;
}

function textWords(text: string): Map<string, TextWord> {
  const words = new Map<string, TextWord>();
  for (const [w] of text.matchAll(WORD)) {
    if (w.length < 3) continue;
    const s = stem(w);
    const seen = words.get(s);
    if (seen) seen.count++;
    else words.set(s, { count: 1, quote: w });
  }
  return words;
}

/**
 * Where the ticket uses a label stem: the same stem, or a longer word that starts with it ("access" in
 * "accessing", "netzwerk" in "netzwerkdrucker": German compounds) when the stem is long enough to mean it.
 */
function find(words: Map<string, TextWord>, labelStem: string): TextWord | undefined {
  const exact = words.get(labelStem);
  if (exact || labelStem.length < 5) return exact;
  let best: TextWord | undefined;
  for (const [s, w] of words) {
    if (s.startsWith(labelStem) && (!best || w.count > best.count)) best = w;
  }
  return best;
}

/**
 * The option whose label words the ticket uses most, weighted so that a word in many labels counts
 * less; a tie or no hit at all is no answer (the field stays missing and says so).
 */
export function byOptionLabels(options: readonly string[], text: string): RawField | undefined {
  if (options.length < 2 || !text) return undefined;
  const stems = options.map(labelStems);
  const df = new Map<string, number>();
  for (const list of stems) for (const s of list) df.set(s, (df.get(s) ?? 0) + 1);
  const words = textWords(text);
  const scored = options.map((option, i) => {
    const list = stems[i] ?? [];
    let score = 0;
    const quotes: string[] = [];
    for (const s of list) {
      const hit = find(words, s);
      if (!hit) continue;
      score += Math.log(1 + options.length / (df.get(s) ?? 1)) * (1 + Math.log(hit.count));
      quotes.push(hit.quote);
    }
    // A long label ("Administrative rights and access") should not win by its length alone.
    return { option, score: list.length ? score / Math.sqrt(list.length) : 0, quotes };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score === 0 || (second && second.score >= best.score)) return undefined;
  const margin = second ? 1 - second.score / best.score : 1;
  return {
    value: best.option,
    evidence: best.quotes,
    confidence: Math.min(0.3 + 0.15 * margin, 0.45),
    note: 'No corrections yet: chosen because the ticket uses words of this option’s name.',
  };
}

/**
 * Priority levels by the words desks use for them, in the languages above. Urgency cues in the ticket
 * choose the highest "urgent" level the desk offers; this is vocabulary of priority itself, not of a desk.
 */
// Lowest first: urgency cues justify "high", not "immediate".
const URGENT_LEVELS = [
  /^(high|hoch|alta|haute|elevee)/,
  /^(critical|kritisch|critica|critique)/,
  /^(urgent|dringend|urgente)/,
  /^(immediate|sofort|inmediata|immediat)/,
];

export function urgentOption(options: readonly string[]): string | undefined {
  for (const level of URGENT_LEVELS) {
    const hit = options.find((o) => level.test(foldLabel(o)));
    if (hit) return hit;
  }
  return undefined;
}
