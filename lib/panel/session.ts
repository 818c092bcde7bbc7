import { create } from 'zustand';
import type { TicketContext } from '../context/ticket-context';
import { ticketHash as hashTicket } from '../db/ticket-hash';
import { t } from '../i18n/t';
import { type ErrorInfo, toErrorInfo } from '../messaging/envelope';
import { suggestionReadyEvent } from '../metrics/events';
import type { TextTarget } from '../sites/fields';
import type { FieldValue, Suggestion } from '../templates/suggestion';
import type { PanelBackend } from './backend';
import { type DraftKey, DraftSaver, latestDraftTemplate, loadDraft, type SaveStatus } from './drafts';
import { mergeFields, mergeSuggestions } from './merge';
import type { FieldApplied, FieldDraft, RunState, TemplateInfo } from './model';
import { sameValue } from './model';
import { backgroundDraftStore } from './remote-drafts';

/** A failure the panel explains, with what the agent was doing so "Retry" can do it again. */
export interface PanelError extends ErrorInfo {
  during: 'templates' | 'run' | 'apply' | 'copy';
}

/** What happened on the last Apply / Copy, shown in a status line. */
export interface OutputNotice {
  kind: 'ok' | 'error';
  message: string;
}

export interface SessionState {
  backend?: PanelBackend;
  context?: TicketContext;
  /** SHA-256 of site and ticket key: what records and events carry instead of the key. */
  ticketHash?: string;
  templates: TemplateInfo[];
  suggestedId?: string;
  templateId?: string;
  suggestion?: Suggestion;
  fields: Record<string, FieldDraft>;
  /** The ticket changed after the suggestion was made (a new reply arrived). */
  /** The ticket changed after these fields were filled (a new reply arrived); a refresh clears them. */
  staleFields: string[];
  run?: RunState;
  lastRun?: { field?: string; instruction?: string };
  /** The agent chose the on-device engine for this ticket (after a provider error); the setting is unchanged. */
  engine?: 'local';
  error?: PanelError;
  save: SaveStatus;
  targets: TextTarget[];
  notice?: OutputNotice;
  /** What the last Apply all did per field; a field's entry goes when its value changes. */
  applied: Record<string, FieldApplied>;
}

const initial = {
  templates: [],
  fields: {},
  staleFields: [],
  save: { state: 'idle' },
  targets: [],
  applied: {},
} satisfies Partial<SessionState>;

export const useSession = create<SessionState>(() => ({ ...initial }));

const drafts = backgroundDraftStore();
// Every change goes to the background at once (no 300 ms wait): the docked frame's own storage may be
// denied, and a tab closed right after typing runs no pagehide in the frame, so a debounced write
// would be lost. Writes are chained in order; a put is about a millisecond.
const saver = new DraftSaver(
  (save) => useSession.setState({ save }),
  0,
  () => drafts,
);

/** Write the pending draft now (before apply, or when switching ticket). */
export function flushDraft(): Promise<void> {
  return saver.flush();
}

/** The page is being hidden or closed: write now, with a synchronous backup. */
export function flushDraftOnExit(): void {
  saver.flushOnExit();
}

function current(): SessionState {
  return useSession.getState();
}

/** The template the agent is working on. */
export function template(): TemplateInfo | undefined {
  const { templates, templateId } = current();
  return templates.find((t) => t.id === templateId);
}

function draftKey(): DraftKey | undefined {
  const { context, templateId, ticketHash } = current();
  return context && templateId && ticketHash ? { site: context.site, ticketHash, templateId } : undefined;
}

/** The agent's values now, field by field. */
export function currentValues(): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(current().fields).map(([id, f]) => [id, f.value]));
}

/** What the draft keeps: only what the agent typed, picked or accepted (the AI's own values are not theirs). */
function draftValues(): Record<string, FieldValue> {
  return Object.fromEntries(
    Object.entries(current().fields)
      .filter(([, f]) => f.edited || f.accepted)
      .map(([id, f]) => [id, f.value]),
  );
}

function persist(): void {
  const key = draftKey();
  if (key) saver.schedule(key, draftValues(), current().suggestion?.id);
}

let requestCounter = 0;
function newRequestId(): string {
  requestCounter += 1;
  return `${Date.now().toString(36)}-${requestCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Start on a ticket (a new one, or the same one after the panel reopened). */
export async function openTicket(backend: PanelBackend, context: TicketContext): Promise<void> {
  const before = current().context;
  const sameTicket = before?.site === context.site && before?.ticketKey === context.ticketKey;
  if (sameTicket && current().templates.length > 0) {
    useSession.setState({ context });
    return;
  }
  await saver.flush();
  const ticketHash = await hashTicket(context.site, context.ticketKey);
  useSession.setState({
    ...initial,
    backend,
    context,
    ticketHash,
    error: undefined,
    notice: undefined,
    engine: undefined,
  });
  backend.recordEvent({ type: 'panel.opened', site: context.site, ticketHash });
  backend
    .targets()
    .then((targets) => useSession.setState({ targets }))
    .catch(() => useSession.setState({ targets: [] }));
  try {
    const { templates, suggestedId } = await backend.listTemplates(context);
    useSession.setState({ templates, suggestedId });
    // The template the agent last worked on for this ticket comes back first (reload, closed tab).
    const recent = await latestDraftTemplate(ticketHash, drafts).catch(() => undefined);
    const first =
      (recent && templates.some((t) => t.id === recent) ? recent : undefined) ??
      suggestedId ??
      templates[0]?.id;
    // The agent may already have picked a template while we looked: their choice wins.
    if (first && !current().templateId && current().ticketHash === ticketHash) await pickTemplate(first);
  } catch (error) {
    useSession.setState({ error: { ...toErrorInfo(error), during: 'templates' } });
  }
}

/**
 * The ticket on screen changed: a new reply makes the AI's values stale (the agent's own stay). The desk's
 * record changing (Apply wrote it, a colleague set the queue) stales nothing; the desk offering other
 * options re-binds the templates so the picker and the next suggestion use the desk's current values.
 */
export function ticketChanged(context: TicketContext, changes: string[]): void {
  const before = current().context;
  if (!before || before.ticketKey !== context.ticketKey || before.site !== context.site) return;
  if (changes.includes('desk-fields')) void rebind(context);
  const changed = changes.includes('messages');
  const { suggestion, fields, staleFields } = current();
  if (!changed || !suggestion) {
    useSession.setState({ context });
    return;
  }
  // Only what the AI filled can go stale; the agent's own values and open questions stay as they are.
  const stale = Object.entries(suggestion.fields)
    .filter(([id, f]) => f.status !== 'missing' && !fields[id]?.edited)
    .map(([id]) => id);
  useSession.setState({ context, staleFields: [...new Set([...staleFields, ...stale])] });
}

/** The desk's fields or options changed: list the templates again, bound to what the page offers now. */
async function rebind(context: TicketContext): Promise<void> {
  const { backend } = current();
  if (!backend) return;
  try {
    const { templates, suggestedId } = await backend.listTemplates(context);
    if (current().context?.ticketKey !== context.ticketKey) return;
    useSession.setState({ templates, suggestedId });
  } catch {
    // Keep the templates as they were: a failed re-list must not take the agent's work away.
  }
}

/** Switch template: its draft comes back, then the AI fills what the agent has not touched. */
export async function pickTemplate(templateId: string): Promise<void> {
  await saver.flush();
  const tpl = current().templates.find((t) => t.id === templateId);
  if (!tpl) return;
  useSession.setState({
    templateId,
    suggestion: undefined,
    fields: {},
    staleFields: [],
    applied: {},
    error: undefined,
    notice: undefined,
  });
  const key = draftKey();
  const draft = key ? await loadDraft(key, drafts).catch(() => undefined) : undefined;
  if (current().templateId !== templateId) return;
  if (draft) {
    // Show the agent's work at once, before the suggestion arrives.
    const fields: Record<string, FieldDraft> = {};
    for (const f of tpl.fields) {
      const value = draft.values[f.id];
      fields[f.id] = {
        value: value ?? null,
        accepted: false,
        edited: value !== undefined && value !== null,
        history: [],
      };
    }
    useSession.setState({ fields });
  }
  await runSuggestion({}, draft?.values);
}

/**
 * Ask for a suggestion: the whole template, or one field, optionally with an instruction. Values the
 * agent typed are kept on a whole run without instruction (a draft restored after a reload); with an
 * instruction or for one field the agent asked for new values, and the old ones go to undo/compare.
 */
export async function runSuggestion(
  options: { field?: string; instruction?: string; engine?: 'local' },
  restored?: Record<string, FieldValue>,
): Promise<void> {
  const { backend, context, templateId, suggestion } = current();
  const tpl = template();
  if (!backend || !context || !tpl || !templateId) return;
  if (current().run) await cancelRun();
  const requestId = newRequestId();
  const startedAt = Date.now();
  const instruction = options.instruction?.trim() || undefined;
  const engine = options.engine ?? current().engine;
  const hash = current().ticketHash;
  if (hash) {
    backend.recordEvent({
      type: 'suggestion.requested',
      site: context.site,
      ticketHash: hash,
      templateId,
      data: { mode: tpl.mode },
    });
  }
  useSession.setState({
    run: { requestId, field: options.field, instruction, progress: t('panel_runStarting'), startedAt },
    lastRun: { field: options.field, instruction },
    // Chosen once, kept for the ticket: a refresh or another template must not go back to the failing provider.
    ...(options.engine ? { engine: options.engine } : {}),
    error: undefined,
    notice: undefined,
  });
  try {
    const next = await backend.run({
      requestId,
      context,
      templateId,
      ...(instruction ? { instruction } : {}),
      ...(options.field ? { fields: [options.field] } : {}),
      ...(suggestion ? { previous: currentValues() } : {}),
      ...(engine ? { engine } : {}),
    });
    if (current().run?.requestId !== requestId) return; // cancelled or replaced meanwhile
    mergeSuggestion(tpl, next, options, restored);
    const refreshed = options.field ? [options.field] : tpl.fields.map((f) => f.id);
    useSession.setState({
      run: undefined,
      staleFields: current().staleFields.filter((id) => !refreshed.includes(id)),
    });
    const hash = current().ticketHash;
    if (hash) backend.recordEvent(suggestionReadyEvent(next, hash, Date.now() - startedAt, tpl.mode));
  } catch (error) {
    if (current().run?.requestId !== requestId) return;
    const info = toErrorInfo(error);
    const hash = current().ticketHash;
    if (hash && info.code !== 'cancelled') {
      backend.recordEvent({
        type: 'suggestion.failed',
        site: context.site,
        ticketHash: hash,
        templateId,
        data: { mode: tpl.mode, code: info.code, latencyMs: Math.min(Date.now() - startedAt, 86_400_000) },
      });
    }
    useSession.setState({
      run: undefined,
      error: info.code === 'cancelled' ? undefined : { ...info, during: 'run' },
    });
  }
}

function mergeSuggestion(
  tpl: TemplateInfo,
  next: Suggestion,
  options: { field?: string; instruction?: string },
  restored?: Record<string, FieldValue>,
): void {
  const fields = mergeFields(tpl, current().fields, next, options, Boolean(restored));
  const suggestion = mergeSuggestions(current().suggestion, next, options.field);
  // A regenerated value is not what was written: its apply state goes, the others stay.
  const applied = Object.fromEntries(
    Object.entries(current().applied).filter(([id, a]) => sameValue(a.value, fields[id]?.value)),
  );
  useSession.setState({ suggestion, fields, applied });
  if (Object.values(fields).some((f) => f.edited) || options.field || options.instruction) persist();
}

export async function cancelRun(): Promise<void> {
  const run = current().run;
  if (!run) return;
  useSession.setState({ run: undefined, notice: { kind: 'ok', message: t('panel_cancelled') } });
  await current()
    .backend?.cancel(run.requestId)
    .catch(() => {});
}

export function runProgress(requestId: string, text: string): void {
  const run = current().run;
  if (run?.requestId === requestId) useSession.setState({ run: { ...run, progress: text } });
}

/** The agent typed: keep the value, make typing bursts one undo step. */
export function setFieldValue(fieldId: string, value: FieldValue): void {
  const had = current().fields[fieldId] ?? { value: null, accepted: false, edited: false, history: [] };
  const now = Date.now();
  const burst = had.edited && now - (lastTyped.get(fieldId) ?? 0) < 1000;
  lastTyped.set(fieldId, now);
  const field: FieldDraft = {
    ...had,
    value,
    edited: true,
    accepted: true,
    history: burst ? had.history : [...had.history, had.value],
  };
  useSession.setState({
    fields: { ...current().fields, [fieldId]: field },
    applied: withoutApplied(fieldId),
    notice: undefined,
  });
  if (!burst) fieldEvent('field.edited', fieldId);
  persist();
}
const lastTyped = new Map<string, number>();

/** The apply states minus this field's: what was written is no longer what the agent has. */
function withoutApplied(fieldId: string): Record<string, FieldApplied> {
  const { [fieldId]: _gone, ...rest } = current().applied;
  return rest;
}

/** Pick one of a conflict's candidates: the agent's choice, so it counts as edited and accepted. */
export function pickCandidate(fieldId: string, value: FieldValue): void {
  lastTyped.delete(fieldId);
  setFieldValue(fieldId, value);
}

export function acceptField(fieldId: string, accepted = true): void {
  const had = current().fields[fieldId];
  if (!had) return;
  useSession.setState({ fields: { ...current().fields, [fieldId]: { ...had, accepted } } });
  persist();
}

/** One edit, one event: touchpoints count them (acceptances are counted at apply, lib/metrics/shadow.ts). */
function fieldEvent(type: 'field.edited', field: string): void {
  const { backend, context, ticketHash, templateId } = current();
  if (!backend || !context || !ticketHash || !templateId) return;
  backend.recordEvent({ type, site: context.site, ticketHash, templateId, field });
}

export function undoField(fieldId: string): void {
  const had = current().fields[fieldId];
  if (!had || had.history.length === 0) return;
  const history = had.history.slice(0, -1);
  const value = had.history[had.history.length - 1]!;
  const ai = current().suggestion?.fields[fieldId]?.value ?? null;
  lastTyped.delete(fieldId);
  useSession.setState({
    fields: { ...current().fields, [fieldId]: { ...had, value, history, edited: !sameValue(value, ai) } },
    applied: withoutApplied(fieldId),
  });
  persist();
}

/** Accept every field the AI filled with grounding (never conflicts, missing or unsupported ones). */
export function acceptAllFilled(): void {
  const { suggestion, fields } = current();
  const next = { ...fields };
  for (const [id, f] of Object.entries(fields)) {
    if (suggestion?.fields[id]?.status === 'filled' || f.edited) next[id] = { ...f, accepted: true };
  }
  useSession.setState({ fields: next });
  persist();
}
