import { z } from 'zod';
import { TEXT_TARGETS } from '../sites/fields';
import { defineTemplate, type FieldKind, type FieldMeta, type Template } from './define';

/**
 * Custom templates as JSON: a small, documented JSON Schema subset (docs/custom-templates.md), validated
 * with path-specific errors and turned into zod at run time. Admins (policy) and users (settings) add them.
 */

const FIELD_KINDS = ['enum', 'text', 'long-text', 'number', 'money', 'date', 'entity', 'list'] as const;

/** Deskmate's own keys on a property (JSON Schema allows `x-` extensions). */
const DeskmateMeta = z
  .object({
    label: z.string().min(1).optional(),
    kind: z.enum(FIELD_KINDS).optional(),
    applyTo: z.enum(TEXT_TARGETS).optional(),
    question: z.string().min(1).optional(),
    feedsEscalation: z.boolean().optional(),
    composed: z.boolean().optional(),
    /** Desk field names (ids or labels) this field binds to, best first (lib/templates/bind.ts). */
    bind: z.array(z.string().min(1)).max(20).optional(),
  })
  .strict();

const Description = z.string().min(1).max(500).optional();

const CustomProperty = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('string'),
      description: Description,
      enum: z.array(z.string().min(1)).min(1).max(50).optional(),
      'x-deskmate': DeskmateMeta.optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('number'), description: Description, 'x-deskmate': DeskmateMeta.optional() })
    .strict(),
  z
    .object({ type: z.literal('boolean'), description: Description, 'x-deskmate': DeskmateMeta.optional() })
    .strict(),
  z
    .object({
      type: z.literal('array'),
      description: Description,
      items: z.object({ type: z.literal('string') }).strict(),
      'x-deskmate': DeskmateMeta.optional(),
    })
    .strict(),
]);
export type CustomProperty = z.infer<typeof CustomProperty>;

/** The JSON a custom template is written in. */
export const CustomTemplateJson = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, 'lower-case letters, digits and dashes, 2 to 49 characters'),
    name: z.string().min(1).max(80),
    description: z.string().max(500).default(''),
    version: z.number().int().min(1).default(1),
    riskSignals: z.boolean().default(false),
    keywords: z.array(z.string().min(1)).max(50).default([]),
    schema: z
      .object({
        type: z.literal('object'),
        properties: z
          .record(
            z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a field name is letters, digits and _'),
            CustomProperty,
          )
          .refine((p) => Object.keys(p).length > 0, 'a template needs at least one field')
          .refine((p) => Object.keys(p).length <= 40, 'at most 40 fields'),
        required: z.array(z.string()).default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((t, ctx) => {
    t.schema.required.forEach((name, i) => {
      if (!(name in t.schema.properties)) {
        ctx.addIssue({
          code: 'custom',
          path: ['schema', 'required', i],
          message: `"${name}" is required but is not in schema.properties`,
        });
      }
    });
    for (const [name, prop] of Object.entries(t.schema.properties)) {
      const kind = prop['x-deskmate']?.kind;
      if (kind === 'enum' && prop.type !== 'string') {
        ctx.addIssue({
          code: 'custom',
          path: ['schema', 'properties', name, 'x-deskmate', 'kind'],
          message:
            'kind "enum" needs "type": "string" (with an "enum" list, or none to take the desk field\'s options)',
        });
      }
    }
  });
export type CustomTemplateJson = z.input<typeof CustomTemplateJson>;

export type CustomTemplateResult = { ok: true; template: Template } | { ok: false; errors: string[] };

/** Readable path: schema.properties.amount.type */
function pathOf(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
      .join('.')
      .replace(/\.\[/g, '[') || '(root)'
  );
}

function fieldFor(prop: CustomProperty): { schema: z.ZodType; kind: FieldKind; options?: string[] } {
  const kind = prop['x-deskmate']?.kind;
  switch (prop.type) {
    case 'string':
      if (prop.enum)
        return { schema: z.enum(prop.enum as [string, ...string[]]), kind: 'enum', options: prop.enum };
      // kind "enum" without a list: the options are the bound desk field's, per page.
      return { schema: z.string(), kind: kind ?? 'text' };
    case 'number':
      return { schema: z.number(), kind: kind === 'money' ? 'money' : 'number' };
    case 'boolean':
      return { schema: z.boolean(), kind: 'enum', options: ['true', 'false'] };
    case 'array':
      return { schema: z.array(z.string()), kind: 'list' };
  }
}

/**
 * Validate a custom template definition and build it. Errors name the exact place
 * ("schema.properties.amount.type: ..."), and a bad definition never half-loads.
 */
export function parseCustomTemplate(
  json: unknown,
  reservedIds: readonly string[] = [],
): CustomTemplateResult {
  const parsed = CustomTemplateJson.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`) };
  }
  const def = parsed.data;
  if (reservedIds.includes(def.id)) {
    return { ok: false, errors: [`id: "${def.id}" is a built-in template id; choose another`] };
  }
  const shape: Record<string, z.ZodType> = {};
  const fields: Record<string, FieldMeta> = {};
  for (const [name, prop] of Object.entries(def.schema.properties)) {
    const { schema, kind, options } = fieldFor(prop);
    const x = prop['x-deskmate'] ?? {};
    shape[name] = schema;
    fields[name] = {
      label: x.label ?? name,
      description: prop.description ?? name,
      required: def.schema.required.includes(name),
      kind,
      ...(options ? { options } : {}),
      ...(x.applyTo ? { applyTo: x.applyTo } : {}),
      ...(x.bind ? { bind: x.bind } : {}),
      ...(x.question ? { question: x.question } : {}),
      ...(x.feedsEscalation ? { feedsEscalation: true } : {}),
      ...(x.composed ? { composed: true } : {}),
      ...localHint(kind),
    };
  }
  const template = defineTemplate({
    id: def.id,
    version: def.version,
    name: def.name,
    description: def.description,
    riskSignals: def.riskSignals,
    keywords: def.keywords,
    schema: z.object(shape),
    fields,
    builtin: false,
  });
  return { ok: true, template: template as unknown as Template };
}

/** Custom fields get the local engine's extractor that matches their kind. */
function localHint(kind: FieldKind): Pick<FieldMeta, 'local'> {
  if (kind === 'money') return { local: 'amount' };
  if (kind === 'date') return { local: 'date' };
  return {};
}
