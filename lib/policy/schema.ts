import { z } from 'zod';
import { Settings, SitesSettings } from '../settings/schema';

/**
 * The managed policy an admin deploys (Chrome/Edge `3rdparty` policy, Firefox policies.json). This zod
 * schema is the source of truth: public/managed_schema.json is generated from it
 * (scripts/gen-managed-schema.ts) and docs/admin-policy.md explains it.
 *
 * Admin intent is explicit (see docs/admin-policy.md):
 * - `settings` has the same shape as the user's settings (lib/settings/schema.ts). Each value is a
 *   default the user may change, unless its dotted path (or a parent) is in `locked`.
 * - `locked` lists dotted paths the user cannot change: "provider" locks the whole section,
 *   "redaction.enabled" one switch. A locked path without an admin value locks the built-in default.
 * - `sites` narrows where Deskmate runs (allowed, blocked) and adds the organization's own desks.
 */

/** Chrome's schema for a zod node, when the generator cannot derive it (read by the generator). */
export interface ChromeSchemaMeta {
  chromeSchema?: Record<string, unknown>;
}

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A value whose structure Chrome's schema cannot describe (free-form JSON validated by another domain):
 * Chrome admins give it as a JSON string, Firefox admins may give the object itself.
 */
export const JsonValue = z
  .preprocess(
    parseJsonString,
    z.record(z.string(), z.unknown(), { error: 'Expected a JSON object, or JSON text of one' }),
  )
  .meta({ chromeSchema: { type: 'string', description: 'JSON text' } } satisfies ChromeSchemaMeta);

/**
 * Match pattern (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * scheme://host/path, host `*` or `*.domain`. Ports are ignored by the browser.
 */
export const MatchPattern = z
  .string()
  .regex(
    /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d+)?\/.*$/,
    'Not a match pattern: use scheme://host/path, e.g. https://*.example.com/*',
  );

type AnySchema = z.ZodType;

/** Free-form JSON (validated by another domain) becomes JsonValue; any other schema is kept. */
function jsonFallback(schema: AnySchema): AnySchema {
  const type = (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;
  return type === 'unknown' || type === 'any' ? JsonValue : schema;
}

/**
 * Every field optional, all the way down, without the settings' defaults (an admin value is only
 * what the admin wrote). Objects are strict so a misspelt key is reported instead of ignored.
 */
function deepPartial(schema: AnySchema): AnySchema {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'default':
    case 'optional':
      return deepPartial(def.innerType as AnySchema);
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      return z.strictObject(
        Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, deepPartial(v).optional()])),
      );
    }
    case 'unknown':
    case 'any':
      return JsonValue;
    case 'array':
      // Arrays replace whole, so their items stay complete (a desk, a rule): only free-form items change.
      return z.array(jsonFallback(def.element as AnySchema));
    default:
      return schema;
  }
}

/** The admin's settings: same shape as the user's, every part optional. */
export const PolicySettings = deepPartial(Settings) as z.ZodType<DeepPartialSettings>;

type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
type DeepPartialSettings = DeepPartial<Settings>;

/** A desk the organization describes by selectors (schema: lib/sites/generic via settings). */
const AdminDesk = jsonFallback(
  (SitesSettings.shape.genericDesks as unknown as z.ZodDefault<z.ZodArray<AnySchema>>).unwrap().element,
);

export const PolicySites = z.strictObject({
  /** When set, Deskmate runs only on pages matching one of these (the organization's desks always run). */
  allowed: z.array(MatchPattern).optional(),
  /** Deskmate never runs on these pages, whatever else says so. */
  blocked: z.array(MatchPattern).optional(),
  /** The organization's own desks, added to the user's; they get their content script at run time. */
  desks: z.array(AdminDesk).optional(),
});

export const ManagedPolicy = z.strictObject({
  /** Admin values: defaults the user may change, unless locked. */
  settings: PolicySettings.optional(),
  /** Dotted paths the user cannot change ("provider", "redaction.enabled", "templates.modes.triage"). */
  locked: z.array(z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'Not a dotted path')).optional(),
  sites: PolicySites.optional(),
  /**
   * The whole policy as JSON text, for values Chrome would drop (wrong type, unknown key) or that are
   * hard to write in the registry: read first, the other keys apply on top. Deskmate then reports every
   * mistake itself, where Chrome drops them silently.
   */
  json: z.string().optional(),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;
