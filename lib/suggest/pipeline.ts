import type { TicketContext } from '../context/ticket-context';
import { ticketText } from '../context/ticket-context';
import { createLocalProvider } from '../engine/local-provider';
import type { EnumLearner, ExampleSource } from '../engine/ports';
import { crossCheck } from '../learner/cross-check';
import { createOpenAIProvider } from '../llm/openai-provider';
import type { PartialFields, Provider, RawAnswer } from '../llm/provider';
import { DeskmateError } from '../messaging/envelope';
import { redactContext } from '../redact/redact';
import type { Settings } from '../settings/schema';
import { bindTemplate, unboundChoice } from '../templates/bind';
import { fieldMeta, fieldNames, type Template } from '../templates/define';
import { getTemplate } from '../templates/registry';
import type { FieldState, FieldValue, Suggestion } from '../templates/suggestion';
import { ground } from './grounding';
import { contextHash } from './stale';

/**
 * The suggestion pipeline (background): redaction -> examples -> provider -> zod validation (in the
 * provider) -> grounding -> Suggestion. Nothing unredacted reaches a remote provider.
 */

export interface SuggestDeps {
  settings: Settings;
  learner?: EnumLearner;
  examples?: ExampleSource;
  /** Overrides the provider the settings choose (tests). */
  provider?: Provider;
  /**
   * The agent asked for the on-device engine for this one run (a next step after a provider error);
   * the settings stay as they are. Allowed even when policy locks `provider.kind`: the lock is there to
   * keep ticket text on approved endpoints, and the local engine sends nothing off the device.
   */
  engine?: 'local';
}

export interface SuggestRequest {
  context: TicketContext;
  templateId: string;
  instruction?: string;
  /** Only these fields (a "suggest again" on one field); all by default. */
  fields?: string[];
  previous?: Record<string, FieldValue>;
  signal?: AbortSignal;
  /** Fields as they stream in, already restored from placeholders (not yet grounded). */
  onProgress?: (fields: PartialFields) => void;
}

/** The provider the settings ask for; the local engine when no endpoint is configured. */
export function chooseProvider(deps: SuggestDeps): Provider {
  if (deps.provider) return deps.provider;
  const p = deps.settings.provider;
  if (deps.engine !== 'local' && p.kind === 'openai' && p.baseUrl) return createOpenAIProvider(p);
  return createLocalProvider(deps.learner ? { learner: deps.learner } : {});
}

function requestedFields(template: Template, fields?: string[]): string[] {
  const all = fieldNames(template);
  if (!fields?.length) return all;
  const unknown = fields.filter((f) => !all.includes(f));
  if (unknown.length) {
    throw new DeskmateError('invalid_request', `Template ${template.id} has no field ${unknown.join(', ')}.`);
  }
  return all.filter((f) => fields.includes(f));
}

export async function runSuggestion(request: SuggestRequest, deps: SuggestDeps): Promise<Suggestion> {
  const found = getTemplate(deps.settings, request.templateId);
  if (!found) {
    throw new DeskmateError(
      'not_found',
      `No template "${request.templateId}" (it may be disabled in Options).`,
    );
  }
  // The desk on screen decides the choices: its options become the schema's values (issue #16).
  const template = bindTemplate(found, request.context, deps.settings.templates.bindings);
  const fields = requestedFields(template, request.fields);
  // A choice with nothing on this page to choose from is not asked for: grounding says why it is empty.
  const asked = fields.filter((f) => {
    const meta = fieldMeta(template, f);
    return !meta || !unboundChoice(meta);
  });
  const provider = chooseProvider(deps);
  const remote = provider.kind !== 'local';
  // The local engine never leaves the device and needs the real text (a phone field reads a phone).
  const { context: outbound, redactor } = remote
    ? redactContext(request.context, deps.settings.redaction)
    : redactContext(request.context, { ...deps.settings.redaction, enabled: false });

  const examples =
    remote && deps.examples && deps.settings.learning.useCorrectionsInPrompts
      ? await deps.examples
          .nearest(template.id, request.context.site, ticketText(outbound), 6)
          .then((list) =>
            list
              .filter((e) => offered(template, e.field, e.keptValue))
              .slice(0, 3)
              .map((e) => ({ ...e, ticketSnippet: redactor.redact(e.ticketSnippet) })),
          )
          .catch(() => [])
      : [];
  // The agent's current values are as sensitive as the ticket they came from.
  const previous = request.previous && remote ? redactor.redactDeep(request.previous) : request.previous;

  request.signal?.throwIfAborted();
  // A remote provider sees the desk's options redacted like the ticket; grounding checks the restored
  // answer against the real ones.
  const sent = remote ? bindTemplate(found, outbound, deps.settings.templates.bindings) : template;
  const raw: RawAnswer = await provider.fill({
    template: sent,
    context: outbound,
    fields: asked,
    ...(request.instruction
      ? { instruction: remote ? redactor.redact(request.instruction) : request.instruction }
      : {}),
    ...(previous ? { previous } : {}),
    examples,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress
      ? { onPartial: (partial: PartialFields) => request.onProgress?.(redactor.restoreDeep(partial)) }
      : {}),
  });
  const answer = redactor.restoreDeep(raw);
  const grounded = ground({
    template,
    context: request.context,
    answer,
    fields,
    source: remote ? 'model' : 'local',
  });
  if (remote && deps.learner) {
    await crossCheckEnums(grounded.fields, template, request.context, deps.learner);
  }
  return {
    id: crypto.randomUUID(),
    templateId: template.id,
    templateVersion: template.version,
    site: request.context.site,
    ticketKey: request.context.ticketKey,
    contextHash: await contextHash(request.context),
    provider: { kind: provider.kind, model: provider.model },
    createdAt: Date.now(),
    fields: grounded.fields,
    risks: grounded.risks,
  };
}

/**
 * Whether a past correction's kept value is one this page's desk offers: an example teaching another
 * desk's queue, or an option since renamed or removed, would only lead the model to a value it cannot use.
 */
function offered(template: Template, field: string, kept: unknown): boolean {
  const meta = fieldMeta(template, field);
  if (meta?.kind !== 'enum' || !meta.options?.length || typeof kept !== 'string') return true;
  return meta.options.includes(kept);
}

/**
 * The model's enum values checked against the team's learner: a disagreement lowers the confidence and
 * says which value past corrections suggest (lib/learner/cross-check.ts). The learner never overrides.
 */
async function crossCheckEnums(
  fields: Record<string, FieldState>,
  template: Template,
  context: TicketContext,
  learner: EnumLearner,
): Promise<void> {
  const text = ticketText(context);
  const ask = (learner.explain ?? learner.predict).bind(learner);
  for (const [name, state] of Object.entries(fields)) {
    const meta = fieldMeta(template, name);
    if (meta?.kind !== 'enum' || !meta.options || state.status !== 'filled') continue;
    const prediction = await ask(template.id, name, context.site, text, meta.options).catch(() => undefined);
    fields[name] = crossCheck(state, prediction);
  }
}
