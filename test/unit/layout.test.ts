import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout the README promises: lib/ is logic (no React, nothing from components/), and lib's
 * modules import each other one way (no cycles, type imports included), so a domain can be read
 * and tested on its own.
 */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const libFiles = filesUnder('lib');

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^']+)'/g)].map((m) => m[1] as string);
}

/** A lib-internal import as a repository path (lib/x/y.ts), or undefined for packages and other roots. */
function libTarget(file: string, spec: string): string | undefined {
  const base = spec.startsWith('@/')
    ? spec.slice(2)
    : spec.startsWith('.')
      ? relative('.', resolve(dirname(file), spec))
      : undefined;
  if (!base?.startsWith('lib/')) return undefined;
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => libFiles.includes(candidate));
}

describe('layout of lib/', () => {
  it('holds no React: no .tsx file, no import of react, nothing from components/', () => {
    const offenders = libFiles.filter(
      (file) =>
        file.endsWith('.tsx') ||
        importsOf(file).some(
          (spec) => spec === 'react' || spec.startsWith('react/') || spec.includes('components/'),
        ),
    );
    expect(offenders).toEqual([]);
  });

  it('has no import cycle between its modules', () => {
    const graph = new Map(
      libFiles.map((file) => [file, importsOf(file).flatMap((spec) => libTarget(file, spec) ?? [])]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
