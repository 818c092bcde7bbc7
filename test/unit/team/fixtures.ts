import type { Correction, Decision, DeskEvent, DeskmateDb } from '@/lib/db/db';
import { hash64 } from '@/lib/db/records';
import { MetricEvent } from '@/lib/metrics/event-schema';
import { toDeskEvent } from '@/lib/metrics/events';

/** A 64-hex ticket hash, as ticketHash() makes them, from a label. */
export const hashOf = (label: string) => (hash64(label) + hash64(`${label}!`)).repeat(2);

const CATEGORIES = ['shipping', 'refund', 'billing', 'account'];

export interface AgentLog {
  events: DeskEvent[];
  corrections: Correction[];
  decisions: Decision[];
}

/**
 * One agent's records over `tickets` tickets: open, suggest, edit or accept, apply, sometimes escalate
 * or dismiss; a correction per field (category corrected on every third ticket, to billing).
 * Validated with the real event schema so the fixture never drifts from what the extension records.
 */
export function agentLog(options: {
  tickets: number;
  agent?: string;
  start?: number;
  site?: string;
  templateId?: string;
}): AgentLog {
  const { tickets, agent = 'a', start = 1_780_000_000_000, site = 'demo', templateId = 'triage' } = options;
  const events: DeskEvent[] = [];
  const corrections: Correction[] = [];
  const decisions: Decision[] = [];
  const event = (e: MetricEvent, time: number) => events.push(toDeskEvent(MetricEvent.parse(e), time));
  for (let i = 0; i < tickets; i++) {
    const t = start + i * 600_000;
    const ticketHash = hashOf(`${agent}-${site}-${i}`);
    const base = { site, ticketHash };
    const suggested = CATEGORIES[i % CATEGORIES.length] as string;
    const corrected = i % 3 === 0;
    const kept = corrected ? 'billing' : suggested;
    event({ type: 'panel.opened', ...base, templateId }, t);
    event({ type: 'suggestion.requested', ...base, templateId, data: { mode: 'assist' } }, t + 1000);
    event(
      {
        type: 'suggestion.ready',
        ...base,
        templateId,
        data: {
          mode: 'assist',
          latencyMs: 800 + (i % 7) * 100,
          provider: 'local',
          model: 'local',
          flags: i % 5 === 0 ? 1 : 0,
          filled: 3,
          missing: 1,
          conflict: 0,
          stale: 0,
          unsupported: i % 4 === 0 ? 1 : 0,
        },
      },
      t + 2000,
    );
    if (corrected) event({ type: 'field.edited', ...base, templateId, field: 'category' }, t + 30_000);
    event({ type: 'field.accepted', ...base, templateId, field: 'priority' }, t + 31_000);
    event(
      { type: 'applied', ...base, templateId, data: { mode: 'assist', fields: 2 } },
      t + 60_000 + i * 1000,
    );
    for (const [field, ai, keep] of [
      ['category', suggested, kept],
      ['priority', 'normal', 'normal'],
    ] as const) {
      corrections.push({
        templateId,
        templateVersion: 1,
        field,
        aiValue: ai,
        keptValue: keep,
        agreed: ai === keep,
        aiConfidence: 0.7,
        aiSource: 'local',
        evidence: [`order about ${ai}`],
        contextSnippet: `Ticket ${i}: my parcel about ${ai} is late`,
        site,
        ticketHash,
        time: t + 60_000 + i * 1000,
        ...(ai === keep ? {} : { reason: 'customer wrote about an invoice' }),
      });
    }
    if (i % 5 === 0) {
      const action = i % 10 === 0 ? 'escalated' : 'dismissed';
      event({ type: action, ...base, templateId, data: { flags: 1 } }, t + 40_000);
      decisions.push({
        site,
        ticketHash,
        time: t + 40_000,
        rulesFired: [
          { id: 'legal', severity: 'critical', reason: 'mentions a lawyer', evidence: ['my lawyer'] },
        ],
        signals: [],
        action,
        templateId,
        ...(action === 'dismissed' ? { reason: 'the lawyer is the customer’s own joke' } : {}),
      });
    }
  }
  return { events, corrections, decisions };
}

/** Write an agent's log into a database (as the extension would have recorded it). */
export async function seedAgent(
  database: DeskmateDb,
  options: Parameters<typeof agentLog>[0],
): Promise<AgentLog> {
  const log = agentLog(options);
  await database.events.bulkAdd(log.events);
  await database.corrections.bulkAdd(log.corrections);
  await database.decisions.bulkAdd(log.decisions);
  return log;
}
