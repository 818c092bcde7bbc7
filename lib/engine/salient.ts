/**
 * The customer's sentence that says the most about one thing (why they want a refund, how badly they
 * are affected), for free-text fields the local engine fills without a model. Not the first sentence
 * ("Hello, I bought...") and not a guess: each sentence is scored by how many general markers of that
 * thing it holds, the best one wins, and a ticket with none leaves the field missing with why.
 *
 * The markers are general language, in the four languages the engine reads (English, German, Spanish,
 * French), matched on accent-folded, lower-case text as word starts; nothing here names a product,
 * desk or ticket.
 */

/** A kind of sentence to look for: stems that mark it, and stems that only add to a sentence that has one. */
export interface SentenceCue {
  marks: readonly string[];
  supports?: readonly string[];
}

/** Something wrong with an order, a product or a charge: the reason for a refund or return. */
export const PROBLEM_CUE: SentenceCue = {
  marks: [
    // English
    'broke',
    'broken',
    'damag',
    'defect',
    'faulty',
    'crack',
    'scratch',
    'dent',
    'leak',
    'stopped working',
    'not working',
    "doesn't work",
    'does not work',
    "won't turn on",
    "won't start",
    'crash',
    'freez',
    'overheat',
    'flicker',
    'noisy',
    'wrong',
    'missing',
    'incomplete',
    'never arrived',
    "hasn't arrived",
    'has not arrived',
    'not arrived',
    'arrived late',
    'different from',
    'not as described',
    'too small',
    'too big',
    'too large',
    "doesn't fit",
    'does not fit',
    'instead of',
    'but received',
    'but i received',
    'twice',
    'charged twice',
    'double charg',
    'duplicate charge',
    'overcharg',
    'changed my mind',
    'no longer need',
    // German
    'kaputt',
    'beschadigt',
    'defekt',
    'gebrochen',
    'gerissen',
    'zerkratzt',
    'funktioniert nicht',
    'geht nicht',
    'falsch',
    'fehlt',
    'fehlen',
    'unvollstandig',
    'nicht angekommen',
    'verspatet',
    'anders als',
    'zu klein',
    'zu gross',
    'passt nicht',
    'doppelt',
    'zweimal',
    'statt',
    'anstatt',
    // Spanish
    'roto',
    'rota',
    'danad',
    'defectuos',
    'no funciona',
    'dejo de funcionar',
    'incorrect',
    'equivocad',
    'falta',
    'incomplet',
    'no ha llegado',
    'no llego',
    'llego tarde',
    'diferente',
    'distint',
    'no me queda',
    'dos veces',
    'en lugar de',
    'en vez de',
    'duplicad',
    // French
    'casse',
    'endommag',
    'defectueu',
    'ne fonctionne pas',
    'ne marche pas',
    'mauvais',
    'manque',
    'pas arrive',
    'en retard',
    'different',
    'trop petit',
    'trop grand',
    'deux fois',
    'au lieu de',
  ],
  supports: ['because', 'since', 'due to', 'weil', 'denn', 'porque', 'ya que', 'parce que', 'car '],
};

/** Who is affected and how badly: people blocked, money or time at stake, a deadline. */
export const IMPACT_CUE: SentenceCue = {
  marks: [
    // English
    'block',
    "can't work",
    'cannot work',
    'unable to',
    "can't log in",
    'cannot log in',
    'nobody can',
    'no one can',
    'users',
    'colleagues',
    'our customers',
    'whole team',
    'everyone',
    'deadline',
    'losing',
    'lost',
    'revenue',
    'sales',
    'outage',
    'production',
    'unusable',
    'need them for',
    'need it for',
    'need it by',
    'need them by',
    'cancel',
    'switch',
    // German
    'blockiert',
    'nicht arbeiten',
    'kann nicht',
    'konnen nicht',
    'niemand kann',
    'benutzer',
    'kollegen',
    'unsere kunden',
    'frist',
    'verlieren',
    'verlust',
    'umsatz',
    'ausfall',
    'unbrauchbar',
    'kundigen',
    // Spanish
    'bloque',
    'no podemos',
    'no puedo',
    'nadie puede',
    'usuarios',
    'companeros',
    'nuestros clientes',
    'plazo',
    'perdiendo',
    'perdida',
    'ventas',
    'caida',
    'inutilizable',
    'cancelar',
    // French
    'bloque',
    'ne peut',
    'ne pouvons',
    'personne ne peut',
    'utilisateurs',
    'collegues',
    'nos clients',
    'delai',
    'perdons',
    'perte',
    'ventes',
    'panne',
    'inutilisable',
    'resilier',
  ],
  supports: [
    'today',
    'tomorrow',
    'urgent',
    'asap',
    'heute',
    'morgen',
    'dringend',
    'hoy',
    'manana',
    'urgente',
    "aujourd'hui",
    'demain',
  ],
};

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘]/g, "'");

const compiled = new WeakMap<SentenceCue, { marks: RegExp; supports?: RegExp }>();

/** Stems as one pattern; a stem must start a word (no letter right before it). */
function regexOf(stems: readonly string[], flags: string): RegExp {
  const escaped = stems.map((s) => fold(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}])(?:${escaped.join('|')})`, flags);
}

function patterns(cue: SentenceCue) {
  let found = compiled.get(cue);
  if (!found) {
    found = {
      marks: regexOf(cue.marks, 'gu'),
      ...(cue.supports ? { supports: regexOf(cue.supports, 'u') } : {}),
    };
    compiled.set(cue, found);
  }
  return found;
}

/** How strongly a sentence carries the cue: distinct marks found, plus half a point for a support. */
export function cueScore(sentence: string, cue: SentenceCue): number {
  const folded = fold(sentence);
  const { marks, supports } = patterns(cue);
  const hits = new Set(folded.match(marks) ?? []);
  if (!hits.size) return 0;
  return hits.size + (supports?.test(folded) ? 0.5 : 0);
}

/** The sentence that carries the cue most (the earlier one on a tie), or undefined when none does. */
export function mostRelevant(sentences: readonly string[], cue: SentenceCue): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const sentence of sentences) {
    const score = cueScore(sentence, cue);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

/** "Hello, the jug arrived cracked." -> "the jug arrived cracked.": a greeting says nothing about the ticket. */
const GREETING =
  /^(?:hello|hi|hey|dear [^,]{1,40}|good (?:morning|afternoon|evening)|hallo|guten (?:tag|morgen|abend)|liebe[rs]? [^,]{1,40}|hola|buen[oa]s (?:dias|días|tardes|noches)|estimad[oa]s?(?: [^,]{1,40})?|bonjour|bonsoir|salut)\s*[,!:]\s*/iu;

export function withoutGreeting(sentence: string): string {
  const rest = sentence.replace(GREETING, '');
  return rest.length > 3 ? rest.charAt(0).toUpperCase() + rest.slice(1) : sentence;
}
