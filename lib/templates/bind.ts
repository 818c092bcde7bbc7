import { z } from 'zod';
import type { DeskField, DeskOption, TicketContext } from '../context/ticket-context';
import { foldLabel } from '../sites/fields';
import { type FieldBinding, type FieldMeta, fieldNames, type Template } from './define';

/**
 * Templates bound to the desk on screen (issue #16). A template's choice field has no value list of its
 * own: on each page it takes the options of the desk field it binds to (the desk's queues, priorities,
 * custom fields), so the schema a provider sees, the local engine's choices and the panel's picker are
 * all the desk's own values, and Apply writes them into that desk field.
 */

/**
 * An admin's or user's override (settings and policy `templates.bindings`): bind this template field to a
 * named desk field, hide options ("never suggest queue Legal"), or turn the binding off.
 */
export const BindingRule = z.object({
  /** Site id ('rt', 'redmine', 'generic:<name>'); every site when absent. */
  site: z.string().min(1).optional(),
  /** Template id; every template when absent. */
  template: z.string().min(1).optional(),
  /** The template field ('category'). */
  field: z.string().min(1),
  /** Desk field id or label to bind to, instead of the automatic choice. */
  deskField: z.string().min(1).optional(),
  /** Option labels or values never suggested (compared without case or accents). */
  exclude: z.array(z.string()).default([]),
  /** Never bind this field on the site: the value stays in the template. */
  off: z.boolean().default(false),
});
export type BindingRule = z.infer<typeof BindingRule>;

const CHOICE_KINDS = new Set<DeskField['kind']>(['single', 'multiple', 'person']);

/** The most specific rule for this field: site and template named > site > template > neither. */
function ruleFor(rules: readonly BindingRule[], site: string, templateId: string, field: string) {
  const score = (r: BindingRule) => (r.site ? 2 : 0) + (r.template ? 1 : 0);
  return rules
    .filter(
      (r) => r.field === field && (!r.site || r.site === site) && (!r.template || r.template === templateId),
    )
    .sort((a, b) => score(b) - score(a))[0];
}

const words = (s: string) =>
  foldLabel(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The desk field a name points to: its id or label equal to the name (folded) first, then a label that
 * contains the name as a whole word ("Priority (final)", "Ticket category"). Names are tried in order.
 */
function findDeskField(names: readonly string[], candidates: DeskField[]): DeskField | undefined {
  for (const name of names) {
    const n = foldLabel(name);
    const hit = candidates.find((f) => foldLabel(f.id) === n || foldLabel(f.label) === n);
    if (hit) return hit;
  }
  for (const name of names) {
    const n = words(name);
    if (n.length === 0) continue;
    const hit = candidates.find((f) => {
      const w = words(f.label);
      return w.some((_, i) => n.every((x, j) => w[i + j] === x));
    });
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The labels a template offers for a desk field's options. Two options with one label ("Support" in two
 * places) are told apart by their value, in the form lib/sites/fields.ts findOption() understands.
 */
export function optionLabels(options: readonly DeskOption[]): string[] {
  const count = new Map<string, number>();
  for (const o of options) count.set(o.label, (count.get(o.label) ?? 0) + 1);
  return options.map((o) => ((count.get(o.label) ?? 0) > 1 ? `${o.label} (${o.value})` : o.label));
}

function isExcluded(option: DeskOption, exclude: readonly string[]): boolean {
  const f = exclude.map(foldLabel);
  return f.includes(foldLabel(option.label)) || f.includes(foldLabel(option.value));
}

/** Enums choose; a list chooses only when it names desk fields or options (facts quoted are free text). */
const isChoice = (meta: FieldMeta) =>
  meta.kind === 'enum' || (meta.kind === 'list' && Boolean(meta.bind?.length || meta.options?.length));

/**
 * Bind every field of a template to the page's desk fields. Returns a copy whose bound choice fields carry
 * the desk's option labels (`options`) and a schema that accepts only those; every field says where it
 * goes (`binding`). A choice field with no list of its own and no desk field says why, and is filled by
 * no one (grounding reports it missing with that reason) rather than answered with invented values.
 */
export function bindTemplate(
  template: Template,
  context: Pick<TicketContext, 'site' | 'deskFields'> | undefined,
  rules: readonly BindingRule[] = [],
): Template {
  const deskFields = context?.deskFields ?? [];
  const used = new Set<string>();
  const shape = { ...(template.schema.shape as Record<string, z.ZodType>) };
  const fields = { ...(template.fields as Record<string, FieldMeta>) };
  for (const name of fieldNames(template)) {
    const meta = fields[name];
    if (!meta || meta.applyTo) continue; // reply and note text go to their boxes, not to a record field
    const rule = context ? ruleFor(rules, context.site, template.id, name) : undefined;
    const names = rule?.deskField ? [rule.deskField] : (meta.bind ?? [name, meta.label]);
    const choice = isChoice(meta);
    const candidates = deskFields.filter(
      (f) => !used.has(f.id) && (choice ? CHOICE_KINDS.has(f.kind) : !CHOICE_KINDS.has(f.kind)),
    );
    const desk = rule?.off ? undefined : findDeskField(names, candidates);
    let binding: FieldBinding;
    if (desk) {
      used.add(desk.id);
      binding = {
        deskField: desk.id,
        deskLabel: desk.label,
        writable: desk.writable,
        ...(desk.whyNot ? { whyNot: desk.whyNot } : {}),
        ...(rule?.exclude.length ? { excluded: rule.exclude } : {}),
      };
    } else {
      const why = rule?.off
        ? `Not written into ${context?.site ?? 'this desk'}: turned off in settings or policy.`
        : rule?.deskField
          ? `This page has no ${choice ? 'choice ' : ''}field "${rule.deskField}" (named in settings or policy).`
          : `This page has no field for ${meta.label} (looked for ${names.slice(0, 4).join(', ')}).`;
      binding = { reason: why };
    }
    if (desk && choice) {
      const offered = (desk.options ?? []).filter((o) => !isExcluded(o, rule?.exclude ?? []));
      const labels = optionLabels(offered);
      const multiple = desk.kind === 'multiple';
      fields[name] = { ...meta, kind: multiple ? 'list' : 'enum', options: labels, binding };
      const one = labels.length ? z.enum(labels as [string, ...string[]]) : z.string();
      shape[name] = multiple ? z.array(one) : one;
    } else if (!desk && choice && !meta.options?.length) {
      // Nothing on this page to choose from: no values are offered, so none can be invented.
      fields[name] = { ...meta, options: [], binding };
    } else {
      fields[name] = { ...meta, binding };
    }
  }
  return { ...template, schema: z.object(shape), fields } as Template;
}

/** A field that can only be answered with a desk's option, on a page that has no such field. */
export function unboundChoice(meta: FieldMeta): string | undefined {
  const b = meta.binding;
  return isChoice(meta) && b && 'reason' in b && !meta.options?.length ? b.reason : undefined;
}
