/**
 * The accuracy bench's replay (test/bench/accuracy.ts, issue #19): a labelled ticket set worked through
 * as an agent's day, one ticket at a time, through the product's own path. Per ticket:
 *   1. a TicketContext as an adapter builds it (lib/sites/read.ts finish()), with one single-choice desk
 *      field whose options are the set's label names;
 *   2. the triage template through the suggestion pipeline (lib/suggest/pipeline.ts: binding, redaction,
 *      local engine or OpenAI-compatible provider, grounding), with the background's learner and
 *      retrieval over Dexie (fake-indexeddb in Node);
 *   3. the true label applied as the agent's correction: recorded by lib/memory/record.ts and learned by
 *      lib/memory/service.ts learnFromRecorded, the code behind the panel's Apply (`corrections.record`).
 * Factored out of the CLI so a unit test can check it on a tiny set (test/unit/bench/accuracy.test.ts).
 */
import { performance } from 'node:perf_hooks';
import { type TicketContext, ticketText } from '../../lib/context/ticket-context';
import type { DeskmateDb } from '../../lib/db/db';
import { expectedCalibrationError } from '../../lib/learner/calibration';
import { LocalLearner, type LocalLearnerOptions } from '../../lib/learner/registry';
import { RecordRequest, recordCorrections } from '../../lib/memory/record';
import { redactForMemory } from '../../lib/memory/redaction';
import { CorrectionRetrieval } from '../../lib/memory/retrieval';
import { learnFromRecorded } from '../../lib/memory/service';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { finish } from '../../lib/sites/read';
import { runSuggestion } from '../../lib/suggest/pipeline';
import { bindTemplate } from '../../lib/templates/bind';
import { fieldMeta, fieldNames } from '../../lib/templates/define';
import { getTemplate } from '../../lib/templates/registry';

export interface LabelledTicket {
  text: string;
  label: string;
  language?: string;
}

/** What the agent was shown for the bound field on one ticket, and how long the suggestion took. */
export interface TicketOutcome {
  label: string;
  /** The suggested value (null when the field was left missing). */
  value: string | null;
  confidence: number;
  /** Who answered: 'local' (option names), 'memory' (the learner), 'model'... */
  source: string;
  correct: boolean;
  /** Suggestion time (context to grounded suggestion), ms. */
  ms: number;
  /** Recording and learning the correction, ms (the background does this after Apply). */
  learnMs: number;
  language?: string;
}

export interface ReplayOptions {
  database: DeskmateDb;
  /** The desk's options: the set's label names. */
  options: readonly string[];
  /** The desk field the triage category binds to. */
  deskField?: { id: string; label: string };
  /** Default: the product's defaults (local engine, learning on). */
  settings?: Settings;
  /** The learner's options; the background's defaults when absent (experiments only). */
  learner?: LocalLearnerOptions;
  /** Called after each ticket (progress). */
  onTicket?: (index: number, outcome: TicketOutcome) => void;
}

const TEMPLATE = 'triage';
const FIELD = 'category';

/** The context an adapter's finish() builds for a ticket page showing this text and the choice field. */
export function ticketContext(
  index: number,
  text: string,
  options: readonly string[],
  deskField = { id: 'category', label: 'Category' },
): TicketContext {
  const key = String(index + 1);
  const read = finish('bench', new URL(`https://desk.example/tickets/${key}`), {
    ticketKey: key,
    messages: [{ author: 'Customer', role: 'customer', text }],
    deskFields: [
      {
        id: deskField.id,
        label: deskField.label,
        kind: 'single',
        options: options.map((o) => ({ value: o, label: o })),
        writable: true,
      },
    ],
    notShown: {
      subject: 'not in the set',
      'requester.name': 'not in the set',
      'requester.email': 'not in the set',
      status: 'not in the set',
      priority: 'not in the set',
      queue: 'not in the set',
    },
  });
  if (!read.ok) throw new Error(read.reason);
  return read.context;
}

/** Replays the tickets in order and returns what was shown for each. */
export async function replay(
  tickets: readonly LabelledTicket[],
  options: ReplayOptions,
): Promise<TicketOutcome[]> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const { database } = options;
  // As lib/memory/service.ts wires them in the background, over this database.
  const learner = new LocalLearner(() => database, options.learner);
  const retrieval = new CorrectionRetrieval(() => database);
  const learning = settings.learning.enabled;
  const template = getTemplate(settings, TEMPLATE);
  if (!template) throw new Error(`No template ${TEMPLATE}.`);
  const outcomes: TicketOutcome[] = [];
  for (const [i, ticket] of tickets.entries()) {
    const context = ticketContext(i, ticket.text, options.options, options.deskField);
    // The template as the panel shows it on this page (its enum fields are what Apply reports).
    const bound = bindTemplate(template, context, settings.templates.bindings);
    const started = performance.now();
    const suggestion = await runSuggestion(
      { context, templateId: TEMPLATE },
      { settings, ...(learning ? { learner, examples: retrieval } : {}) },
    );
    const ms = performance.now() - started;
    const state = suggestion.fields[FIELD];
    const value = typeof state?.value === 'string' && state.value ? state.value : null;

    // The agent applies the true label: what lib/panel/wiring.ts sends as `corrections.record`, handled
    // as lib/memory/handlers.ts does.
    const applied = performance.now();
    const enumFields = fieldNames(bound).filter((name) => fieldMeta(bound, name)?.kind === 'enum');
    const { rows } = await recordCorrections(
      RecordRequest.parse({
        suggestion,
        kept: { [FIELD]: ticket.label },
        text: ticketText(context),
        enumFields,
      }),
      { database, redact: (text) => redactForMemory(text, settings), learnable: learning },
    );
    if (learning) await learnFromRecorded(rows, learner, retrieval);
    // An agent takes minutes per ticket: a consolidation the correction started is over by the next one.
    await learner.settled();
    const learnMs = performance.now() - applied;

    const outcome: TicketOutcome = {
      label: ticket.label,
      value,
      confidence: value === null ? 0 : (state?.confidence ?? 0),
      source: state?.source ?? 'none',
      correct: value === ticket.label,
      ms,
      learnMs,
      ...(ticket.language ? { language: ticket.language } : {}),
    };
    outcomes.push(outcome);
    options.onTicket?.(i, outcome);
  }
  await learner.flush();
  return outcomes;
}

/** Ticket ranges the bench reports: the cold start, the first corrections, and the settled learner. */
export const WINDOWS: readonly { name: string; from: number; to: number }[] = [
  { name: 'tickets 1-50 (cold start)', from: 0, to: 50 },
  { name: 'tickets 51-200', from: 50, to: 200 },
  { name: 'tickets 201-1000', from: 200, to: 1000 },
  { name: 'tickets 1001+', from: 1000, to: Number.POSITIVE_INFINITY },
];

export interface WindowSummary {
  name: string;
  from: number;
  count: number;
  /** Right answers over all tickets of the window (a missing field is not right). */
  accuracy: number;
  /** Share of tickets with a value shown. */
  filled: number;
  /** The largest share of tickets a confidence threshold keeps with precision >= 0.95 / 0.90. */
  coverage95: number;
  coverage90: number;
  /** Expected calibration error of the shown confidence, over the tickets with a value. */
  ece: number;
}

/**
 * The largest share of the outcomes that a threshold on the shown confidence keeps with precision at
 * least `target`. Only thresholds a panel could set count: tickets of equal confidence are kept or
 * dropped together, and a ticket without a value is never kept.
 */
export function coverageAtPrecision(outcomes: readonly TicketOutcome[], target: number): number {
  if (!outcomes.length) return 0;
  const shown = outcomes.filter((o) => o.value !== null).sort((a, b) => b.confidence - a.confidence);
  let hits = 0;
  let best = 0;
  for (let i = 0; i < shown.length; i++) {
    hits += shown[i]?.correct ? 1 : 0;
    const next = shown[i + 1];
    if (next && next.confidence === shown[i]?.confidence) continue;
    if (hits / (i + 1) >= target) best = i + 1;
  }
  return best / outcomes.length;
}

export function summarize(outcomes: readonly TicketOutcome[], name: string, from = 0): WindowSummary {
  const shown = outcomes.filter((o) => o.value !== null);
  const n = outcomes.length;
  return {
    name,
    from,
    count: n,
    accuracy: n ? outcomes.filter((o) => o.correct).length / n : 0,
    filled: n ? shown.length / n : 0,
    coverage95: coverageAtPrecision(outcomes, 0.95),
    coverage90: coverageAtPrecision(outcomes, 0.9),
    ece: shown.length ? expectedCalibrationError(shown) : 0,
  };
}

/** One summary per window the outcomes reach. */
export function windows(outcomes: readonly TicketOutcome[]): WindowSummary[] {
  return WINDOWS.filter((w) => w.from < outcomes.length).map((w) =>
    summarize(outcomes.slice(w.from, w.to), w.name, w.from),
  );
}

/** Accuracy per language (tickets that carry one), most tickets first. */
export function byLanguage(
  outcomes: readonly TicketOutcome[],
): { language: string; count: number; accuracy: number }[] {
  const groups = new Map<string, TicketOutcome[]>();
  for (const o of outcomes) {
    if (!o.language) continue;
    const list = groups.get(o.language) ?? [];
    list.push(o);
    groups.set(o.language, list);
  }
  return [...groups]
    .map(([language, list]) => ({
      language,
      count: list.length,
      accuracy: list.filter((o) => o.correct).length / list.length,
    }))
    .sort((a, b) => b.count - a.count);
}

/** The value at quantile q (0..1) of a list of numbers (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
