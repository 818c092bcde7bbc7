import type { DeskField, TicketContext } from '../context/ticket-context';
import { type MessageKey, t } from '../i18n/t';
import { toErrorInfo } from '../messaging/envelope';
import { type DeskFieldValue, findOption, type TextTarget } from '../sites/fields';
import type { FieldValue } from '../templates/suggestion';
import type { KeptValues } from './backend';
import { templateAsJson, templateAsText } from './export-text';
import { type FieldApplied, type FieldDraft, sameValue, type TemplateField, valueText } from './model';
import { currentValues, flushDraft, template, useSession } from './session';

/** Where one accepted value goes on Apply all. */
export type ApplyStep =
  | { id: string; label: string; to: 'text'; target: TextTarget; value: string }
  | { id: string; label: string; to: 'desk'; deskField: string; deskLabel: string; value: DeskFieldValue };

/** What Apply all will do now: the writes, and the accepted values it will not write, with why. */
export interface ApplyPlan {
  steps: ApplyStep[];
  refused: { id: string; label: string; reason: string; nowhere?: boolean }[];
  /** Fields with a value and somewhere to go that the agent has not accepted yet (not written). */
  notAccepted: string[];
}

const TEXT_BOX: Record<TextTarget, MessageKey> = {
  reply: 'panel_placeReplyBox',
  'internal-note': 'panel_placeInternalNote',
};

const hasValue = (v: FieldValue | undefined): boolean =>
  v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && valueText(v).trim() !== '';

/**
 * The values a choice field would write, or why not: every one must be among the field's options (the
 * desk's labels as listed with the template) and, when the page was read again since, still offered by
 * the desk now. A value outside them is never sent.
 */
function choiceValues(
  field: TemplateField,
  value: FieldValue,
  desk: DeskField | undefined,
  deskLabel: string,
): { ok: true; value: DeskFieldValue } | { ok: false; reason: string } {
  const wanted = (Array.isArray(value) ? value : [value]).map((v) => valueText(v as FieldValue));
  for (const w of wanted) {
    if (!field.options?.includes(w)) return { ok: false, reason: t('panel_notAnOption', [w, deskLabel]) };
    if (desk?.options && !findOption(desk, w))
      return { ok: false, reason: t('panel_optionGone', [deskLabel, w]) };
  }
  return { ok: true, value: field.kind === 'list' ? wanted : wanted[0]! };
}

/** One field's step, or why it cannot be written; undefined when the field goes nowhere at all. */
function stepFor(
  field: TemplateField,
  value: FieldValue,
  targets: readonly TextTarget[],
  context: TicketContext | undefined,
): ApplyStep | { reason: string } | undefined {
  const base = { id: field.id, label: field.label };
  if (field.applyTo) {
    return targets.includes(field.applyTo)
      ? { ...base, to: 'text', target: field.applyTo, value: valueText(value) }
      : { reason: t('panel_noTextBox', t(TEXT_BOX[field.applyTo])) };
  }
  const binding = field.binding;
  if (!binding) return undefined;
  if ('reason' in binding) return { reason: binding.reason };
  const desk = context?.deskFields?.find((f) => f.id === binding.deskField);
  if (context?.deskFields && !desk) return { reason: t('panel_deskFieldGone', binding.deskLabel) };
  const writable = desk ? desk.writable : binding.writable;
  if (!writable) {
    const why = (desk ? desk.whyNot : binding.whyNot) ?? t('panel_cannotChange');
    return { reason: t('panel_fieldReadOnly', [binding.deskLabel, why]) };
  }
  const choice = field.kind === 'enum' || (field.kind === 'list' && field.options !== undefined);
  if (choice) {
    const checked = choiceValues(field, value, desk, binding.deskLabel);
    if (!checked.ok) return { reason: checked.reason };
    return {
      ...base,
      to: 'desk',
      deskField: binding.deskField,
      deskLabel: binding.deskLabel,
      value: checked.value,
    };
  }
  return {
    ...base,
    to: 'desk',
    deskField: binding.deskField,
    deskLabel: binding.deskLabel,
    value: Array.isArray(value) ? value.map(String) : valueText(value),
  };
}

/** Plan Apply all from the template, the agent's fields, the page's text boxes and its desk fields. */
export function planApply(
  fields: readonly TemplateField[],
  drafts: Record<string, FieldDraft>,
  targets: readonly TextTarget[],
  context: TicketContext | undefined,
): ApplyPlan {
  const plan: ApplyPlan = { steps: [], refused: [], notAccepted: [] };
  for (const field of fields) {
    const draft = drafts[field.id];
    if (!draft || !hasValue(draft.value)) continue;
    const step = stepFor(field, draft.value, targets, context);
    if (!step) continue;
    if (!draft.accepted) {
      if ('to' in step) plan.notAccepted.push(field.label);
      continue;
    }
    if ('to' in step) plan.steps.push(step);
    else
      plan.refused.push({
        id: field.id,
        label: field.label,
        reason: step.reason,
        // No place on this page at all (not a failed write): said under the field, not counted as failed.
        ...(field.binding && 'reason' in field.binding ? { nowhere: true } : {}),
      });
  }
  return plan;
}

/** Apply all as the session stands now. */
export function currentPlan(): ApplyPlan {
  const tpl = template();
  const { fields, targets, context } = useSession.getState();
  return tpl ? planApply(tpl.fields, fields, targets, context) : { steps: [], refused: [], notAccepted: [] };
}

/** The apply states that still hold: a field whose value changed since shows none. */
export function shownApplied(): Record<string, FieldApplied> {
  const { applied, fields } = useSession.getState();
  return Object.fromEntries(
    Object.entries(applied).filter(([id, a]) => sameValue(a.value, fields[id]?.value ?? null)),
  );
}

async function recordKept(action: KeptValues['action']): Promise<void> {
  const { backend, context, suggestion, ticketHash } = useSession.getState();
  const tpl = template();
  if (!backend || !context || !tpl || !ticketHash) return;
  await flushDraft();
  await backend.recordKept({
    context,
    template: tpl,
    suggestion,
    values: currentValues(),
    ticketHash,
    action,
  });
}

/**
 * Apply all: on the agent's click only, every accepted field with a value goes to its text box or desk
 * field in one go (text through page.apply, desk fields through one page.setFields, which reads the page
 * back). Each field then says written, or not written and why. Nothing the agent has is cleared, whatever
 * fails: the values stay in the panel and in the draft.
 */
export async function applyAll(): Promise<void> {
  const { backend, fields } = useSession.getState();
  if (!backend) return;
  const targets = await backend.targets().catch(() => useSession.getState().targets);
  useSession.setState({ targets, error: undefined });
  const plan = currentPlan();
  const results: Record<string, FieldApplied> = {};
  const agentValue = (id: string) => fields[id]?.value ?? null;
  for (const r of plan.refused) results[r.id] = { ok: false, reason: r.reason, value: agentValue(r.id) };
  if (plan.steps.length === 0) {
    useSession.setState({
      applied: { ...useSession.getState().applied, ...results },
      notice: {
        kind: 'error',
        message: plan.refused.length
          ? 'Nothing written: see why under each field.'
          : plan.notAccepted.length
            ? `Nothing written: accept a field first (${plan.notAccepted.join(', ')}).`
            : 'Nothing to write: no accepted field has a place on this page; copy instead.',
      },
    });
    return;
  }
  for (const step of plan.steps) {
    if (step.to !== 'text') continue;
    try {
      await backend.apply(step.target, step.value);
      results[step.id] = { ok: true, value: agentValue(step.id) };
    } catch (error) {
      results[step.id] = { ok: false, reason: toErrorInfo(error).message, value: agentValue(step.id) };
    }
  }
  const desk = plan.steps.filter((s) => s.to === 'desk');
  if (desk.length > 0) {
    try {
      const { results: writes, context } = await backend.setFields(
        desk.map((s) => ({ id: s.deskField, value: s.value })),
      );
      for (const step of desk) {
        const w = writes.find((r) => r.id === step.deskField);
        results[step.id] = w?.ok
          ? { ok: true, value: agentValue(step.id) }
          : {
              ok: false,
              reason: w?.reason ?? 'The page did not answer for this field.',
              value: agentValue(step.id),
            };
      }
      // The page as read back: the next plan checks options against what the desk offers now.
      if (context && useSession.getState().context?.ticketKey === context.ticketKey)
        useSession.setState({ context });
    } catch (error) {
      const reason = toErrorInfo(error).message;
      for (const step of desk) results[step.id] = { ok: false, reason, value: agentValue(step.id) };
    }
  }
  const written = plan.steps.filter((s) => results[s.id]?.ok).map((s) => s.label);
  const nowhere = new Set(plan.refused.filter((r) => r.nowhere).map((r) => r.id));
  const failed = Object.entries(results).filter(([id, r]) => !r.ok && !nowhere.has(id)).length;
  useSession.setState({
    applied: { ...useSession.getState().applied, ...results },
    notice: {
      kind: failed ? 'error' : 'ok',
      message: failed
        ? `Written ${written.length} of ${written.length + failed}; the others say why.`
        : `Written to the page: ${written.join(', ')}.`,
    },
  });
  if (written.length > 0) await recordKept('apply');
}

/** Copy the template as text or JSON to the clipboard. */
export async function copyTemplate(format: 'text' | 'json'): Promise<void> {
  const { backend, context } = useSession.getState();
  const tpl = template();
  if (!backend || !context || !tpl) return;
  const values = currentValues();
  const text = format === 'json' ? templateAsJson(tpl, values, context) : templateAsText(tpl, values);
  try {
    await backend.copy(text);
    useSession.setState({
      notice: { kind: 'ok', message: t(format === 'json' ? 'panel_copiedJson' : 'panel_copiedText') },
    });
    await recordKept(format === 'json' ? 'copy-json' : 'copy-text');
  } catch (error) {
    useSession.setState({ error: { ...toErrorInfo(error), during: 'copy' } });
  }
}
