import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskField, TicketContext } from '@/lib/context/ticket-context';
import { decisionSignals } from '@/lib/escalation/decisions';
import type { DecisionRequest } from '@/lib/escalation/messages';
import type { EscalationFlag, EscalationResult, Severity } from '@/lib/escalation/rules';
import { type MessageKey, t } from '@/lib/i18n/t';
import { send } from '@/lib/messaging/client';
import { toErrorInfo } from '@/lib/messaging/envelope';
import {
  type DeskFieldValue,
  type FieldWrite,
  findOption,
  foldLabel,
  type TextTarget,
} from '@/lib/sites/fields';
import type { FieldValue, Suggestion } from '@/lib/templates/suggestion';

/**
 * The panel side of escalation: evaluate the ticket, and on the agent's action only, escalate
 * (write what the desk allows, log the decision) or dismiss with a reason (log it). Evaluating
 * never writes to the page.
 */

/** What escalation needs from the rest of the panel. `targets`/`apply`/`setFields` match lib/panel/backend.ts. */
export interface EscalationBackend {
  evaluate(context: TicketContext, suggestion?: Suggestion): Promise<EscalationResult>;
  record(request: DecisionRequest): Promise<{ id: number }>;
  /** Text boxes (reply, internal note) the page shows now. */
  targets(): Promise<TextTarget[]>;
  /** Write text into one of them (throws when the desk refuses). */
  apply(target: TextTarget, value: string): Promise<void>;
  /** Write desk fields (ids from context.deskFields); the page is read back, `ok` means the desk shows it. */
  setFields(values: { id: string; value: DeskFieldValue }[]): Promise<{ results: FieldWrite[] }>;
}

/** The real backend: background messages for evaluate/record, the panel's page access for the rest. */
export function escalationBackend(
  page: Pick<EscalationBackend, 'targets' | 'apply' | 'setFields'>,
): EscalationBackend {
  return {
    evaluate: (context, suggestion) => send('escalation.evaluate', { context, suggestion }),
    record: (request) => send('decisions.record', request),
    targets: () => page.targets(),
    apply: (target, value) => page.apply(target, value),
    setFields: (values) => page.setFields(values),
  };
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** What escalating will do: the routing of the most severe flag that has one, and the handoff note. */
export interface EscalationPlan {
  priority?: string;
  queue?: string;
  assignee?: string;
  handoffTemplateId: string;
  note: string;
}

/**
 * The instruction to give the escalation-handoff template so its fill states the reasons (the
 * panel passes it as the run's instruction).
 */
export function handoffInstruction(flags: readonly EscalationFlag[]): string {
  // i18n-ignore: an instruction to the model, which the prompts give in English
  return `Escalation reasons: ${flags.map((f) => `${f.reason} (${f.ruleId})`).join('; ')}.`;
}

/** Plan the escalation. `handoff` is the agent's escalation-handoff draft, when there is one. */
export function escalationPlan(
  flags: readonly EscalationFlag[],
  handoff?: Record<string, FieldValue>,
): EscalationPlan {
  const ordered = [...flags].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const routing = ordered.find((f) => f.routing)?.routing;
  const pick = <K extends 'priority' | 'queue' | 'assignee'>(key: K) =>
    ordered.find((f) => f.routing?.[key])?.routing?.[key];
  const lines = [
    t('esc_noteHeader'),
    ...ordered.map(
      (f) => `- [${f.severity}] ${f.reason}${f.evidence[0] ? ` ("${f.evidence[0].quote}")` : ''}`,
    ),
  ];
  const assignee = pick('assignee');
  const queue = pick('queue');
  if (assignee || queue) lines.push(t('esc_noteRoute', [queue, assignee].filter(Boolean).join(', ')));
  const drafted = typeof handoff?.note === 'string' && handoff.note.trim() ? handoff.note.trim() : undefined;
  if (drafted) lines.push('', drafted);
  return {
    priority: pick('priority'),
    queue,
    assignee,
    handoffTemplateId: routing?.handoffTemplateId ?? 'escalation-handoff',
    note: lines.join('\n'),
  };
}

export interface EscalateResult {
  decisionId: number;
  /** What was written, as the agent reads it ("internal note", the desk's own label "Queue"). */
  applied: string[];
  skipped: { target: string; reason: string }[];
}

/**
 * The names a rule's routing key goes by on desks (compared with a desk field's id and label, folded).
 * They are the generic names desks give these fields, never a desk's values.
 */
const ROUTING_NAMES: Record<'priority' | 'queue' | 'assignee', readonly string[]> = {
  priority: ['priority'],
  queue: ['queue'],
  // i18n-ignore: names matched on English desk pages, not shown
  assignee: ['assignee', 'owner', 'assigned to'],
};

/** A routing key as the agent reads it when it must be set by hand. */
const TARGET: Record<keyof typeof ROUTING_NAMES, MessageKey> = {
  priority: 'esc_targetPriority',
  queue: 'esc_targetQueue',
  assignee: 'esc_targetAssignee',
};

/** The page's desk field for a routing key, or undefined when the page has none. */
function routingField(fields: readonly DeskField[], key: keyof typeof ROUTING_NAMES): DeskField | undefined {
  const names = ROUTING_NAMES[key];
  return fields.find((f) => names.includes(foldLabel(f.id)) || names.includes(foldLabel(f.label)));
}

/**
 * The agent pressed Escalate: the handoff goes into the internal note as text, and the rule's priority,
 * queue and assignee go into the page's own desk fields of those names, only as one of the options the
 * desk offers. What cannot be written (no such field, read-only, not an option, refused) is reported for
 * the agent to do by hand, never forced; then the decision is logged.
 */
export async function escalate(
  backend: EscalationBackend,
  input: { context: TicketContext; result: EscalationResult; handoff?: Record<string, FieldValue> },
): Promise<EscalateResult> {
  const plan = escalationPlan(input.result.flags, input.handoff);
  const applied: string[] = [];
  const skipped: EscalateResult['skipped'] = [];
  const deskFields = input.context.deskFields ?? [];
  const writes: { id: string; value: string; label: string }[] = [];
  for (const key of ['priority', 'queue', 'assignee'] as const) {
    const value = plan[key];
    if (!value) continue;
    const field = routingField(deskFields, key);
    if (!field) skipped.push({ target: t(TARGET[key]), reason: t('esc_noSuchField') });
    else if (!field.writable)
      skipped.push({ target: field.label, reason: field.whyNot ?? t('esc_readOnly') });
    else {
      // The option's own value: exact even when two options share a label.
      const option = findOption(field, value);
      if (option) writes.push({ id: field.id, value: option.value, label: field.label });
      else skipped.push({ target: field.label, reason: t('esc_notAnOption', value) });
    }
  }
  if (writes.length > 0) {
    try {
      const { results } = await backend.setFields(writes.map(({ id, value }) => ({ id, value })));
      for (const w of writes) {
        const r = results.find((x) => x.id === w.id);
        if (r?.ok) applied.push(w.label);
        else skipped.push({ target: w.label, reason: r && !r.ok ? r.reason : t('esc_pageNoAnswer') });
      }
    } catch (error) {
      const reason = toErrorInfo(error).message;
      for (const w of writes) skipped.push({ target: w.label, reason });
    }
  }
  const available = new Set(await backend.targets().catch(() => [] as TextTarget[]));
  if (!available.has('internal-note')) {
    skipped.push({ target: t('panel_placeInternalNote'), reason: t('esc_noNoteBox') });
  } else {
    try {
      await backend.apply('internal-note', plan.note);
      applied.push(t('panel_placeInternalNote'));
    } catch (error) {
      skipped.push({ target: t('panel_placeInternalNote'), reason: toErrorInfo(error).message });
    }
  }
  const { id } = await backend.record({
    site: input.context.site,
    ticketKey: input.context.ticketKey,
    flags: input.result.flags,
    signals: decisionSignals(input.result),
    action: 'escalated',
    templateId: plan.handoffTemplateId,
  });
  return { decisionId: id, applied, skipped };
}

/** The agent dismissed the flags, saying why. Nothing is written to the page. */
export async function dismiss(
  backend: EscalationBackend,
  input: { context: TicketContext; result: EscalationResult; reason: string },
): Promise<{ decisionId: number }> {
  const { id } = await backend.record({
    site: input.context.site,
    ticketKey: input.context.ticketKey,
    flags: input.result.flags,
    signals: decisionSignals(input.result),
    action: 'dismissed',
    reason: input.reason,
  });
  return { decisionId: id };
}

export interface EscalationView {
  result?: EscalationResult;
  busy: boolean;
  error?: string;
  outcome?: {
    action: 'escalated' | 'dismissed';
    reason?: string;
    applied?: string[];
    skipped?: EscalateResult['skipped'];
  };
  escalate(): void;
  dismiss(reason: string): void;
}

/**
 * Evaluate whenever the ticket or the suggestion changes; expose the banner's props. A new ticket
 * clears the previous outcome (a decision belongs to one ticket). On Escalate, `handoff` fills the
 * escalation-handoff template first, so the note written into the desk carries the agent's handoff.
 */
export function useEscalation(
  backend: EscalationBackend | undefined,
  context: TicketContext | undefined,
  suggestion?: Suggestion,
  /** Fill the handoff template (by id) and return the agent's values; called on Escalate only. */
  handoff?: (templateId: string) => Promise<Record<string, FieldValue> | undefined>,
): EscalationView {
  const [result, setResult] = useState<EscalationResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<EscalationView['outcome']>();
  const ticket = context ? `${context.site}|${context.ticketKey}` : undefined;
  const lastTicket = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!backend || !context) return;
    if (lastTicket.current !== ticket) {
      lastTicket.current = ticket;
      setOutcome(undefined);
    }
    let current = true;
    backend
      .evaluate(context, suggestion)
      .then((r) => {
        if (!current) return;
        setResult(r);
        setError(undefined);
      })
      .catch((e) => {
        if (current) setError(toErrorInfo(e).message);
      });
    return () => {
      current = false;
    };
  }, [backend, context, suggestion, ticket]);

  const run = useCallback(async (action: () => Promise<EscalationView['outcome']>) => {
    setBusy(true);
    try {
      setOutcome(await action());
      setError(undefined);
    } catch (e) {
      setError(toErrorInfo(e).message);
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    result,
    busy,
    error,
    outcome,
    escalate: () => {
      if (!backend || !context || !result) return;
      void run(async () => {
        const values = handoff ? await handoff(escalationPlan(result.flags).handoffTemplateId) : undefined;
        const done = await escalate(backend, { context, result, handoff: values });
        return { action: 'escalated', applied: done.applied, skipped: done.skipped };
      });
    },
    dismiss: (reason) => {
      if (!backend || !context || !result) return;
      void run(async () => {
        await dismiss(backend, { context, result, reason });
        return { action: 'dismissed', reason };
      });
    },
  };
}
