// A local server speaking the OpenAI chat-completions protocol, for tests and the demo. Never a real AI:
// by default it answers structured-output requests by running Deskmate's local engine on the ticket
// block in the prompt, so answers are grounded and deterministic. Tests script failures per request.
//   npx tsx test/openai-server/server.ts [--port 4200]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { TicketContext } from '../../lib/context/ticket-context';
import { localFill, localRisks } from '../../lib/engine/local-provider';
import { estimateTokens, parseTicketBlock } from '../../lib/llm/prompt';
import type { FieldMeta, Template } from '../../lib/templates/define';
import { builtinTemplate } from '../../lib/templates/registry';

/** One request as the server received it (for tests that inspect prompts and headers). */
export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary request JSON (messages, schemas).
  body: any;
  raw: string;
  at: number;
}

/** What to do with a request instead of the default answer. */
export type Fault =
  /** An API error: 401, 403, 404 (`code: 'model_not_found'`), 429 (with Retry-After seconds), 500, 503... */
  | { kind: 'status'; status: number; code?: string; message?: string; retryAfter?: number }
  /** Accept the request and never answer (client timeout / cancellation). */
  | { kind: 'hang' }
  /** `body`: the HTTP body is not JSON; `content`: the assistant's content is not JSON. */
  | { kind: 'malformed'; where?: 'body' | 'content' }
  /** Valid JSON that does not match the requested schema. */
  | { kind: 'violate' }
  /** A stream that stops halfway: no finish_reason, no [DONE]. */
  | { kind: 'truncate'; afterChunks?: number }
  /** `message.refusal` instead of content. */
  | { kind: 'refusal'; refusal?: string }
  /** Answer with this exact assistant content (a string) or this object as JSON. */
  | { kind: 'content'; content: string | object };

export type ScriptHandler = (request: CapturedRequest) => Fault | undefined;

/**
 * How the server treats `response_format`, like the servers teams run themselves
 * (docs/structured-output.md):
 * - `json_schema`: honours json_schema and json_object (OpenAI, recent vLLM, Ollama);
 * - `refuse-json-schema`: HTTP 400 naming response_format for json_schema (older vLLM, llama.cpp builds);
 * - `refuse-json-object`: HTTP 400 for json_schema and for json_object too (some gateways);
 * - `prose`: accepts any response_format, ignores it and answers prose with the JSON inside;
 * - `fence`: accepts any response_format and answers the JSON in a ```json code fence.
 * Without json_schema the server reads the schema from the prompt (lib/llm/prompt.ts withAnswerSchema).
 */
export type StructuredOutputBehaviour =
  | 'json_schema'
  | 'refuse-json-schema'
  | 'refuse-json-object'
  | 'prose'
  | 'fence';

export interface OpenAIServer {
  /** e.g. http://127.0.0.1:43123/v1 */
  baseUrl: string;
  port: number;
  requests: CapturedRequest[];
  /** A handler consulted for every request (undefined answer = default behaviour); null removes it. */
  script(handler: ScriptHandler | null): void;
  /** Faults for the next requests to the chat endpoint, one each, in order. */
  enqueue(...faults: Fault[]): void;
  /** Change how response_format is treated from the next request on. */
  setStructuredOutput(behaviour: StructuredOutputBehaviour): void;
  close(): Promise<void>;
}

export interface OpenAIServerOptions {
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** When set, other models get 404 model_not_found. */
  models?: string[];
  /** Characters per streamed content chunk. */
  chunkSize?: number;
  /** How response_format is treated; `json_schema` (full support) by default. */
  structuredOutput?: StructuredOutputBehaviour;
}

const DEFAULT_MODELS = ['gpt-4.1-mini', 'gpt-4o-mini', 'deskmate-test'];

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  // `*` does not cover Authorization: echo what the browser asks for.
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'authorization, content-type',
  );
  res.setHeader('Access-Control-Allow-Private-Network', 'true');
  res.setHeader('Access-Control-Max-Age', '600');
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function apiError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string | null,
  extra: Record<string, string> = {},
) {
  const type =
    status === 401
      ? 'invalid_request_error'
      : status === 429
        ? 'rate_limit_exceeded'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error';
  sendJson(res, status, { error: { message, type, param: null, code } }, extra);
}

/** The parts of a JSON Schema the fallback answer reads. */
interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  minimum?: number;
}

/** What the server reads from a chat-completions request body. */
interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type?: string; json_schema?: { schema?: JsonSchema } };
}

/** A deterministic value valid for a JSON schema (used when the template is not one we know). */
export function exampleFromSchema(
  schema: JsonSchema | undefined,
  defs: Record<string, JsonSchema> = {},
): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if (schema.$ref) return exampleFromSchema(defs[String(schema.$ref).split('/').pop() ?? ''], defs);
  const local = { ...defs, ...(schema.$defs ?? {}), ...(schema.definitions ?? {}) };
  if (schema.anyOf) {
    const nullable = schema.anyOf.find((s) => s.type === 'null');
    return nullable ? null : exampleFromSchema(schema.anyOf[0], local);
  }
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type)
    ? schema.type.includes('null')
      ? 'null'
      : schema.type[0]
    : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleFromSchema(v, local)]),
      );
    case 'array':
      return [];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The enum values a field's schema offers (the desk's options, bound per page by the client). */
function enumOf(schema: JsonSchema | undefined): string[] | undefined {
  if (!schema) return undefined;
  if (schema.enum) return schema.enum.filter((v): v is string => typeof v === 'string');
  for (const s of schema.anyOf ?? []) {
    const found = enumOf(s);
    if (found) return found;
  }
  return undefined;
}

/** The template with the choices the request offers, as a model sees them: only those can be answered. */
function offered(template: Template, schema: JsonSchema | undefined): Template {
  const props = schema?.properties?.fields?.properties ?? {};
  const fields = { ...(template.fields as Record<string, FieldMeta>) };
  for (const [name, meta] of Object.entries(fields)) {
    const options = enumOf(props[name]?.properties?.value);
    if (options && meta.kind === 'enum') fields[name] = { ...meta, options };
  }
  return { ...template, fields } as Template;
}

/** The default structured answer: the local engine run on the ticket block of the prompt. */
async function groundedAnswer(body: ChatBody): Promise<unknown> {
  const schema = body?.response_format?.json_schema?.schema;
  const messages = body.messages;
  const text = messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
  const templateId = /^Template id: (\S+)$/m.exec(text)?.[1];
  const template = templateId ? builtinTemplate(templateId) : undefined;
  const block = parseTicketBlock(text);
  const wanted = Object.keys(schema?.properties?.fields?.properties ?? {});
  if (!template || !block || !wanted.length) return exampleFromSchema(schema);
  const context: TicketContext = {
    site: 'openai-server',
    ticketKey: 'prompt',
    url: '',
    ...(block.subject ? { subject: block.subject } : {}),
    fields: {},
    messages: block.messages,
    unreadable: [],
    readAt: 0,
  };
  const answer = await localFill({
    template: offered(template, schema),
    context,
    fields: wanted,
    examples: [],
  });
  return {
    fields: Object.fromEntries(
      wanted.map((f) => {
        const a = answer.fields[f];
        return [f, { value: a?.value ?? null, evidence: a?.evidence ?? [], confidence: a?.confidence ?? 0 }];
      }),
    ),
    risks: template.riskSignals
      ? localRisks(context).map((r) => ({ ...r, rationale: r.rationale ?? '' }))
      : [],
  };
}

/**
 * The JSON Schema a prompt carries (lib/llm/prompt.ts withAnswerSchema writes it on one line after its
 * introduction), read as a model would: the last line of the user messages that is a JSON schema.
 */
function schemaInPrompt(body: ChatBody): JsonSchema | undefined {
  const lines = body.messages
    .filter((m) => m.role === 'user' && typeof m.content === 'string')
    .flatMap((m) => String(m.content).split('\n'))
    .reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as JsonSchema;
      if (parsed.properties) return parsed;
    } catch {
      // Not JSON: a line of the ticket or of the instructions.
    }
  }
  return undefined;
}

/** The request with the schema a model would follow: response_format's, else the one in the prompt. */
function withSchema(body: ChatBody): ChatBody {
  if (body.response_format?.json_schema?.schema) return body;
  const schema = schemaInPrompt(body);
  return schema ? { ...body, response_format: { type: 'json_schema', json_schema: { schema } } } : body;
}

/** The 400 a server without this response_format answers (OpenAI error format, as llama.cpp sends). */
function formatRefusal(body: ChatBody, behaviour: StructuredOutputBehaviour): string | undefined {
  const type = body.response_format?.type;
  const refused =
    (type === 'json_schema' && (behaviour === 'refuse-json-schema' || behaviour === 'refuse-json-object')) ||
    (type === 'json_object' && behaviour === 'refuse-json-object');
  return refused
    ? `Unsupported response_format type '${type}': this server accepts only ${behaviour === 'refuse-json-schema' ? "'text' and 'json_object'" : "'text'"}.`
    : undefined;
}

/** The assistant's content for a request without a scripted fault. */
async function answerContent(body: ChatBody, behaviour: StructuredOutputBehaviour): Promise<string> {
  const asked = withSchema(body);
  if (!asked.response_format?.json_schema?.schema) {
    return body.response_format?.type === 'json_object' ? '{}' : 'Hello from the Deskmate test server.';
  }
  const json = JSON.stringify(await groundedAnswer(asked), null, behaviour === 'json_schema' ? undefined : 2);
  if (behaviour === 'prose') {
    return `Sure! Here is the filled template for this ticket:\n\n${json}\n\nLet me know if you need anything else.`;
  }
  if (behaviour === 'fence') return `\`\`\`json\n${json}\n\`\`\``;
  return json;
}

/** Start the server on 127.0.0.1 (port 0 = a free port). */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: CapturedRequest[] = [];
  const queue: Fault[] = [];
  let handler: ScriptHandler | null = null;
  let behaviour: StructuredOutputBehaviour = options.structuredOutput ?? 'json_schema';
  let counter = 0;
  const chunkSize = options.chunkSize ?? 24;

  const server = createServer(async (req, res) => {
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: ChatBody | undefined;
    try {
      body = raw ? (JSON.parse(raw) as ChatBody) : undefined;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const captured: CapturedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body,
      raw,
      at: Date.now(),
    };
    requests.push(captured);

    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      apiError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const models = options.models ?? DEFAULT_MODELS;
      sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'deskmate-test',
        })),
      });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      apiError(res, 404, `Unknown endpoint ${req.method} ${path}.`, 'not_found');
      return;
    }
    if (!body || !Array.isArray(body.messages) || typeof body.model !== 'string') {
      apiError(res, 400, "Invalid request: 'model' and 'messages' are required.", 'invalid_request');
      return;
    }
    const fault = handler?.(captured) ?? queue.shift();
    if (!fault && options.models && !options.models.includes(body.model)) {
      apiError(
        res,
        404,
        `The model \`${body.model}\` does not exist or you do not have access to it.`,
        'model_not_found',
      );
      return;
    }
    if (fault?.kind === 'hang') return; // Keep the socket open; close() destroys it.
    if (fault?.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      apiError(
        res,
        fault.status,
        fault.message ?? `Scripted error ${fault.status}.`,
        fault.code ?? null,
        headers,
      );
      return;
    }
    const refusedFormat = fault ? undefined : formatRefusal(body, behaviour);
    if (refusedFormat) {
      sendJson(res, 400, {
        error: {
          message: refusedFormat,
          type: 'invalid_request_error',
          param: 'response_format',
          code: null,
        },
      });
      return;
    }
    if (fault?.kind === 'malformed' && fault.where === 'body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
      return;
    }

    let content: string | null = null;
    let refusal: string | null = null;
    if (fault?.kind === 'refusal') refusal = fault.refusal ?? "I'm sorry, I can't help with that request.";
    else if (fault?.kind === 'content')
      content = typeof fault.content === 'string' ? fault.content : JSON.stringify(fault.content);
    else if (fault?.kind === 'malformed')
      content = '{"fields": {"category": {"value": "shipping", "evidence": [';
    else if (fault?.kind === 'violate') content = JSON.stringify({ fields: 'not an object', risks: 'none' });
    else content = await answerContent(body, behaviour);

    const id = `chatcmpl-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = estimateTokens(
      body.messages
        .map((m: { content: unknown }) => (typeof m.content === 'string' ? m.content : ''))
        .join('\n'),
    );
    const completionTokens = estimateTokens(content ?? refusal ?? '');
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };

    if (!body.stream) {
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage,
      });
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
    const pieces: string[] = [];
    const key = refusal !== null ? 'refusal' : 'content';
    const whole = refusal ?? content ?? '';
    for (let i = 0; i < whole.length; i += chunkSize) pieces.push(whole.slice(i, i + chunkSize));
    res.write(chunk({ role: 'assistant', content: '' }));
    const limit =
      fault?.kind === 'truncate'
        ? Math.min(fault.afterChunks ?? Math.ceil(pieces.length / 2), pieces.length)
        : pieces.length;
    for (let i = 0; i < limit; i++) {
      res.write(chunk({ [key]: pieces[i] }));
      // Let the client see fields arrive one by one, as a real model streams.
      await new Promise((r) => setImmediate(r));
    }
    if (fault?.kind === 'truncate') {
      res.end();
      return;
    }
    res.write(chunk({}, 'stop'));
    if (body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`,
      );
    }
    res.write('data: [DONE]\n\n');
    res.end();
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}/v1`,
    port,
    requests,
    script(next) {
      handler = next;
    },
    enqueue(...faults) {
      queue.push(...faults);
    },
    setStructuredOutput(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 4200;
  const s = await startOpenAIServer({ port });
  console.log(`OpenAI-compatible test server at ${s.baseUrl} (model: any; key: any)`);
}
