import type { TicketContext } from '../context/ticket-context';
import type { Evidence, RiskSignal, Suggestion } from '../templates/suggestion';
import { edgeCases } from './edges';
import { foldPattern, foldText, keywordsPattern } from './fold';
import type {
  Condition,
  EscalationFlag,
  EscalationHint,
  EscalationResult,
  EscalationRule,
  Severity,
} from './rules';
import { angerCue } from './sentiment';
import { findAll, groundEvidence, inScope, type Segment, segments, uniqueEvidence } from './text';
import { amountsIn, numberOf, readField, timeOf } from './values';

/**
 * Escalation is pure code over the ticket: rules read the text and fields, the model's risk signals
 * can only add flags or hints. Nothing in the ticket or in model output can switch a rule off, and
 * evaluating has no side effects (no messages, no storage, nothing applied to the page).
 */

export interface EvaluateOptions {
  rules: readonly EscalationRule[];
  /** Model risk signals at or over this confidence are flags; below, hints. */
  signalThreshold: number;
  /** "Now" for date conditions; defaults to when the ticket was read, so results are reproducible. */
  now?: number;
}

/** Why a condition held: the quotes that made it true (a condition with no quote still holds). */
type Outcome = { holds: false } | { holds: true; evidence: Evidence[] };

const NO: Outcome = { holds: false };
const yes = (evidence: Evidence[] = []): Outcome => ({ holds: true, evidence });

interface Inputs {
  context: TicketContext;
  suggestion?: Suggestion;
  all: Segment[];
  now: number;
}

const regexCache = new Map<string, RegExp>();
function cached(source: string): RegExp {
  let regex = regexCache.get(source);
  if (!regex) {
    regex = new RegExp(source, 'giu');
    if (regexCache.size > 2000) regexCache.clear();
    regexCache.set(source, regex);
  }
  return regex;
}

function textMatches(regexes: RegExp[], scoped: Segment[]): Evidence[] {
  const evidence: Evidence[] = [];
  for (const regex of regexes) for (const s of scoped) evidence.push(...findAll(s, regex, 2));
  return evidence;
}

function check(condition: Condition, inputs: Inputs): Outcome {
  const { context, suggestion, all, now } = inputs;
  switch (condition.kind) {
    case 'text': {
      const regexes = [
        ...(condition.keywords.length ? [cached(keywordsPattern(condition.keywords))] : []),
        ...condition.patterns.map((p) => cached(foldPattern(p))),
      ];
      const evidence = textMatches(regexes, inScope(all, condition.scope));
      return evidence.length > 0 ? yes(evidence) : NO;
    }
    case 'field-equals': {
      const wanted = new Set(condition.values.map((v) => foldText(v).trim()));
      const hits = readField(condition.field, context, suggestion).filter((r) => {
        const values = Array.isArray(r.value) ? r.value : [String(r.value)];
        return values.some((v) => wanted.has(foldText(v).trim()));
      });
      return hits.length > 0 ? yes(hits.flatMap((h) => h.evidence)) : NO;
    }
    case 'field-over': {
      const hits = readField(condition.field, context, suggestion).filter((r) => {
        const n = numberOf(r.value);
        return n !== undefined && (condition.inclusive ? n >= condition.over : n > condition.over);
      });
      return hits.length > 0 ? yes(hits.flatMap((h) => h.evidence)) : NO;
    }
    case 'field-older-than': {
      const limit = now - condition.days * 86_400_000;
      const hits = readField(condition.field, context, suggestion).filter((r) => {
        const t = timeOf(r.value);
        return t !== undefined && t < limit;
      });
      return hits.length > 0 ? yes(hits.flatMap((h) => h.evidence)) : NO;
    }
    case 'amount': {
      const near = condition.near.length ? [cached(keywordsPattern(condition.near))] : [];
      const evidence: Evidence[] = [];
      for (const s of inScope(all, condition.scope)) {
        const big = amountsIn(s).filter((a) => a.amount > condition.over);
        if (big.length === 0) continue;
        const nearHits = near.length > 0 ? textMatches(near, [s]) : [];
        if (near.length > 0 && nearHits.length === 0) continue;
        evidence.push(...big.map((a) => a.evidence), ...nearHits);
      }
      return evidence.length > 0 ? yes(evidence) : NO;
    }
    case 'requester': {
      const email = context.requester?.email?.trim().toLowerCase();
      if (!email) return NO;
      const domain = email.slice(email.lastIndexOf('@') + 1);
      const listed =
        condition.emails.some((e) => e.trim().toLowerCase() === email) ||
        condition.domains.some((d) => {
          const want = d.trim().toLowerCase().replace(/^@/, '');
          return domain === want || domain.endsWith(`.${want}`);
        });
      return listed ? yes([{ quote: context.requester?.email ?? email }]) : NO;
    }
    case 'sentiment': {
      const wanted = new Set(condition.values.map((v) => foldText(v).trim()));
      const fromField = readField(condition.field, context, suggestion).filter((r) =>
        wanted.has(foldText(String(r.value)).trim()),
      );
      if (fromField.length > 0) return yes(fromField.flatMap((r) => r.evidence));
      if (!condition.local) return NO;
      const cue = angerCue(inScope(all, 'customer'));
      return cue.cues >= condition.minCues ? yes(cue.evidence) : NO;
    }
    case 'unanswered': {
      const waiting: Evidence[] = [];
      let answered = false;
      for (let i = context.messages.length - 1; i >= 0; i--) {
        const m = context.messages[i];
        if (m?.role === 'agent') {
          answered = true;
          break;
        }
        if (m?.role === 'customer') waiting.unshift({ quote: firstSentence(m.text), messageIndex: i });
      }
      // Never answered: the first customer message is the request itself, not a reply.
      if (!answered) waiting.shift();
      return waiting.length >= condition.atLeast ? yes(waiting) : NO;
    }
  }
}

function firstSentence(text: string): string {
  const m = text.match(/^[\s\S]{1,160}?[.!?](?=\s|$)/);
  return (m ? m[0] : text.slice(0, 160)).trim();
}

/** Does the rule fire, and on what evidence? */
export function fireRule(rule: EscalationRule, inputs: Inputs): Evidence[] | undefined {
  if (!rule.enabled) return undefined;
  const evidence: Evidence[] = [];
  for (const c of rule.all) {
    const o = check(c, inputs);
    if (!o.holds) return undefined;
    evidence.push(...o.evidence);
  }
  if (rule.any.length > 0) {
    let any = false;
    for (const c of rule.any) {
      const o = check(c, inputs);
      if (o.holds) {
        any = true;
        evidence.push(...o.evidence);
      }
    }
    if (!any) return undefined;
  }
  for (const c of rule.none) if (check(c, inputs).holds) return undefined;
  return uniqueEvidence(evidence);
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

function modelSignals(
  context: TicketContext,
  risks: readonly RiskSignal[],
  threshold: number,
): { flags: { flag: EscalationFlag; risk: RiskSignal }[]; hints: EscalationHint[] } {
  const flags: { flag: EscalationFlag; risk: RiskSignal }[] = [];
  const hints: EscalationHint[] = [];
  for (const risk of risks) {
    // A model quote that is not in the ticket is not evidence; it is kept out of the banner.
    const { grounded, ungrounded } = groundEvidence(context, risk.evidence);
    if (risk.confidence >= threshold) {
      const flag: EscalationFlag = {
        ruleId: `model:${risk.category}`,
        source: 'model',
        severity: 'warning',
        // The confidence is shown next to the reason by the banner; the rationale is the model's.
        reason: `The model sees a ${risk.category} risk.${risk.rationale ? ` ${risk.rationale}` : ''}`,
        evidence: grounded,
        confidence: risk.confidence,
      };
      flags.push({ flag, risk });
    } else {
      hints.push({
        category: risk.category,
        confidence: risk.confidence,
        evidence: grounded,
        ungrounded,
        ...(risk.rationale ? { rationale: risk.rationale } : {}),
      });
    }
  }
  return { flags, hints };
}

/**
 * Evaluate the rules over a ticket, add the model's risk signals, and list the edge cases. Rule
 * flags come first (most severe first); model flags follow; hints and edges are separate.
 */
export function evaluate(
  context: TicketContext,
  suggestion: Suggestion | undefined,
  options: EvaluateOptions,
): EscalationResult {
  // A suggestion made for another ticket must not lend it its fields (edges report the mismatch).
  const own =
    suggestion && suggestion.site === context.site && suggestion.ticketKey === context.ticketKey
      ? suggestion
      : undefined;
  const inputs: Inputs = {
    context,
    suggestion: own,
    all: segments(context),
    now: options.now ?? context.readAt,
  };
  const ruleFlags: EscalationFlag[] = [];
  for (const rule of options.rules) {
    const evidence = fireRule(rule, inputs);
    if (!evidence) continue;
    ruleFlags.push({
      ruleId: rule.id,
      source: 'rule',
      severity: rule.severity,
      reason: rule.reason,
      evidence,
      ...(rule.routing ? { routing: rule.routing } : {}),
    });
  }
  ruleFlags.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const model = modelSignals(context, own?.risks ?? [], options.signalThreshold);
  // A model flag that agrees with a fired rule of its category is shown on that rule, not twice.
  const categoryOf = new Map(options.rules.map((r) => [r.id, r.category]));
  const separate: EscalationFlag[] = [];
  for (const { flag, risk } of model.flags) {
    const rule = ruleFlags.find((f) => categoryOf.get(f.ruleId) === risk.category);
    if (!rule) {
      separate.push(flag);
      continue;
    }
    rule.agreeing = [
      ...(rule.agreeing ?? []),
      {
        category: risk.category,
        confidence: risk.confidence,
        ...(risk.rationale ? { rationale: risk.rationale } : {}),
      },
    ];
  }
  return {
    flags: [...ruleFlags, ...separate],
    hints: model.hints,
    edges: edgeCases(context, suggestion),
  };
}
