import type { RawField } from '../llm/provider';
import { foldLabel } from '../sites/fields';
import { CATEGORY_LEXICON, type LexiconLanguage } from './category-lexicon';
import { language } from './extractors';

/**
 * Cold start for a choice field (issue #16, #19): before the team has corrected anything, the local
 * engine picks the desk option whose label words the ticket uses. The options are the desk's own (its
 * queues, categories, trackers), so nothing here knows any desk's values: only how words vary (plural,
 * verb forms, the usual endings of English, German, Spanish and French) and that a word shared by many
 * options says little. Always low confidence: the learner takes over as corrections come in.
 *
 * A label word also matches its translations and short forms (lib/engine/category-lexicon.ts: common
 * help-desk category words in English, German, Spanish and French), so an English "Printing" option is
 * found in "Der Drucker druckt nicht" and a German "Zugriff" option in "I need access".
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

/**
 * A word's stem: folded (case, accents) with one common ending removed. German umlauts become their
 * two-letter spelling first (as Germans type them without the key), so that "drücken" (to press) is not
 * "drucken" (to print).
 */
export function stem(word: string): string {
  const w = foldLabel(
    word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'),
  );
  for (const end of ENDINGS) {
    if (w.endsWith(end) && w.length - end.length >= 4) return w.slice(0, -end.length);
  }
  return w;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** A stem a label word may be written as in a ticket; `only`: counted only in a ticket of that language. */
interface Variant {
  stem: string;
  only?: LexiconLanguage;
}

/** One topic word of a label: what it is counted as across options, and how a ticket may write it. */
interface LabelTerm {
  /** The word's stem, or its lexicon group's, so "Printer" and "Printing" options share it. */
  key: string;
  variants: Variant[];
}

interface Group {
  key: string;
  variants: Variant[];
}

/** The lexicon by stem: every word's stem names the groups it belongs to. */
const GROUPS_BY_STEM: ReadonlyMap<string, readonly Group[]> = (() => {
  const byStem = new Map<string, Group[]>();
  for (const entry of CATEGORY_LEXICON) {
    const group: Group = { key: `=${entry.concept}`, variants: [] };
    for (const [lang, words] of Object.entries(entry.words) as [LexiconLanguage, string][]) {
      for (const word of words.split(' ')) {
        const guarded = word.endsWith('*');
        for (const [w] of word.replace(/\*$/, '').matchAll(WORD)) {
          if (w.length < 3) continue;
          const s = stem(w);
          if (!group.variants.some((v) => v.stem === s && v.only === (guarded ? lang : undefined)))
            group.variants.push(guarded ? { stem: s, only: lang } : { stem: s });
          // A guarded word does not name the group: a label "Red" is not the network.
          if (guarded) continue;
          const list = byStem.get(s) ?? [];
          if (!list.includes(group)) list.push(group);
          byStem.set(s, list);
        }
      }
    }
  }
  return byStem;
})();

function labelTerms(label: string): LabelTerm[] {
  const out = new Map<string, LabelTerm>();
  for (const [w] of label.matchAll(WORD)) {
    const f = foldLabel(w);
    if (f.length < 3 || FILLER.has(f) || /^\d+$/.test(f)) continue;
    const s = stem(f);
    const groups = GROUPS_BY_STEM.get(s);
    if (!groups) {
      out.set(s, { key: s, variants: [{ stem: s }] });
      continue;
    }
    const variants: Variant[] = [{ stem: s }];
    for (const g of groups)
      for (const v of g.variants)
        if (!variants.some((x) => x.stem === v.stem && x.only === v.only)) variants.push(v);
    const key = groups.map((g) => g.key).join('+');
    out.set(key, { key, variants });
  }
  return [...out.values()];
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

/** A compound's other part is a word of its own: at least this many letters before the stem. */
const COMPOUND_HEAD = 3;

/**
 * Whether a ticket word (stemmed) is a label stem: the same stem, or, when the stem is long enough to
 * mean it, a longer word that starts with it ("access" in "accessing", "netzwerk" in "netzwerkdrucker")
 * or ends with it after a word of its own (German compounds put the head last: "druck" in
 * "farbdrucker", "zugriff" in "fernzugriff").
 */
function matches(word: string, labelStem: string): boolean {
  if (word === labelStem) return true;
  if (labelStem.length < 5) return false;
  return (
    word.startsWith(labelStem) ||
    (word.length >= labelStem.length + COMPOUND_HEAD && word.endsWith(labelStem))
  );
}

/** The ticket's words for a label term: any of its variants, counted together; undefined when none. */
function find(words: Map<string, TextWord>, term: LabelTerm, lang: string | undefined): TextWord | undefined {
  const variants = term.variants.filter((v) => v.only === undefined || v.only === lang);
  let count = 0;
  let best: TextWord | undefined;
  for (const [s, w] of words) {
    if (!variants.some((v) => matches(s, v.stem))) continue;
    count += w.count;
    if (!best || w.count > best.count) best = w;
  }
  return best && { count, quote: best.quote };
}

/**
 * The option whose label words the ticket uses most, weighted so that a word in many labels counts
 * less; a tie or no hit at all is no answer (the field stays missing and says so).
 */
export function byOptionLabels(options: readonly string[], text: string): RawField | undefined {
  if (options.length < 2 || !text) return undefined;
  const terms = options.map(labelTerms);
  const df = new Map<string, number>();
  for (const list of terms) for (const t of list) df.set(t.key, (df.get(t.key) ?? 0) + 1);
  const words = textWords(text);
  const lang = language(text)?.value;
  const scored = options.map((option, i) => {
    const list = terms[i] ?? [];
    let score = 0;
    const quotes: string[] = [];
    for (const t of list) {
      const hit = find(words, t, lang);
      if (!hit) continue;
      score += Math.log(1 + options.length / (df.get(t.key) ?? 1)) * (1 + Math.log(hit.count));
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
