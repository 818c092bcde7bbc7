import { describe, expect, test, vi } from 'vitest';
import {
  dismiss,
  type EscalationBackend,
  escalate,
  escalationPlan,
} from '@/components/escalation/use-escalation';
import type { DeskField } from '@/lib/context/ticket-context';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { evaluate } from '@/lib/escalation/evaluate';
import type { DecisionRequest } from '@/lib/escalation/messages';
import type { DeskFieldValue, TextTarget } from '@/lib/sites/fields';
import { says, suggestion } from './helpers';

function backend(targets: TextTarget[], refuseFields: string[] = []) {
  const applied: [TextTarget, string][] = [];
  const written: { id: string; value: DeskFieldValue }[] = [];
  const recorded: DecisionRequest[] = [];
  const b: EscalationBackend = {
    evaluate: vi.fn(),
    record: async (r) => {
      recorded.push(r);
      return { id: recorded.length };
    },
    targets: async () => targets,
    apply: async (target, value) => {
      applied.push([target, value]);
    },
    setFields: async (values) => {
      written.push(...values);
      return {
        results: values.map(({ id }) =>
          refuseFields.includes(id)
            ? { id, ok: false as const, reason: 'You have no right to change this field.' }
            : { id, ok: true as const },
        ),
      };
    },
  };
  return { b, applied, written, recorded };
}

const choice = (id: string, label: string, options: string[], writable = true): DeskField => ({
  id,
  label,
  kind: 'single',
  options: options.map((o, i) => ({ value: `${id}-${i}`, label: o })),
  writable,
  ...(writable ? {} : { whyNot: 'read-only page' }),
});

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

  test('escalate writes the note as text and routing only into desk fields that offer it, reports the rest, then logs', async () => {
    const { b, applied, written, recorded } = backend(['internal-note', 'reply']);
    const onPage = {
      ...context,
      deskFields: [
        choice('prio', 'Priority', ['Low', 'Normal', 'High']),
        choice('owner', 'Owner', ['Legal team'], false),
      ],
    };
    const done = await escalate(b, { context: onPage, result });
    // "urgent" is not among the desk's priorities: nothing is forced into the select.
    expect(written).toEqual([]);
    expect(applied.map(([t]) => t)).toEqual(['internal-note']);
    expect(done.applied).toEqual(['internal note']);
    expect(done.skipped).toEqual([
      { target: 'Priority', reason: '"urgent" is not one of this desk\'s options.' },
      { target: 'queue', reason: 'this desk page has no such field' },
      { target: 'Owner', reason: 'read-only page' },
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

  test('never writes the reply box; a refused desk write is reported; dismiss writes nothing at all', async () => {
    const { b, applied, written, recorded } = backend(['internal-note', 'reply'], ['queue']);
    const onPage = {
      ...context,
      deskFields: [
        choice('priority', 'Priority', ['Normal', 'Urgent']),
        choice('queue', 'Queue', ['General', 'Legal']),
        choice('owner', 'Owner', ['Nobody', 'Legal team']),
      ],
    };
    const done = await escalate(b, { context: onPage, result });
    // One setFields with the desk's own option values ("urgent" matched "Urgent", case folded).
    expect(written).toEqual([
      { id: 'priority', value: 'priority-1' },
      { id: 'queue', value: 'queue-1' },
      { id: 'owner', value: 'owner-1' },
    ]);
    expect(applied.map(([t]) => t)).toEqual(['internal-note']);
    expect(done.applied).toEqual(['Priority', 'Owner', 'internal note']);
    expect(done.skipped).toEqual([{ target: 'Queue', reason: 'You have no right to change this field.' }]);
    applied.length = 0;
    written.length = 0;
    await dismiss(b, { context, result, reason: 'Test ticket from QA' });
    expect(applied).toEqual([]);
    expect(written).toEqual([]);
    expect(recorded[1]).toMatchObject({ action: 'dismissed', reason: 'Test ticket from QA' });
  });
});
