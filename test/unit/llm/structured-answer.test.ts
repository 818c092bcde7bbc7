import { expect, test } from 'vitest';
import { z } from 'zod';
import { checkAnswer, extractJson, partialJson } from '@/lib/llm/structured-answer';

test('JSON is found bare, in a code fence, or inside prose; arrays and non-JSON braces are skipped', () => {
  expect(extractJson(' {"a": 1} ')).toEqual({ ok: true, value: { a: 1 }, source: 'whole' });
  expect(extractJson('Here:\n```json\n{"a": 2}\n```\nDone.')).toEqual({
    ok: true,
    value: { a: 2 },
    source: 'fence',
  });
  // A fence that is not JSON is passed over for the next one.
  expect(extractJson('```\nnot json\n```\n```JSON\n{"a": 3}\n```')).toMatchObject({ value: { a: 3 } });
  expect(extractJson('Fill {name} with: {"a": {"b": "x}"}} thanks')).toEqual({
    ok: true,
    value: { a: { b: 'x}' } },
    source: 'prose',
  });
  expect(extractJson('[1, 2]')).toEqual({ ok: false });
  expect(extractJson('No JSON here {at all')).toEqual({ ok: false });
});

test('a streamed answer reads leniently from its first brace, without the closing fence', () => {
  expect(partialJson('```json\n{"fields": {"a": {"value": "x')).toEqual({ fields: { a: { value: 'x' } } });
  expect(partialJson('{"a": 1}\n```')).toEqual({ a: 1 });
  expect(partialJson('Sure, here')).toBeUndefined();
});

test('validation problems are lines with the path, for the repair request', () => {
  const schema = z.object({ fields: z.object({ n: z.number() }), risks: z.array(z.string()) });
  const bad = checkAnswer('{"fields": {"n": "7"}, "risks": null}', schema);
  expect(bad.ok).toBe(false);
  if (bad.ok) return;
  expect(bad.noJson).toBe(false);
  expect(bad.problem.split('\n')).toEqual([
    expect.stringMatching(/^- fields\.n: .*number/i),
    expect.stringMatching(/^- risks: .*array/i),
  ]);
  expect(checkAnswer('```json\n{"fields": {"n": 7}, "risks": []}\n```', schema)).toEqual({
    ok: true,
    value: { fields: { n: 7 }, risks: [] },
    source: 'fence',
  });
});
