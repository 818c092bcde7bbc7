import { z } from 'zod';
import { type ChromeSchemaMeta, ManagedPolicy } from './schema';

/** The subset of JSON Schema Chrome validates managed storage with. */
export interface ChromeSchema {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Record<string, ChromeSchema>;
  additionalProperties?: ChromeSchema;
  items?: ChromeSchema;
}

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Chrome's schema for a zod schema. Only types, properties, additionalProperties and items: no enum,
 * no limits, no patterns, so Chrome passes values through and Deskmate's zod validation reports what is
 * wrong (Chrome would drop them silently). A union of objects becomes one object with every variant's
 * properties; zod tells the variants apart. Throws on what Chrome cannot describe, so the generator
 * fails instead of writing a schema that drops the admin's values.
 */
export function toChromeSchema(schema: z.ZodType, path = '(root)'): ChromeSchema {
  const meta = z.globalRegistry.get(schema) as (ChromeSchemaMeta & { description?: string }) | undefined;
  if (meta?.chromeSchema) return meta.chromeSchema as unknown as ChromeSchema;
  const description = meta?.description ? { description: meta.description } : {};
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'prefault':
      return { ...toChromeSchema(def.innerType as z.ZodType, path), ...description };
    case 'pipe':
      return toChromeSchema(def.in as z.ZodType, path);
    case 'string':
    case 'enum':
      return { type: 'string', ...description };
    case 'literal': {
      const values = def.values as unknown[];
      const kinds = new Set(values.map((v) => typeof v));
      if (kinds.size === 1 && kinds.has('string')) return { type: 'string' };
      if (kinds.size === 1 && kinds.has('boolean')) return { type: 'boolean' };
      if (kinds.size === 1 && kinds.has('number')) return { type: 'number' };
      throw new Error(`${path}: mixed literal`);
    }
    case 'number':
      return {
        type: (schema as { format?: string }).format?.includes('int') ? 'integer' : 'number',
        ...description,
      };
    case 'boolean':
      return { type: 'boolean', ...description };
    case 'array':
      return { type: 'array', items: toChromeSchema(def.element as z.ZodType, `${path}[]`), ...description };
    case 'record':
      return {
        type: 'object',
        additionalProperties: toChromeSchema(def.valueType as z.ZodType, `${path}.*`),
        ...description,
      };
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const properties = Object.fromEntries(
        Object.entries(shape).map(([k, v]) => [k, toChromeSchema(v, `${path}.${k}`)]),
      );
      return { type: 'object', properties, ...description };
    }
    case 'union': {
      const options = (def.options as z.ZodType[]).map((o) => toChromeSchema(o, path));
      if (options.every((o) => o.type === 'object' && o.properties)) {
        const properties: Record<string, ChromeSchema> = {};
        for (const option of options) {
          for (const [k, v] of Object.entries(option.properties ?? {})) {
            const seen = properties[k];
            if (seen && JSON.stringify(seen) !== JSON.stringify(v)) {
              throw new Error(`${path}.${k}: variants disagree on its type`);
            }
            properties[k] = v;
          }
        }
        return { type: 'object', properties, ...description };
      }
      const types = new Set(options.map((o) => JSON.stringify(o)));
      if (types.size === 1) return { ...options[0]!, ...description };
      throw new Error(`${path}: a union Chrome cannot describe`);
    }
    default:
      throw new Error(`${path}: zod type "${def.type}" has no Chrome schema; give it a chromeSchema meta`);
  }
}

/** public/managed_schema.json, as text (stable: 2-space JSON, trailing newline). */
export function managedSchemaText(): string {
  return `${JSON.stringify(toChromeSchema(ManagedPolicy), null, 2)}\n`;
}
