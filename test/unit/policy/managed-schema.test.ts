import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { managedSchemaText, toChromeSchema } from '@/lib/policy/chrome-schema';

test('public/managed_schema.json is the one generated from ManagedPolicy (npm run gen:policy-schema)', () => {
  expect(readFileSync('public/managed_schema.json', 'utf8')).toBe(managedSchemaText());
});

test('the generated schema uses only what Chrome validates', () => {
  const allowedKeys = new Set(['type', 'description', 'properties', 'additionalProperties', 'items']);
  const types = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
  const walk = (node: Record<string, unknown>, path: string): void => {
    for (const key of Object.keys(node)) expect(allowedKeys.has(key), `${path}.${key}`).toBe(true);
    expect(types.has(node.type as string), path).toBe(true);
    for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      walk(v, `${path}.${k}`);
    }
    if (node.items) walk(node.items as Record<string, unknown>, `${path}[]`);
    if (node.additionalProperties) walk(node.additionalProperties as Record<string, unknown>, `${path}.*`);
  };
  const schema = JSON.parse(managedSchemaText());
  walk(schema, '(root)');
  // Chrome: the top level is an object without additionalProperties.
  expect(schema.type).toBe('object');
  expect(schema.additionalProperties).toBeUndefined();
});

test('what Chrome cannot describe makes the generator fail instead of dropping values', () => {
  expect(() => toChromeSchema(z.object({ x: z.union([z.string(), z.number()]) }))).toThrow(/x/);
  expect(() => toChromeSchema(z.object({ y: z.unknown() }))).toThrow(/y/);
});

test('types map to Chrome types: integer, number, record, union of objects', () => {
  expect(
    toChromeSchema(
      z.object({
        n: z.number().int(),
        f: z.number(),
        r: z.record(z.string(), z.boolean()),
        u: z.discriminatedUnion('k', [
          z.object({ k: z.literal('a'), a: z.string() }),
          z.object({ k: z.literal('b') }),
        ]),
      }),
    ),
  ).toEqual({
    type: 'object',
    properties: {
      n: { type: 'integer' },
      f: { type: 'number' },
      r: { type: 'object', additionalProperties: { type: 'boolean' } },
      u: { type: 'object', properties: { k: { type: 'string' }, a: { type: 'string' } } },
    },
  });
});
