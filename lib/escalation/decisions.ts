import type { Decision, DeskmateDb } from '../db/db';
import { ticketHash } from '../db/ticket-hash';
import type { Evidence } from '../templates/suggestion';
import type { DecisionRequest, DecisionSignal } from './messages';
import { DecisionRequest as DecisionRequestSchema } from './messages';
import type { EscalationResult } from './rules';

/** Model signals of an evaluation, as the decision log keeps them (flags and hints). */
export function decisionSignals(result: Pick<EscalationResult, 'flags' | 'hints'>): DecisionSignal[] {
  const quotes = (e: readonly Evidence[]) => e.map((x) => x.quote);
  return [
    ...result.flags
      .filter((f) => f.source === 'model')
      .map((f) => ({
        category: f.ruleId.replace(/^model:/, ''),
        confidence: f.confidence ?? 0,
        evidence: quotes(f.evidence),
        shownAs: 'flag' as const,
      })),
    ...result.flags.flatMap((f) =>
      (f.agreeing ?? []).map((a) => ({
        category: a.category,
        confidence: a.confidence,
        evidence: [],
        shownAs: 'flag' as const,
      })),
    ),
    ...result.hints.map((h) => ({
      category: h.category,
      confidence: h.confidence,
      evidence: quotes(h.evidence),
      shownAs: 'hint' as const,
    })),
  ];
}

/**
 * Store a decision. The ticket key is hashed (records never name the ticket); evidence quotes go
 * through `redact` first (the same data boundaries as the correction log).
 */
export async function recordDecision(
  database: DeskmateDb,
  input: DecisionRequest,
  redact: (text: string) => string,
  now = Date.now(),
): Promise<Decision & { id: number }> {
  const request = DecisionRequestSchema.parse(input);
  const decision: Decision = {
    site: request.site,
    ticketHash: await ticketHash(request.site, request.ticketKey),
    time: now,
    rulesFired: request.flags
      .filter((f) => f.source === 'rule')
      .map((f) => ({
        id: f.ruleId,
        severity: f.severity,
        reason: f.reason,
        evidence: f.evidence.map((e) => redact(e.quote)),
      })),
    signals: [
      ...request.signals,
      // Model flags passed only as flags still count as signals shown as flags.
      ...request.flags
        .filter(
          (f) => f.source === 'model' && !request.signals.some((s) => `model:${s.category}` === f.ruleId),
        )
        .map((f) => ({
          category: f.ruleId.replace(/^model:/, ''),
          confidence: f.confidence ?? 0,
          evidence: f.evidence.map((e) => e.quote),
          shownAs: 'flag' as const,
        })),
    ].map((s) => ({ ...s, evidence: s.evidence.map(redact) })),
    action: request.action,
    ...(request.reason ? { reason: redact(request.reason) } : {}),
    ...(request.templateId ? { templateId: request.templateId } : {}),
  };
  const id = await database.decisions.add(decision);
  return { ...decision, id: id as number };
}
