import { z } from 'zod';
import type { TextTarget } from '../sites/fields';

/** How the panel shows and edits a field, and how the local engine and grounding treat it. */
export type FieldKind = 'enum' | 'text' | 'long-text' | 'number' | 'money' | 'date' | 'entity' | 'list';

/**
 * Which deterministic extractor (lib/engine/extractors.ts) can fill or cross-check a field.
 * `subject` and `first-customer-message` quote the ticket itself; `compose` marks values the engine
 * writes (a reply draft) rather than reads.
 */
export type LocalSource =
  | 'order-number'
  | 'email'
  | 'phone'
  | 'url'
  | 'amount'
  | 'currency'
  | 'date'
  | 'language'
  | 'sentiment'
  | 'urgency'
  | 'subject'
  | 'first-customer-message'
  | 'labeled'
  | 'environment'
  | 'agent-actions'
  | 'customer-ask'
  | 'reason'
  | 'impact'
  | 'facts'
  | 'compose';

export interface FieldMeta {
  label: string;
  /** Shown to the model as the field's instruction, and as help in the panel. */
  description: string;
  required: boolean;
  kind: FieldKind;
  /**
   * For enums with a fixed value set (sentiment, language); filled from the zod enum by defineTemplate.
   * An enum declared as `z.string()` has no options of its own: they are the options of the desk field
   * it binds to on each page (lib/templates/bind.ts), so a model can only answer what the desk accepts.
   */
  options?: readonly string[];
  /** The text box this value is written into (reply or internal note; on the agent's action only). */
  applyTo?: TextTarget;
  /**
   * Desk field names this field binds to, best first, compared with the desk's field ids and labels
   * (case and accents folded). Default: the field's own name and label. Settings and policy override
   * per site (`templates.bindings`).
   */
  bind?: readonly string[];
  /** Set per page by bindTemplate(): the desk field this template field reads its options from and writes to. */
  binding?: FieldBinding;
  /** Escalation rules may read this field. */
  feedsEscalation?: boolean;
  /** What to ask the customer when the ticket does not say. */
  question?: string;
  /**
   * The value is written (a summary, a reply), not read from the ticket: it needs no quote of its own,
   * but any evidence it cites must still be in the ticket.
   */
  composed?: boolean;
  /** Extractor for the local engine and for conflict checks. */
  local?: LocalSource;
  /** For `labeled`: line labels such as "Expected:" whose text is the value. */
  labels?: readonly string[];
}

/** Which desk field a template field is bound to on this page, or why none. */
export type FieldBinding =
  | {
      deskField: string;
      /** As the desk shows it. */
      deskLabel: string;
      writable: boolean;
      whyNot?: string;
      /** Options hidden by policy or settings ("never suggest queue Legal"). */
      excluded?: string[];
    }
  | { deskField?: undefined; reason: string };

/** A template as data: zod schema (the values' types) + per-field metadata. */
export interface Template<S extends z.ZodObject = z.ZodObject> {
  /** Equals the file name under lib/templates/builtin/ (a test checks it). */
  id: string;
  version: number;
  name: string;
  description: string;
  schema: S;
  fields: { [K in keyof S['shape'] & string]: FieldMeta };
  /** Ask the provider for risk signals (legal, safety, churn...) alongside the fields. */
  riskSignals?: boolean;
  /** Words that make this template a good pick for a ticket (registry.suggestTemplate). */
  keywords?: readonly string[];
  builtin: boolean;
}

export type TemplateInput<S extends z.ZodObject> = Omit<Template<S>, 'builtin'> & { builtin?: boolean };

/** Values of a filled template, typed from its schema (the panel uses this). */
export type TemplateValues<T extends Template> = z.infer<T['schema']>;

/**
 * Define a template. Generic over the zod object so `z.infer` flows to the UI; enum options are read
 * from the schema so they can't drift from it.
 */
export function defineTemplate<S extends z.ZodObject>(input: TemplateInput<S>): Template<S> {
  const fields = { ...input.fields } as Template<S>['fields'];
  const shape = input.schema.shape as Record<string, z.ZodType>;
  for (const key of Object.keys(shape)) {
    const meta = (fields as Record<string, FieldMeta>)[key];
    if (!meta) throw new Error(`Template ${input.id}: field "${key}" has no metadata.`);
    const inner = unwrap(shape[key] as z.ZodType);
    if (inner instanceof z.ZodEnum && !meta.options) {
      (fields as Record<string, FieldMeta>)[key] = { ...meta, options: inner.options as string[] };
    }
  }
  for (const key of Object.keys(fields)) {
    if (!(key in shape)) throw new Error(`Template ${input.id}: metadata for unknown field "${key}".`);
  }
  return { ...input, fields, builtin: input.builtin ?? true };
}

/** Strip optional/nullable/default wrappers to reach the field's own type. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

/** Serializable description of a template (no zod objects) for messages and the panel. */
export interface TemplateInfo {
  id: string;
  version: number;
  name: string;
  description: string;
  builtin: boolean;
  riskSignals: boolean;
  fields: Array<
    { name: string; options?: string[]; labels?: string[]; bind?: string[] } & Omit<
      FieldMeta,
      'options' | 'labels' | 'bind'
    >
  >;
}

export function templateInfo(template: Template): TemplateInfo {
  return {
    id: template.id,
    version: template.version,
    name: template.name,
    description: template.description,
    builtin: template.builtin,
    riskSignals: template.riskSignals ?? false,
    fields: Object.entries(template.fields as Record<string, FieldMeta>).map(
      ([name, { options, labels, bind, ...meta }]) => ({
        name,
        ...meta,
        ...(options ? { options: [...options] } : {}),
        ...(labels ? { labels: [...labels] } : {}),
        ...(bind ? { bind: [...bind] } : {}),
      }),
    ),
  };
}

/** Field names in schema order. */
export function fieldNames(template: Template): string[] {
  return Object.keys(template.schema.shape);
}

export function fieldMeta(template: Template, name: string): FieldMeta | undefined {
  return (template.fields as Record<string, FieldMeta>)[name];
}
