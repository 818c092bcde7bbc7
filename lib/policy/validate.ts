import type { z } from 'zod';
import type { PolicyLayer } from '../settings/effective';
import { DEFAULT_SETTINGS, Settings } from '../settings/schema';
import { deepMerge, isPlainObject, type Json } from './paths';
import { ManagedPolicy } from './schema';

/** Where sites may run according to the policy (lib/sites/registration.ts applies it). */
export interface PolicySiteRules {
  /** When set, only pages matching one of these (besides the organization's desks). */
  allowed?: string[];
  blocked: string[];
  /** The organization's desks, always added. */
  desks: unknown[];
}

/** The policy as the rest of the extension uses it, with what the options page may show about it. */
export interface EvaluatedPolicy {
  present: boolean;
  valid: boolean;
  /** `path: reason`, never a value. */
  errors: string[];
  layer: PolicyLayer;
  sites: PolicySiteRules;
}

/**
 * What applies when the policy is invalid (or not read yet and none is known): the built-in engine
 * only (nothing leaves the device), redaction on and locked, no export, no admin-added sites.
 */
export const SAFE_POLICY: Pick<EvaluatedPolicy, 'layer' | 'sites'> = {
  layer: {
    values: { provider: { kind: 'local' }, redaction: { enabled: true }, exportAllowed: false },
    locked: ['provider', 'redaction', 'exportAllowed'],
  },
  sites: { blocked: [], desks: [] },
};

/** Zod issues as `path: message`. Zod's messages name expected types and limits, not the input. */
function describe(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(policy)';
    return `${path}: ${issue.message}`;
  });
}

/** Does `path` name a setting (records accept any key below them)? */
function settingExists(path: string): boolean {
  let schema: unknown = Settings;
  for (const key of path.split('.')) {
    let def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    while (def.type === 'default' || def.type === 'optional') {
      def = (def.innerType as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    }
    if (def.type === 'object') {
      const shape = def.shape as Record<string, unknown>;
      if (!Object.hasOwn(shape, key)) return false;
      schema = shape[key];
    } else if (def.type === 'record') {
      schema = def.valueType;
    } else return false;
  }
  return true;
}

/**
 * Validate what storage.managed returned. Never throws, never logs values. An invalid policy gives
 * SAFE_POLICY and the reasons, so the extension fails closed and the admin sees what to fix.
 */
export function evaluatePolicy(raw: unknown): EvaluatedPolicy {
  const present = isPlainObject(raw) && Object.keys(raw).length > 0;
  if (!present)
    return {
      present: false,
      valid: true,
      errors: [],
      layer: { values: {}, locked: [] },
      sites: { blocked: [], desks: [] },
    };
  const errors: string[] = [];
  let input: Json = raw as Json;
  if (typeof input.json === 'string') {
    let fromJson: unknown;
    try {
      fromJson = JSON.parse(input.json);
    } catch {
      errors.push('json: not valid JSON text');
    }
    if (fromJson !== undefined && !isPlainObject(fromJson)) errors.push('json: must hold a JSON object');
    if (isPlainObject(fromJson)) {
      const { json: _nested, ...rest } = input;
      const { json: _inner, ...fromJsonRest } = fromJson;
      input = deepMerge(fromJsonRest, rest);
    }
  }
  const parsed = ManagedPolicy.safeParse(input);
  if (!parsed.success) errors.push(...describe(parsed.error));
  if (parsed.success) {
    const whole = Settings.safeParse(
      deepMerge(DEFAULT_SETTINGS as unknown as Json, (parsed.data.settings ?? {}) as Json),
    );
    if (!whole.success) errors.push(...describe(whole.error, 'settings'));
  }
  const locked = input.locked;
  if (Array.isArray(locked)) {
    locked.forEach((path, i) => {
      if (typeof path === 'string' && !settingExists(path))
        errors.push(`locked.${i}: no setting has this path`);
    });
  }
  if (errors.length > 0 || !parsed.success) return { present, valid: false, errors, ...SAFE_POLICY };
  const policy = parsed.data;
  return {
    present,
    valid: true,
    errors: [],
    layer: { values: (policy.settings ?? {}) as Json, locked: policy.locked ?? [] },
    sites: {
      ...(policy.sites?.allowed ? { allowed: policy.sites.allowed } : {}),
      blocked: policy.sites?.blocked ?? [],
      desks: policy.sites?.desks ?? [],
    },
  };
}
