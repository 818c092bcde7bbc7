import type { TicketContext } from '../context/ticket-context';
import type { FillRequest, Provider, RawAnswer, RawField, RawRisk } from '../llm/provider';
import { type FieldMeta, fieldMeta } from '../templates/define';
import type { RiskCategory } from '../templates/suggestion';
import {
  amounts,
  cues,
  dates,
  distinct,
  type Extraction,
  emails,
  language,
  orderNumbers,
  phones,
  riskCues,
  sentiment,
  urls,
} from './extractors';
import { cognateOption, languageOption } from './named-option';
import { byOptionLabels, urgentOption } from './option-labels';
import type { EnumLearner } from './ports';
import { IMPACT_CUE, mostRelevant, PROBLEM_CUE, type SentenceCue, withoutGreeting } from './salient';

/**
 * The local engine: fills what deterministic extractors can read, with the quotes they read it from;
 * choice fields use the learner (when one is wired in and does not abstain), else the words of the
 * desk's option names; everything else is left empty so grounding shows it as missing. No network,
 * deterministic.
 */
export function createLocalProvider(options: { learner?: EnumLearner } = {}): Provider {
  return {
    kind: 'local',
    model: 'deskmate-local-1',
    fill: (request) => localFill(request, options.learner),
  };
}

const EMPTY: RawField = { value: null, evidence: [], confidence: 0 };

function customerText(context: TicketContext): string {
  const customer = context.messages.filter((m) => m.role === 'customer').map((m) => m.text);
  return customer.length ? customer.join('\n\n') : context.messages.map((m) => m.text).join('\n\n');
}

function fromHit(hit: Extraction<string> | undefined, confidence: number): RawField {
  return hit ? { value: hit.value, evidence: [hit.quote], confidence } : EMPTY;
}

/** The latest mention wins (customers correct themselves); grounding flags the other as a conflict. */
function latest<T>(hits: Extraction<T>[]): Extraction<T> | undefined {
  return hits[hits.length - 1];
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function labeled(meta: FieldMeta, text: string): RawField | undefined {
  for (const label of meta.labels ?? []) {
    const m = new RegExp(`^[ \\t]*${escapeRe(label)}[ \\t]*:[ \\t]*(.+)$`, 'im').exec(text);
    const value = m?.[1]?.trim();
    if (value) return { value, evidence: [value], confidence: 0.85 };
  }
  return undefined;
}

function environment(meta: FieldMeta, text: string): RawField {
  const fromLabel = labeled(meta, text);
  if (fromLabel) return fromLabel;
  const re =
    /\b(?:Windows \d+(?: Pro| Home| Enterprise)?|macOS(?: \d+(?:\.\d+)*)?|iOS \d+(?:\.\d+)*|Android \d+|Ubuntu(?: \d+(?:\.\d+)*)?|Chrome \d+|Firefox \d+|Safari \d+|Edge \d+|version \d+(?:\.\d+)+|\d+ GB RAM)/gi;
  const quotes = [...new Set(text.match(re) ?? [])];
  return quotes.length ? { value: quotes.join(', '), evidence: quotes, confidence: 0.7 } : EMPTY;
}

function customerAsk(context: TicketContext): RawField {
  const asks = sentences(customerText(context)).filter((s) =>
    /\?|\b(please|i'd like|i would like|i want|can you|could you|i need)\b/i.test(s),
  );
  const ask = latest(asks.map((s, i) => ({ value: s, quote: s, index: i })));
  return ask ? { value: ask.value, evidence: [ask.quote], confidence: 0.55 } : EMPTY;
}

/**
 * The customer's sentence that carries the cue most (lib/engine/salient.ts), or an empty field that
 * says why, so the panel asks instead of showing the ticket's first sentence.
 */
function relevantSentence(context: TicketContext, cue: SentenceCue, why: string): RawField {
  const hit = mostRelevant(sentences(customerText(context)), cue);
  return hit ? { value: withoutGreeting(hit), evidence: [hit], confidence: 0.5 } : { ...EMPTY, note: why };
}

function agentActions(context: TicketContext): RawField {
  const done = context.messages
    .filter((m) => m.role !== 'customer')
    .map((m) =>
      sentences(m.text).find((s) => /\b(I've|I have|we've|we have|asked|sent|checked|refunded)\b/i.test(s)),
    )
    .filter((s): s is string => Boolean(s));
  return done.length ? { value: done.join('\n'), evidence: done, confidence: 0.6 } : EMPTY;
}

function facts(context: TicketContext): RawField {
  const text = customerText(context);
  const quotes = [
    ...distinct(orderNumbers(text)).map((h) => h.quote),
    ...distinct(amounts(text), (v) => `${v.amount}${v.currency}`).map((h) => h.quote),
  ];
  return quotes.length ? { value: quotes, evidence: quotes, confidence: 0.8 } : EMPTY;
}

function replyDraft(context: TicketContext, answer: Record<string, RawField>): RawField {
  const name = context.requester?.name?.split(/\s+/)[0];
  const text = customerText(context);
  const order = latest(orderNumbers(text));
  const mood = sentiment(text).value;
  const lang = language(text)?.value ?? 'en';
  if (lang !== 'en') return EMPTY; // The local engine writes English only; a model writes the rest.
  const lines = [
    `Hi${name ? ` ${name}` : ''},`,
    '',
    mood === 'negative'
      ? "I'm sorry about the trouble and the wait, and thank you for your patience."
      : 'Thank you for contacting us.',
    order
      ? `I'm looking into order ${order.value} now and will update you as soon as I have news.`
      : "I'm looking into this now and will update you as soon as I have news.",
    '',
    'Best regards,',
  ];
  const evidence = [...(order ? [order.quote] : []), ...(answer.factsUsed?.evidence ?? [])];
  return { value: lines.join('\n'), evidence: [...new Set(evidence)], confidence: 0.4 };
}

function handoffNote(answer: Record<string, RawField>): RawField {
  const part = (label: string, f?: RawField) => (f?.value ? `${label}: ${String(f.value)}` : undefined);
  const parts = [
    part('Issue', answer.issue),
    part('Customer impact', answer.customerImpact),
    part('Actions taken', answer.actionsTaken),
    part('Ask', answer.ask),
  ].filter(Boolean);
  if (parts.length < 2) return EMPTY;
  const evidence = ['issue', 'customerImpact', 'actionsTaken', 'ask'].flatMap(
    (k) => answer[k]?.evidence ?? [],
  );
  return { value: parts.join('\n'), evidence, confidence: 0.5 };
}

async function fillField(
  name: string,
  meta: FieldMeta,
  request: FillRequest,
  answer: Record<string, RawField>,
  learner?: EnumLearner,
): Promise<RawField> {
  const { context, template } = request;
  const text = customerText(context);
  switch (meta.local) {
    case 'order-number':
      return fromHit(latest(orderNumbers(text)), 0.9);
    case 'email':
      return fromHit(latest(emails(text)), 0.9);
    case 'phone':
      return fromHit(latest(phones(text)), 0.85);
    case 'url':
      return fromHit(latest(urls(text)), 0.85);
    case 'amount': {
      const hit = amounts(text)[0];
      return hit ? { value: hit.value.amount, evidence: [hit.quote], confidence: 0.85 } : EMPTY;
    }
    case 'currency': {
      const hit = amounts(text)[0];
      return hit ? { value: hit.value.currency, evidence: [hit.quote], confidence: 0.85 } : EMPTY;
    }
    case 'date':
      return fromHit(dates(text)[0], 0.7);
    case 'language': {
      const hit = language(text);
      const options = meta.options;
      if (!hit) return EMPTY;
      // The desk's own option for the language ("English", "Deutsch"), else its "Other" if it has one.
      const value = options
        ? (languageOption(options, hit.value) ?? cognateOption(options, 'other'))
        : hit.value;
      return value ? { value, evidence: hit.quote ? [hit.quote] : [], confidence: 0.8 } : EMPTY;
    }
    case 'sentiment': {
      const s = sentiment(text);
      const options = meta.options ?? [];
      const evidence = s.evidence.map((e) => e.quote).slice(0, 3);
      const mood = cognateOption(options, s.value);
      if (mood) return { value: mood, evidence, confidence: 0.65 };
      // A reply's tone follows the customer's mood.
      const tone = cognateOption(options, s.value === 'negative' ? 'apologetic' : 'friendly');
      return tone ? { value: tone, evidence, confidence: 0.6 } : EMPTY;
    }
    case 'subject':
      return context.subject
        ? { value: context.subject, evidence: [context.subject], confidence: 0.5 }
        : EMPTY;
    case 'first-customer-message': {
      const first = context.messages.find((m) => m.role === 'customer');
      const s = first ? sentences(first.text)[0] : undefined;
      return s ? { value: s, evidence: [s], confidence: 0.5 } : EMPTY;
    }
    case 'labeled':
      return labeled(meta, text) ?? EMPTY;
    case 'environment':
      return environment(meta, text);
    case 'agent-actions':
      return agentActions(context);
    case 'customer-ask':
      return customerAsk(context);
    case 'reason':
      return relevantSentence(context, PROBLEM_CUE, 'No sentence in the ticket says what is wrong.');
    case 'impact':
      return relevantSentence(context, IMPACT_CUE, 'The ticket does not say who is affected or how badly.');
    case 'facts':
      return facts(context);
    case 'compose':
      return template.id === 'escalation-handoff' ? handoffNote(answer) : replyDraft(context, answer);
    default:
      break;
  }
  if (meta.kind === 'enum' && meta.options?.length) {
    const cold = coldStart(meta, meta.options, text);
    const site = context.site;
    const learned = learner
      ? await learnedChoice(learner, template.id, name, site, text, meta.options)
      : undefined;
    // The learner knows this team's habits; the option names are all there is before it does. Its
    // calibrated confidence and the cold start's are on the same scale, so the surer one is shown.
    const chosen =
      learned && (!cold || learned.confidence >= cold.confidence)
        ? { ...learned, evidence: cold?.value === learned.value ? cold.evidence : [] }
        : cold;
    const gone = (await learner?.goneOptions?.(template.id, name, site, meta.options).catch(() => [])) ?? [];
    const base = chosen ?? EMPTY;
    if (gone.length) return { ...base, note: [base.note, goneNote(gone)].filter(Boolean).join(' ') };
    return base;
  }
  return EMPTY;
}

/**
 * The learner's answer for a choice field. A confident prediction (`predict`) is offered as learned;
 * below the abstention threshold its best guess (`explain`) is still offered, with its calibrated
 * confidence and a note saying it is a guess, because a low-confidence value the agent checks beats an
 * empty field: the panel never pre-accepts it, and `auto` only ever takes fields measured accurate.
 */
async function learnedChoice(
  learner: EnumLearner,
  templateId: string,
  field: string,
  site: string,
  text: string,
  options: readonly string[],
): Promise<RawField | undefined> {
  const sure = await learner.predict(templateId, field, site, text, options).catch(() => undefined);
  if (sure && options.includes(sure.value)) {
    return {
      value: sure.value,
      evidence: [],
      confidence: sure.confidence,
      source: 'memory',
      note: 'Learned from your team’s corrections.',
    };
  }
  const guess = await learner.explain?.(templateId, field, site, text, options).catch(() => undefined);
  if (!guess || !options.includes(guess.value)) return undefined;
  return {
    value: guess.value,
    evidence: [],
    confidence: guess.confidence,
    source: 'memory',
    note: `Best guess from your team’s corrections (${Math.round(guess.confidence * 100)} % sure): check it.`,
  };
}

/** Said once per value (the learner remembers): the desk renamed or removed what the team taught. */
function goneNote(gone: readonly string[]): string {
  const list = gone.map((v) => `“${v}”`).join(', ');
  return gone.length === 1
    ? `The desk no longer offers ${list}, learned from your team’s corrections: it is not suggested.`
    : `The desk no longer offers ${list}, learned from your team’s corrections: they are not suggested.`;
}

/**
 * Before any correction: a priority from the ticket's urgency cues (the desk's own "high" level), any
 * other choice from the words of the desk's option names (lib/engine/option-labels.ts).
 */
function coldStart(meta: FieldMeta, options: readonly string[], text: string): RawField | undefined {
  if (meta.local === 'urgency') {
    const hits = distinct(cues(text, 'urgency'));
    const high = hits.length ? urgentOption(options) : undefined;
    return high
      ? {
          value: high,
          evidence: hits.map((h) => h.quote).slice(0, 3),
          confidence: Math.min(0.4 + 0.1 * hits.length, 0.6),
        }
      : undefined;
  }
  return byOptionLabels(options, text);
}

const RISK_ORDER: RiskCategory[] = ['legal', 'safety', 'security', 'churn', 'compliance', 'abuse'];

/** Risk cues grouped by category, for templates that ask for risk signals. */
export function localRisks(context: TicketContext): RawRisk[] {
  const hits = riskCues(customerText(context));
  return RISK_ORDER.flatMap((category) => {
    const quotes = [...new Set(hits.filter((h) => h.category === category).map((h) => h.quote))];
    if (!quotes.length) return [];
    return [
      {
        category,
        confidence: Math.min(0.45 + 0.15 * quotes.length, 0.9),
        evidence: quotes,
        rationale: `The customer wrote: ${quotes.map((q) => `"${q}"`).join(', ')}.`,
      },
    ];
  });
}

/** Fill the requested fields in schema order (composed fields may read the ones before them). */
export async function localFill(request: FillRequest, learner?: EnumLearner): Promise<RawAnswer> {
  const answer: Record<string, RawField> = {};
  for (const name of Object.keys(request.template.schema.shape)) {
    const meta = fieldMeta(request.template, name);
    if (!meta) continue;
    request.signal?.throwIfAborted();
    answer[name] = await fillField(name, meta, request, answer, learner);
  }
  const fields = Object.fromEntries(request.fields.map((f) => [f, answer[f] ?? EMPTY]));
  request.onPartial?.(fields);
  return { fields, risks: request.template.riskSignals ? localRisks(request.context) : [] };
}
