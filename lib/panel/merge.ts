import type { Suggestion } from '../templates/suggestion';
import { type FieldDraft, sameValue, type TemplateInfo } from './model';

/** A field as the AI gave it, turned into the agent's starting point. */
export function fromAi(tpl: TemplateInfo, fieldId: string, suggestion: Suggestion | undefined): FieldDraft {
  const ai = suggestion?.fields[fieldId];
  // Shadow mode: the agent fills by hand; the suggestion is only measured against what they keep.
  const value = tpl.mode === 'shadow' ? null : (ai?.value ?? null);
  // Auto fields are pre-accepted only when grounded: a guess or a conflict always waits for the agent.
  const auto = tpl.mode !== 'shadow' && tpl.autoFields.includes(fieldId) && ai?.status === 'filled';
  return { value, accepted: auto, edited: false, history: [] };
}

/**
 * The agent's fields after a new suggestion arrives. Rules, in order:
 * - a field not seen yet takes the AI's value;
 * - an equal value keeps the agent's state (a restored draft value equal to the AI's was accepted);
 * - a plain re-run (no field, no instruction) never overwrites what the agent typed;
 * - a value the agent asked for (one field, or an instruction) replaces the old one, which goes to
 *   undo and compare; a restored draft wins over a plain re-run.
 */
export function mergeFields(
  tpl: TemplateInfo,
  current: Record<string, FieldDraft>,
  next: Suggestion,
  options: { field?: string; instruction?: string },
  restored: boolean,
): Record<string, FieldDraft> {
  const fields = { ...current };
  const ids = options.field ? [options.field] : tpl.fields.map((f) => f.id);
  const asked = Boolean(options.field || options.instruction);
  for (const id of ids) {
    const fresh = fromAi(tpl, id, next);
    const had = fields[id];
    if (!had) {
      fields[id] = fresh;
      continue;
    }
    if (sameValue(had.value, fresh.value)) {
      fields[id] = restored
        ? { ...had, accepted: true, edited: false }
        : { ...had, accepted: had.accepted || fresh.accepted };
      continue;
    }
    if (had.edited && !asked) continue;
    if (restored && !asked) continue;
    fields[id] =
      tpl.mode === 'shadow' ? had : { ...fresh, history: [...had.history, had.value], previous: had.value };
  }
  return fields;
}

/** On a one-field run the other fields keep their AI state from the earlier suggestion. */
export function mergeSuggestions(
  previous: Suggestion | undefined,
  next: Suggestion,
  field?: string,
): Suggestion {
  if (!field || !previous) return next;
  const own = next.fields[field];
  return own ? { ...previous, fields: { ...previous.fields, [field]: own } } : previous;
}
