/**
 * Request checks for what content scripts receive. Every site script carries them, and zod (even
 * zod/mini) was 45 % of a site script (18.7 of 41.6 kB raw, issue #16 budget), so the few shapes a
 * content script checks are written here: same idea as zod (parse, strip unknown keys, say where a
 * payload is wrong), a few hundred bytes. Extension pages and the background keep zod.
 */

/** One issue, in zod's shape, so lib/messaging/envelope.ts explains both alike. */
export interface CheckIssue {
  path: PropertyKey[];
  message: string;
}

/** Thrown by `parse`; `issues` is read like a ZodError's. */
export class CheckError extends Error {
  constructor(readonly issues: CheckIssue[]) {
    super(issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
    this.name = 'CheckError';
  }
}

/** A check: `parse` returns the (stripped) value or throws CheckError, like a zod schema's. */
export interface Check<T> {
  parse(value: unknown): T;
  /** Internal: check at a path. */
  at(value: unknown, path: PropertyKey[]): T;
}

export type Infer<C> = C extends Check<infer T> ? T : never;

/* @__NO_SIDE_EFFECTS__ */
function check<T>(at: (value: unknown, path: PropertyKey[]) => T): Check<T> {
  return { at, parse: (value) => at(value, []) };
}

function fail(path: PropertyKey[], message: string): never {
  throw new CheckError([{ path, message }]);
}

/* @__NO_SIDE_EFFECTS__ */
export function text(limits: { min?: number; max?: number } = {}): Check<string> {
  return check((v, path) => {
    if (typeof v !== 'string') return fail(path, 'expected text');
    if (v.length < (limits.min ?? 0)) return fail(path, `at least ${limits.min} characters`);
    if (v.length > (limits.max ?? Number.POSITIVE_INFINITY))
      return fail(path, `at most ${limits.max} characters`);
    return v;
  });
}

/* @__NO_SIDE_EFFECTS__ */
export function flag(): Check<boolean> {
  return check((v, path) => (typeof v === 'boolean' ? v : fail(path, 'expected true or false')));
}

/* @__NO_SIDE_EFFECTS__ */
export function num(): Check<number> {
  return check((v, path) =>
    typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'expected a number'),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  return check((v, path) =>
    values.includes(v as string) ? (v as T[number]) : fail(path, `expected one of ${values.join(', ')}`),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function optional<T>(inner: Check<T>): Check<T | undefined> {
  return check((v, path) => (v === undefined ? undefined : inner.at(v, path)));
}

/* @__NO_SIDE_EFFECTS__ */
export function list<T>(item: Check<T>, max = Number.POSITIVE_INFINITY): Check<T[]> {
  return check((v, path) => {
    if (!Array.isArray(v)) return fail(path, 'expected a list');
    if (v.length > max) return fail(path, `at most ${max} items`);
    return v.map((x, i) => item.at(x, [...path, i]));
  });
}

/** The first alternative that accepts the value. */
/* @__NO_SIDE_EFFECTS__ */
export function either<A, B>(a: Check<A>, b: Check<B>): Check<A | B> {
  return check((v, path) => {
    try {
      return a.at(v, path);
    } catch {
      return b.at(v, path);
    }
  });
}

type Shape = Record<string, Check<unknown>>;
type Optional<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: Infer<S[K]> } & {
  [K in Optional<S>]?: Infer<S[K]>;
};

/** An object with these keys; unknown keys are dropped (as zod does), absent optional keys stay absent. */
/* @__NO_SIDE_EFFECTS__ */
export function object<S extends Shape>(shape: S): Check<ObjectOf<S>> {
  return check((v, path) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(path, 'expected an object');
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(shape)) {
      const value = inner.at((v as Record<string, unknown>)[key], [...path, key]);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  });
}
