import { partialParse } from 'openai/_vendor/partial-json-parser/parser';
import type { z } from 'zod';

/**
 * Reading a JSON answer out of what a model wrote, for servers that do not enforce a schema
 * (docs/structured-output.md): the JSON may come bare, in a ``` code fence, or inside prose.
 */

/** Where the JSON was found: the whole answer, a code fence, or an object inside prose. */
export type JsonSource = 'whole' | 'fence' | 'prose';

export type ExtractedJson = { ok: true; value: unknown; source: JsonSource } | { ok: false };

function parseObject(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ok: true, value }
      : { ok: false };
  } catch {
    return { ok: false };
  }
}

const FENCE = /```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)```/g;

/** The end of the balanced `{…}` starting at `start` (strings and escapes respected), or -1. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The first JSON object in a model's answer: the answer itself, then code fences, then prose. */
export function extractJson(answer: string): ExtractedJson {
  const whole = parseObject(answer.trim());
  if (whole.ok) return { ...whole, source: 'whole' };
  for (const match of answer.matchAll(FENCE)) {
    const fenced = parseObject((match[1] ?? '').trim());
    if (fenced.ok) return { ...fenced, source: 'fence' };
  }
  // Prose may hold braces that are not JSON ("{name}"): try each opening brace until one parses.
  for (let start = answer.indexOf('{'); start >= 0; start = answer.indexOf('{', start + 1)) {
    const end = closingBrace(answer, start);
    if (end < 0) break;
    const inner = parseObject(answer.slice(start, end + 1));
    if (inner.ok) return { ...inner, source: 'prose' };
  }
  return { ok: false };
}

/**
 * What has streamed so far, parsed leniently (for fields appearing one by one): from the first `{`,
 * without a closing fence. Undefined while there is nothing readable yet.
 */
export function partialJson(snapshot: string): unknown {
  const start = snapshot.indexOf('{');
  if (start < 0) return undefined;
  const body = snapshot.slice(start).replace(/```[\s\S]*$/, '');
  try {
    return partialParse(body);
  } catch {
    return undefined;
  }
}

/** Zod issues as lines a model can act on ("fields.category.value: Invalid option…"). */
export function describeIssues(error: z.ZodError, max = 20): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join('.') || '(the whole answer)';
    return `- ${path}: ${issue.message}`;
  });
  const more = error.issues.length - lines.length;
  return more > 0 ? `${lines.join('\n')}\n- and ${more} more` : lines.join('\n');
}

export type CheckedAnswer<T> =
  | { ok: true; value: T; source: JsonSource }
  | { ok: false; problem: string; noJson: boolean };

/** Extract then validate: a value of the schema's type, or the problem in words for a repair request. */
export function checkAnswer<T>(answer: string, schema: z.ZodType<T>): CheckedAnswer<T> {
  const found = extractJson(answer);
  if (!found.ok) {
    return { ok: false, noJson: true, problem: '- (the whole answer): no JSON object was found in it' };
  }
  const parsed = schema.safeParse(found.value);
  return parsed.success
    ? { ok: true, value: parsed.data, source: found.source }
    : { ok: false, noJson: false, problem: describeIssues(parsed.error) };
}
