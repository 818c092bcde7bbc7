/**
 * Dotted paths over plain JSON objects: the unit of precedence, sources and locks.
 * A leaf is anything that is not a non-empty plain object (arrays are leaves: they replace whole).
 */

export type Json = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf path of `value` with its value; an empty object is a leaf so it can be shown and locked. */
export function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (!isPlainObject(value) || (Object.keys(value).length === 0 && prefix !== '')) {
    return prefix ? [[prefix, value]] : [];
  }
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** The value at `path`, or undefined. */
export function getPath(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Does `value` hold `path`, or a leaf above it (an array or value that covers it)? */
export function hasPath(value: unknown, path: string): boolean {
  let node = value;
  for (const key of path.split('.')) {
    if (!isPlainObject(node)) return true;
    if (!Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return true;
}

/** A copy of `value` with `path` set (undefined removes it); missing parents are created. */
export function setPath(value: Json, path: string, next: unknown): Json {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy: Json = { ...value };
  if (rest.length === 0) {
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  const child = isPlainObject(copy[head]) ? (copy[head] as Json) : {};
  copy[head] = setPath(child, rest.join('.'), next);
  return copy;
}

/**
 * Merge `patch` into `base`: plain objects merge, anything else replaces, `null` removes the key.
 * Returns new objects; neither input is changed.
 */
export function deepMerge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (value === null) delete out[key];
    else if (value === undefined) continue;
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = deepMerge(out[key] as Json, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

/** Structural equality for JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Remove empty objects left behind after leaves were removed. */
export function pruneEmpty(value: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (isPlainObject(v)) {
      const inner = pruneEmpty(v);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else if (v !== undefined) out[k] = v;
  }
  return out;
}
