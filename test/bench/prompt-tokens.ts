// Prompt tokens per template on a long thread (demo ticket 1001 with 1000 follow-ups, as
// /tickets/1001?thread=1000 renders it) against sending the whole thread.
//   npm run bench:prompt
import type { TicketContext } from '../../lib/context/ticket-context';
import { buildPrompt, estimateTokens } from '../../lib/llm/prompt';
import { BUILTIN_TEMPLATES } from '../../lib/templates/builtin';
import tickets from '../demo-desk/tickets.json' with { type: 'json' };

const EXTRA = Number(process.argv[2] ?? 1000);
const seed = tickets.find((t) => t.id === 1001);
if (!seed) throw new Error('demo ticket 1001 missing');

// The same padding as test/demo-desk/server.mjs paddedMessages().
const padded = Array.from({ length: EXTRA }, (_, i) => ({
  id: `x${i + 1}`,
  author: i % 2 ? 'Tom (Support)' : seed.requester.name,
  role: (i % 2 ? 'agent' : 'customer') as 'agent' | 'customer',
  time: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(),
  text: `Follow-up ${i + 1}: still waiting on this, any update on the case? Reference ${seed.id}-${i + 1}.`,
}));
const context: TicketContext = {
  site: 'demo',
  ticketKey: '1001',
  url: 'http://127.0.0.1:4100/tickets/1001?thread=1000',
  subject: seed.subject,
  fields: {},
  messages: [...padded, ...seed.messages.map((m) => ({ ...m, role: m.role as 'customer' | 'agent' }))],
  unreadable: [],
  readAt: 0,
};

console.log(`Thread: ${context.messages.length} messages (demo ticket 1001 + ${EXTRA} follow-ups)\n`);
console.log('template            | compacted prompt | whole thread | saved | messages kept | order # kept');
console.log('--------------------|------------------|--------------|-------|---------------|-------------');
for (const template of BUILTIN_TEMPLATES) {
  const fields = Object.keys(template.schema.shape);
  const compact = buildPrompt({ template, context, fields });
  const whole = buildPrompt({ template, context, fields, budget: Number.POSITIVE_INFINITY });
  const saved = 1 - compact.stats.totalTokens / whole.stats.totalTokens;
  const keptOrder = compact.messages[1]?.content.includes('#A-10482') ? 'yes' : 'no';
  console.log(
    `${template.id.padEnd(20)}| ${String(compact.stats.totalTokens).padStart(16)} | ${String(whole.stats.totalTokens).padStart(12)} | ${`${Math.round(saved * 100)}%`.padStart(5)} | ${`${compact.stats.keptMessages}/${context.messages.length}`.padStart(13)} | ${keptOrder}`,
  );
}
const system =
  buildPrompt({ template: BUILTIN_TEMPLATES[0]!, context, fields: [] }).messages[0]?.content ?? '';
console.log(
  `\nStable system prefix (triage): ${estimateTokens(system)} tokens, identical across tickets (prompt caching).`,
);
