/**
 * Deterministic extractors: the local engine's eyes and the grounding step's cross-check. Each hit
 * carries the exact quote it was read from, so a value is never shown without its evidence.
 * Pure functions over text; no network, no state.
 */

/** One thing found in the text: a normalized value and the quote (exact substring) it came from. */
export interface Extraction<T = string> {
  value: T;
  quote: string;
  /** Character offset of `quote` in the text. */
  index: number;
}

export interface Money {
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

function all<T>(text: string, re: RegExp, map: (m: RegExpExecArray) => T | undefined): Extraction<T>[] {
  const out: Extraction<T>[] = [];
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = global.exec(text); m; m = global.exec(text)) {
    const value = map(m);
    if (value !== undefined) out.push({ value, quote: m[0], index: m.index });
    if (m[0].length === 0) global.lastIndex++;
  }
  return out;
}

/** Distinct values, first occurrence kept (order of appearance). */
export function distinct<T>(
  hits: Extraction<T>[],
  key: (v: T) => string = (v) => String(v),
): Extraction<T>[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = key(h.value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Order and ticket numbers such as `#A-10482`, `A-10517`, `#123456`. The value drops the `#`. */
export function orderNumbers(text: string): Extraction[] {
  return all(text, /#?\b[A-Z]{1,4}-\d{3,}\b|#\d{4,}\b/, (m) => m[0].replace(/^#/, ''));
}

export function emails(text: string): Extraction[] {
  return all(text, /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/, (m) => m[0].toLowerCase());
}

/** http(s) URLs, without trailing punctuation. */
export function urls(text: string): Extraction[] {
  return all(text, /https?:\/\/[^\s<>"')\]]+/, (m) => m[0].replace(/[.,;:!?]+$/, '')).map((h) => ({
    ...h,
    quote: h.value,
  }));
}

/** Luhn checksum over the digits of a card number. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Card numbers: 13 to 19 digits in groups, Luhn-checked (so order numbers and phones don't match). */
export function cardNumbers(text: string): Extraction[] {
  return all(text, /\b\d(?:[ -]?\d){12,18}\b/, (m) => {
    const digits = m[0].replace(/\D/g, '');
    return luhn(digits) ? digits : undefined;
  });
}

/** ISO 13616 mod-97 check of a compact IBAN. */
export function ibanValid(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const n = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of n) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** IBANs, printed compact or in groups of four; the longest prefix that passes mod-97 is kept. */
export function ibans(text: string): Extraction[] {
  const out: Extraction[] = [];
  const re = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // Greedy matching may swallow a following code ("... 00 USD"): shorten until the checksum holds.
    let quote = m[0];
    while (quote.length > 15 && !ibanValid(quote.replace(/ /g, ''))) quote = quote.slice(0, -1).trimEnd();
    const compact = quote.replace(/ /g, '');
    if (ibanValid(compact)) out.push({ value: compact, quote, index: m.index });
  }
  return out;
}

/** Phone numbers: a run of 8 to 15 digits with the usual separators, optionally starting with `+`. */
export function phones(text: string): Extraction[] {
  return all(text, /(?:\+|\b)\d[\d \t()./-]*\d/, (m) => {
    const quote = m[0];
    const digits = quote.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) return undefined;
    if (/^\d{4}-\d{2}-\d{2}/.test(quote) || /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(quote)) return undefined;
    // A bare run of digits is an id more often than a phone; want a + or separators.
    if (!quote.startsWith('+') && !/[ ()./-]/.test(quote)) return undefined;
    if (luhn(digits) && digits.length >= 13) return undefined;
    return (quote.startsWith('+') ? '+' : '') + digits;
  });
}

/** National id numbers: US SSN, UK NINO, Spanish DNI (check letter), Italian codice fiscale. */
export function nationalIds(text: string): Extraction<{ kind: string; id: string }>[] {
  const ssn = all(text, /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/, (m) => ({
    kind: 'us-ssn',
    id: m[0],
  }));
  const nino = all(
    text,
    /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/,
    (m) => ({
      kind: 'uk-nino',
      id: m[0].replace(/ /g, ''),
    }),
  );
  const dni = all(text, /\b\d{8}-?[A-Z]\b/, (m) => {
    const n = Number(m[0].slice(0, 8));
    return 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23] === m[0].slice(-1) ? { kind: 'es-dni', id: m[0] } : undefined;
  });
  const cf = all(text, /\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b/, (m) => ({
    kind: 'it-cf',
    id: m[0],
  }));
  return [...ssn, ...nino, ...dni, ...cf];
}

const SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };
const CODES = 'USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|BRL|MXN|INR';

/** "2,499.00" / "38,90" / "1.234,56" / "89.99" to a number: the last separator followed by 1-2 digits is decimal. */
export function parseAmount(raw: string): number {
  const s = raw.replace(/\s/g, '');
  const m = /^(.*?)([.,])(\d{1,2})$/.exec(s);
  if (m?.[1] && /\d/.test(m[1])) return Number(`${m[1].replace(/[.,]/g, '')}.${m[3]}`);
  return Number(s.replace(/[.,]/g, ''));
}

/** Amounts with a currency: €89.99, 149.00 USD, 38,90 €, $212.40, EUR 64.50. */
export function amounts(text: string): Extraction<Money>[] {
  const num = String.raw`\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
  const re = new RegExp(
    String.raw`([€$£¥])\s?(${num})|(${num})\s?([€$£¥])|(${num})\s?\b(${CODES})\b|\b(${CODES})\s?(${num})`,
    'g',
  );
  return all(text, re, (m) => {
    const symbol = m[1] ?? m[4];
    const code = m[6] ?? m[7];
    const raw = m[2] ?? m[3] ?? m[5] ?? m[8] ?? '';
    const currency = symbol ? SYMBOLS[symbol] : code;
    const amount = parseAmount(raw);
    return currency && Number.isFinite(amount) ? { amount, currency } : undefined;
  });
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ['january', 'jan', 'enero', 'januar', 'janvier', 'gennaio', 'janeiro'],
  ['february', 'feb', 'febrero', 'februar', 'février', 'febbraio', 'fevereiro'],
  ['march', 'mar', 'marzo', 'märz', 'mars', 'março'],
  ['april', 'apr', 'abril', 'avril', 'aprile'],
  ['may', 'mayo', 'mai', 'maggio', 'maio'],
  ['june', 'jun', 'junio', 'juni', 'juin', 'giugno', 'junho'],
  ['july', 'jul', 'julio', 'juli', 'juillet', 'luglio', 'julho'],
  ['august', 'aug', 'agosto', 'août'],
  ['september', 'sep', 'sept', 'septiembre', 'septembre', 'settembre', 'setembro'],
  ['october', 'oct', 'octubre', 'oktober', 'octobre', 'ottobre', 'outubro'],
  ['november', 'nov', 'noviembre', 'novembre', 'novembro'],
  ['december', 'dec', 'diciembre', 'dezember', 'décembre', 'dicembre', 'dezembro'],
];
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Dates: ISO (2026-11-03), "12 October 2026", "3 November", "15 de noviembre", "October 12, 2026".
 * The value is ISO `YYYY-MM-DD` when the year is written, else `--MM-DD` (ISO 8601 without year).
 */
export function dates(text: string): Extraction[] {
  const iso = all(text, /\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => `${m[1]}-${m[2]}-${m[3]}`);
  const dayFirst = all(
    text,
    new RegExp(
      String.raw`\b(\d{1,2})\.?(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?(${MONTH_RE})\b(?:\s+(?:de\s+)?(\d{4}))?`,
      'gi',
    ),
    (m) => {
      const day = Number(m[1]);
      const month = MONTHS[(m[2] ?? '').toLowerCase()];
      if (!month || day < 1 || day > 31) return undefined;
      return m[3] ? `${m[3]}-${pad(month)}-${pad(day)}` : `--${pad(month)}-${pad(day)}`;
    },
  );
  const monthFirst = all(
    text,
    new RegExp(String.raw`\b(${MONTH_RE})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'gi'),
    (m) => {
      const month = MONTHS[(m[1] ?? '').toLowerCase()];
      const day = Number(m[2]);
      // "may 5" is likely a date, but bare "may" as a verb followed by a number is rare enough to accept.
      if (!month || day < 1 || day > 31) return undefined;
      return m[3] ? `${m[3]}-${pad(month)}-${pad(day)}` : `--${pad(month)}-${pad(day)}`;
    },
  );
  // A day-first hit contains the month-first one's text sometimes ("3 November 2026" vs "November 2026"): keep non-overlapping.
  const hits = [...iso, ...dayFirst, ...monthFirst].sort((a, b) => a.index - b.index);
  const out: Extraction[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.index < last.index + last.quote.length) continue;
    out.push(h);
  }
  return out;
}

const STOP_WORDS: Record<string, string[]> = {
  en: [
    'the',
    'and',
    'is',
    'it',
    'to',
    'my',
    'you',
    'of',
    'for',
    'was',
    'have',
    'this',
    'with',
    'not',
    'but',
    'can',
    'please',
    'i',
  ],
  es: [
    'el',
    'la',
    'de',
    'que',
    'y',
    'en',
    'los',
    'mi',
    'por',
    'con',
    'para',
    'pero',
    'gracias',
    'hola',
    'las',
    'del',
    'una',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ich',
    'mit',
    'sie',
    'es',
    'ein',
    'eine',
    'mein',
    'bitte',
    'danke',
    'auf',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'est',
    'je',
    'pas',
    'pour',
    'une',
    'des',
    'mon',
    'ma',
    'vous',
    'avec',
    'merci',
    'bonjour',
  ],
  it: [
    'il',
    'la',
    'che',
    'di',
    'e',
    'non',
    'per',
    'sono',
    'una',
    'mio',
    'mia',
    'con',
    'grazie',
    'buongiorno',
    'gli',
    'della',
  ],
  pt: [
    'o',
    'a',
    'que',
    'de',
    'e',
    'não',
    'para',
    'com',
    'uma',
    'meu',
    'minha',
    'obrigado',
    'obrigada',
    'olá',
    'os',
    'das',
  ],
};

/** Language by stop-word profile; the quote is the most telling word found. Undefined when too little text. */
export function language(text: string): Extraction | undefined {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let best: { lang: string; score: number; word?: string } = { lang: '', score: 0 };
  for (const [lang, list] of Object.entries(STOP_WORDS)) {
    const set = new Set(list);
    let score = 0;
    let word: string | undefined;
    for (const w of words) {
      if (set.has(w)) {
        score++;
        if (!word && w.length > 2) word = w;
      }
    }
    if (score > best.score) best = { lang, score, word };
  }
  if (best.score < 2) return undefined;
  const word = best.word ?? '';
  const at = word
    ? text.toLowerCase().search(new RegExp(String.raw`(?<![\p{L}])${word}(?![\p{L}])`, 'u'))
    : -1;
  const quote = at >= 0 ? text.slice(at, at + word.length) : '';
  return { value: best.lang, quote, index: Math.max(at, 0) };
}

export type CueKind = 'urgency' | 'negative' | 'positive';

const CUES: Record<CueKind, RegExp> = {
  urgency:
    /\b(urgent(?:ly)?|asap|as soon as possible|immediately|right away|today|blocks?|blocking|critical|third time|cannot log in|can't log in|lock the account|deadline)\b/gi,
  negative:
    /\b(unacceptable|worst|terrible|awful|angry|furious|disappointed|frustrat\w*|ridiculous|nobody answers|no reply|still nothing|still waiting|complaint|breach|cracked|broken|crash\w*|hacked)\b/gi,
  positive: /\b(thank you so much|great|love|excellent|perfect|happy|appreciate)\b/gi,
};

/** Urgency and sentiment cue phrases, each with its quote. */
export function cues(text: string, kind: CueKind): Extraction[] {
  return all(text, CUES[kind], (m) => m[0].toLowerCase());
}

/** negative / neutral / positive from cue counts (shouting and repeated "!" count as negative). */
export function sentiment(text: string): {
  value: 'negative' | 'neutral' | 'positive';
  evidence: Extraction[];
} {
  const negative = cues(text, 'negative');
  const shouting = all(text, /\b[A-Z]{4,}\b(?=[^.]*[!?])|!{2,}|\?!/, (m) =>
    /^(?:[A-Z]-?\d|USD|EUR|GBP|GDPR|PDF|CSV|LED)/.test(m[0]) ? undefined : m[0],
  );
  const positive = cues(text, 'positive');
  const neg = negative.length + shouting.length;
  if (neg > positive.length) return { value: 'negative', evidence: [...negative, ...shouting] };
  if (positive.length > neg) return { value: 'positive', evidence: positive };
  return { value: 'neutral', evidence: [] };
}

export type RiskCueCategory = 'legal' | 'safety' | 'security' | 'churn' | 'compliance' | 'abuse';

const RISK_CUES: Record<RiskCueCategory, RegExp> = {
  legal: /\b(lawyers?|attorneys?|lawsuits?|sue|suing|court|legal action|solicitor)\b/gi,
  compliance: /\b(GDPR|data protection|personal data|privacy|regulation|DSGVO|RGPD)\b/gi,
  security:
    /\b(hacked|unauthori[sz]ed|password was changed|didn't place|did not place|fraud\w*|stolen|phishing)\b/gi,
  churn:
    /\b(cancel(?:ling|ing)? (?:my|the|our)? ?(?:membership|subscription|account)|competitor|switch(?:ing)? provider|move to them|cancel the subscription)\b/gi,
  safety: /\b(fire|smoke|burn(?:ed|t)?|electric shock|injur\w*|overheat\w*|sparks?)\b/gi,
  abuse: /\b(idiots?|stupid|threat\w*|kill)\b/gi,
};

/** Phrases that hint at a risk category; escalation decides what to do with them. */
export function riskCues(text: string): Array<Extraction & { category: RiskCueCategory }> {
  return (Object.keys(RISK_CUES) as RiskCueCategory[]).flatMap((category) =>
    all(text, RISK_CUES[category], (m) => m[0]).map((h) => ({ ...h, category })),
  );
}
