import { describe, expect, test, vi } from 'vitest';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { evaluate } from '@/lib/escalation/evaluate';
import type { DecisionRequest } from '@/lib/escalation/messages';
import { dismiss, type EscalationBackend, escalate, escalationPlan } from '@/lib/escalation/use-escalation';
import { DeskmateError } from '@/lib/messaging/envelope';
import type { TextTarget } from '@/lib/sites/fields';
import { says, suggestion } from './helpers';

function backend(targets: TextTarget[], refuse: TextTarget[] = []) {
  const applied: [TextTarget, string][] = [];
  const recorded: DecisionRequest[] = [];
  const b: EscalationBackend = {
    evaluate: vi.fn(),
    record: async (r) => {
      recorded.push(r);
      return { id: recorded.length };
    },
    targets: async () => targets,
    apply: async (target, value) => {
      if (refuse.includes(target))
        throw new DeskmateError('invalid_request', `"${value}" is not one of this desk's options.`);
      applied.push([target, value]);
    },
  };
  return { b, applied, recorded };
}

const context = says('My lawyer will sue. UNACCEPTABLE!! worst service, I am furious.');
const result = evaluate(
  context,
  suggestion({}, { risks: [{ category: 'churn', confidence: 0.2, evidence: [] }] }),
  { rules: DEFAULT_RULES, signalThreshold: 0.6 },
);

describe("escalate and dismiss (the agent's actions)", () => {
  test('the plan takes routing from the most severe flag and writes a handoff note with reasons and quotes', () => {
    const plan = escalationPlan(result.flags, { note: 'Customer wants deletion confirmed in writing.' });
    expect(plan).toMatchObject({
      priority: 'urgent',
      queue: 'Legal',
      assignee: 'Legal team',
      handoffTemplateId: 'escalation-handoff',
    });
    expect(plan.note).toContain('- [critical] The customer mentions legal action');
    expect(plan.note).toContain('("My lawyer will sue.")');
    expect(plan.note).toContain('Route to: Legal, Legal team');
    expect(plan.note.endsWith('Customer wants deletion confirmed in writing.')).toBe(true);
  });

  test('escalate writes what the desk allows, reports the rest, then logs the decision', async () => {
    const { b, applied, recorded } = backend(['priority', 'internal-note', 'reply'], ['priority']);
    const done = await escalate(b, { context, result });
    expect(applied.map(([t]) => t)).toEqual(['internal-note']);
    expect(done.skipped).toEqual([
      { target: 'priority', reason: '"urgent" is not one of this desk\'s options.' },
      { target: 'queue', reason: 'this desk page has no such field' },
    ]);
    expect(recorded).toEqual([
      expect.objectContaining({
        site: 'demo',
        ticketKey: '1',
        action: 'escalated',
        templateId: 'escalation-handoff',
        signals: [{ category: 'churn', confidence: 0.2, evidence: [], shownAs: 'hint' }],
      }),
    ]);
    expect(recorded[0]?.flags.map((f) => f.ruleId)).toEqual(['legal-threat', 'angry-customer']);
    expect(done.decisionId).toBe(1);
  });

  test('never writes the reply box; dismiss writes nothing at all', async () => {
    const { b, applied, recorded } = backend(['priority', 'internal-note', 'reply', 'queue']);
    await escalate(b, { context, result });
    expect(applied.map(([t]) => t)).toEqual(['priority', 'queue', 'internal-note']);
    applied.length = 0;
    await dismiss(b, { context, result, reason: 'Test ticket from QA' });
    expect(applied).toEqual([]);
    expect(recorded[1]).toMatchObject({ action: 'dismissed', reason: 'Test ticket from QA' });
  });
});
