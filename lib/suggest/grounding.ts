import type { z } from 'zod';
import type { TicketContext } from '../context/ticket-context';
import { amounts, distinct, type Extraction, emails, orderNumbers } from '../engine/extractors';
import type { RawAnswer, RawField, RawRisk } from '../llm/provider';
import { unboundChoice } from '../templates/bind';
import { type FieldMeta, fieldMeta, type Template } from '../templates/define';
import type {
  Candidate,
  Evidence,
  FieldSource,
  FieldState,
  FieldValue,
  RiskSignal,
} from '../templates/suggestion';

/**
 * Grounding: the step that decides each field's status from the ticket text, whatever the provider
 * claims. A value is `filled` only when its evidence is found in the ticket.
 */

/** Lower case, straight quotes, one space: quotes copied by a model match despite typography. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The places a quote can be found: the subject and fields (index -1) and each message. */
interface Haystack {
  parts: Array<{ messageIndex?: number; text: string }>;
}

function haystack(context: TicketContext): Haystack {
  const head = [context.subject ?? '', ...Object.values(context.fields)].join('\n');
  return {
    parts: [
      { text: normalize(head) },
      ...context.messages.map((m, i) => ({ messageIndex: i, text: normalize(m.text) })),
    ],
  };
}

/** Find a quote in the ticket; the trailing punctuation a model may add or drop is tolerated. */
export function locate(hay: Haystack, quote: string): Evidence | undefined {
  const q = normalize(quote).replace(/^["'\s]+|["'.,;:!?\s]+$/g, '');
  if (q.length < 1) return undefined;
  for (const part of hay.parts) {
    if (part.text.includes(q)) {
      return part.messageIndex === undefined ? { quote } : { quote, messageIndex: part.messageIndex };
    }
  }
  return undefined;
}

function asText(value: FieldValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.005;
  if (typeof a === 'string' && typeof b === 'string')
    return normalize(a.replace(/^#/, '')) === normalize(b.replace(/^#/, ''));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Distinct candidates the thread supports for a field whose extractor can see them (order numbers...). */
function threadCandidates(meta: FieldMeta, context: TicketContext): Candidate[] {
  const text = context.messages
    .filter((m) => m.role === 'customer')
    .map((m) => m.text)
    .join('\n\n');
  const toCandidates = <T>(hits: Extraction<T>[], value: (v: T) => FieldValue, key: (v: T) => string) =>
    distinct(hits, key).map((h) => {
      const all = hits.filter((x) => key(x.value) === key(h.value));
      return {
        value: value(h.value),
        evidence: [...new Set(all.map((x) => x.quote))].map((quote) => ({ quote })),
      };
    });
  switch (meta.local) {
    case 'order-number':
      return toCandidates(
        orderNumbers(text),
        (v) => v,
        (v) => v,
      );
    case 'email':
      return toCandidates(
        emails(text),
        (v) => v,
        (v) => v,
      );
    case 'amount':
      return toCandidates(
        amounts(text),
        (v) => v.amount,
        (v) => v.amount.toFixed(2),
      );
    default:
      return [];
  }
}

export interface GroundingInput {
  template: Template;
  /** The original (unredacted) context: quotes are checked against what the agent sees. */
  context: TicketContext;
  /** Already restored from redaction placeholders. */
  answer: RawAnswer;
  fields: readonly string[];
  source: FieldSource;
}

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

function missing(meta: FieldMeta, note?: string): FieldState {
  return {
    value: null,
    status: 'missing',
    evidence: [],
    confidence: 0,
    source: 'rule',
    ...(meta.required
      ? { question: meta.question ?? `Could you tell me the ${meta.label.toLowerCase()}?` }
      : {}),
    ...(note ? { note } : {}),
  };
}

/** The status of one field from the provider's raw answer. */
export function groundField(
  name: string,
  raw: RawField | undefined,
  template: Template,
  context: TicketContext,
  hay: Haystack,
  source: FieldSource,
): FieldState {
  const meta = fieldMeta(template, name);
  if (!meta) throw new Error(`Template ${template.id} has no field ${name}.`);
  const unbound = unboundChoice(meta);
  if (unbound) return missing(meta, unbound);
  const value = raw?.value ?? null;
  const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
  // A provider's note on an empty field (e.g. why it is empty) reaches the panel.
  if (!raw || empty) return missing(meta, raw?.note);

  const fieldSource = raw.source ?? source;
  const shape = template.schema.shape as Record<string, z.ZodType>;
  const valid = shape[name]?.safeParse(value);
  if (valid && !valid.success) {
    return {
      value,
      status: 'unsupported',
      evidence: [],
      confidence: 0,
      source: fieldSource,
      note: `Not a valid ${meta.label.toLowerCase()}: shown as a guess.`,
    };
  }

  const quotes = raw.evidence.filter((q) => q.trim());
  const found = quotes.map((q) => locate(hay, q));
  const evidence = found.filter((e): e is Evidence => Boolean(e));
  const notFound = quotes.filter((_, i) => !found[i]);
  let confidence = clamp(raw.confidence);

  if (notFound.length) {
    return {
      value,
      status: 'unsupported',
      evidence,
      confidence: Math.min(confidence, 0.3),
      source: fieldSource,
      note: `Not in the ticket: “${notFound[0]?.slice(0, 80)}”. Check before using.`,
    };
  }
  if (!evidence.length) {
    // A value that is itself a quote (an order number) grounds itself.
    const self = asText(value);
    const located = self ? locate(hay, self) : undefined;
    if (located) evidence.push(located);
    else if (meta.composed) confidence = Math.min(confidence, 0.6);
    else if (fieldSource === 'memory') {
      // The learner's enum guess is about the team's habits, not a claim about the text.
    } else {
      return {
        value,
        status: 'unsupported',
        evidence: [],
        confidence: Math.min(confidence, 0.3),
        source: fieldSource,
        note: 'No quote from the ticket supports this value.',
      };
    }
  }

  const candidates = threadCandidates(meta, context);
  if (candidates.length > 1) {
    const chosen = candidates.find((c) => sameValue(c.value, value));
    const ordered = chosen ? [chosen, ...candidates.filter((c) => c !== chosen)] : candidates;
    return {
      value,
      status: 'conflict',
      evidence,
      confidence: Math.min(confidence, 0.5),
      source: fieldSource,
      candidates: ordered,
      note: 'The ticket gives more than one value: pick the right one.',
    };
  }

  return {
    value,
    status: 'filled',
    evidence,
    confidence,
    source: fieldSource,
    ...(raw.note ? { note: raw.note } : {}),
  };
}

/** Risk signals keep only quotes found in the ticket; a signal with none found loses half its confidence. */
export function groundRisks(risks: RawRisk[], hay: Haystack): RiskSignal[] {
  return risks.map((r) => {
    const evidence = r.evidence.map((q) => locate(hay, q)).filter((e): e is Evidence => Boolean(e));
    const confidence = clamp(r.confidence) * (evidence.length || !r.evidence.length ? 1 : 0.5);
    return {
      category: r.category,
      confidence,
      evidence,
      ...(r.rationale ? { rationale: r.rationale } : {}),
    };
  });
}

/** Ground every requested field of an answer. */
export function ground(input: GroundingInput): { fields: Record<string, FieldState>; risks: RiskSignal[] } {
  const hay = haystack(input.context);
  const fields: Record<string, FieldState> = {};
  for (const name of input.fields) {
    fields[name] = groundField(
      name,
      input.answer.fields[name],
      input.template,
      input.context,
      hay,
      input.source,
    );
  }
  return { fields, risks: groundRisks(input.answer.risks, hay) };
}

export { haystack };
