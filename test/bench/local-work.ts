/**
 * Local work around one suggestion (`npm run bench:local`), on a 100 kB thread: redaction of the whole
 * ticket, prompt building with compaction, and the local engine's prediction of every field, for each
 * built-in template. These run in the background before and instead of a model call; they must stay
 * invisible next to the model's own time.
 *   RUNS=30 npm run bench:local
 */
import { performance } from 'node:perf_hooks';
import type { TicketContext, TicketMessage } from '../../lib/context/ticket-context';
import { localFill } from '../../lib/engine/local-provider';
import { buildPrompt } from '../../lib/llm/prompt';
import { redactContext } from '../../lib/redact/redact';
import { RedactionSettings } from '../../lib/settings/schema';
import { builtinTemplate } from '../../lib/templates/registry';
import { machineLine, summary } from './common';

const RUNS = Number(process.env.RUNS ?? 30);
const THREAD_BYTES = 100_000;
const TEMPLATES = ['triage', 'refund-request', 'bug-report', 'escalation-handoff', 'reply-draft'];

/** A deterministic support thread of about `bytes` characters, with the personal data desks really see. */
function thread(bytes: number): TicketContext {
  const lines = [
    (i: number) =>
      `Hello, my order A-${10_500 + i} arrived damaged and I would like a refund of €${(20 + (i % 80)).toFixed(2)}. You can reach me at customer${i}@example.com or +44 20 7946 ${String(1000 + i).slice(-4)}.`,
    (i: number) =>
      `Thanks for your patience. I have checked order A-${10_500 + i}: the courier reported the parcel as delivered on 1${i % 9} October. Could you send a photo of the damage?`,
    (_i: number) =>
      `I already paid with my card 4111 1111 1111 1111 and my IBAN is GB82 WEST 1234 5698 7654 32 if you prefer a transfer. This is the third time I write, it is really frustrating.`,
    (i: number) =>
      `Internal: customer is a repeat buyer (${i} orders). Approve the refund if the photo confirms it; otherwise escalate to the returns team. Ticket ref ${2000 + i}.`,
  ];
  const roles: TicketMessage['role'][] = ['customer', 'agent', 'customer', 'internal'];
  const messages: TicketMessage[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = `${lines[i % 4]!(i)} ${'Some more context about the situation and what happened next. '.repeat(3)}`;
    size += text.length;
    messages.push({
      id: `m${i + 1}`,
      author: roles[i % 4] === 'customer' ? 'Dana Customer' : 'Tom (Support)',
      role: roles[i % 4]!,
      time: new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString(),
      text,
    });
  }
  return {
    site: 'bench',
    ticketKey: 'bench-1',
    url: 'https://desk.example.test/tickets/1',
    subject: 'Damaged blender, refund please',
    requester: { name: 'Dana Customer', email: 'dana@example.com' },
    status: 'open',
    priority: 'normal',
    queue: 'Support',
    fields: { Category: 'refund' },
    messages,
    unreadable: [],
    readAt: Date.UTC(2026, 9, 2),
  };
}

/** Median-friendly timings of `fn`, after two warm-up calls (JIT). */
async function time(fn: () => unknown): Promise<number[]> {
  await fn();
  await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  console.log(
    `Local work on a ${THREAD_BYTES / 1000} kB thread (Node, ${RUNS} runs each after warm-up, medians)`,
  );
  console.log(machineLine());
  const context = thread(THREAD_BYTES);
  const chars = context.messages.reduce((n, m) => n + m.text.length, 0);
  console.log(`  thread: ${context.messages.length} messages, ${chars.toLocaleString('en')} characters`);
  const rules = RedactionSettings.parse({});
  const { context: redacted, redactor } = redactContext(context, rules);
  console.log(
    `  redaction of the whole ticket: ${summary(await time(() => redactContext(context, rules)))}; ${redactor.count} distinct values replaced`,
  );
  for (const id of TEMPLATES) {
    const template = builtinTemplate(id);
    if (!template) {
      console.log(`  ${id}: no such built-in template, skipped`);
      continue;
    }
    const fields = Object.keys(template.schema.shape);
    const prompt = buildPrompt({ template, context: redacted, fields });
    const s = prompt.stats;
    console.log(
      `  ${id}: prompt building with compaction ${summary(await time(() => buildPrompt({ template, context: redacted, fields })))} (${s.fullTokens} -> ${s.ticketTokens} ticket tokens, ${s.keptMessages} messages kept, ${s.omittedMessages} omitted)`,
    );
    console.log(
      `  ${id}: local engine prediction, ${fields.length} fields ${summary(await time(() => localFill({ template, context, fields, examples: [] })))}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
