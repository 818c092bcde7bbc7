import { zodResponseFormat } from 'openai/helpers/zod';
import { expect, test } from 'vitest';
import { answerSchema, answerSchemaName } from '../../../lib/llm/response-schema';
import { bindTemplate } from '../../../lib/templates/bind';
import { BUILTIN_TEMPLATES } from '../../../lib/templates/builtin';
import { parseCustomTemplate } from '../../../lib/templates/custom';
import { demoContext } from './demo-context';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  anyOf?: Schema[];
}

/** OpenAI strict mode: every object lists all its properties as required and forbids others. */
function assertStrict(schema: Schema, path = '$'): void {
  if (schema.properties) {
    expect(schema.required?.sort(), path).toEqual(Object.keys(schema.properties).sort());
    expect(schema.additionalProperties, path).toBe(false);
    for (const [k, v] of Object.entries(schema.properties)) assertStrict(v, `${path}.${k}`);
  }
  if (schema.items) assertStrict(schema.items, `${path}[]`);
  for (const s of schema.anyOf ?? []) assertStrict(s, path);
}

const custom = parseCustomTemplate({
  id: 'warranty-claim',
  name: 'Warranty',
  schema: {
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      parts: { type: 'array', items: { type: 'string' } },
      level: { type: 'string', enum: ['a', 'b'] },
    },
  },
});

test.each([...BUILTIN_TEMPLATES, ...(custom.ok ? [custom.template] : [])])(
  '$id: the answer schema is valid for strict structured output, values nullable',
  (template) => {
    const fields = Object.keys(template.schema.shape);
    const format = zodResponseFormat(answerSchema(template, fields), answerSchemaName(template));
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    const schema = format.json_schema.schema as Schema;
    assertStrict(schema);
    const props = schema.properties?.fields?.properties ?? {};
    expect(Object.keys(props)).toEqual(fields);
    for (const f of fields) {
      const value = props[f]?.properties?.value;
      const types = JSON.stringify(value);
      expect(types, f).toContain('null');
    }
  },
);

test('null values validate, wrong types do not', () => {
  // Bound to a page, the category takes the desk's options only.
  const triage = bindTemplate(BUILTIN_TEMPLATES.find((t) => t.id === 'triage')!, demoContext(1001));
  const schema = answerSchema(triage, ['category']);
  expect(
    schema.safeParse({ fields: { category: { value: null, evidence: [], confidence: 0 } }, risks: [] })
      .success,
  ).toBe(true);
  expect(
    schema.safeParse({ fields: { category: { value: 'weather', evidence: [], confidence: 1 } }, risks: [] })
      .success,
  ).toBe(false);
});
