// The demo help desk: a small real web app (list, ticket page with thread, reply box, fields) that the
// demo and the end-to-end tests drive. State is in memory; POST /api/reset restores the seed tickets.
//   node test/demo-desk/server.mjs [--port 4100]
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import seed from './tickets.json' with { type: 'json' };

export const STATUSES = ['new', 'open', 'pending', 'solved'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const CATEGORIES = [
  'shipping',
  'refund',
  'return',
  'bug',
  'account',
  'billing',
  'product',
  'subscription',
  'other',
];

/**
 * Custom ticket fields, as a team adds them in a hosted desk: the desk names its options its own way
 * (value and label differ), and a new ticket has none set.
 */
export const SENTIMENTS = [
  ['negative', 'Negative'],
  ['neutral', 'Neutral'],
  ['positive', 'Positive'],
];
export const LANGUAGES = [
  ['en', 'English'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['other', 'Other'],
];

const esc = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="Deskmate Demo Desk">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Demo Desk</title>
<style>
  body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2433;background:#f4f6fa}
  .top{background:#23395d;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center}
  .top a{color:#fff;text-decoration:none;font-weight:600}
  main{max-width:1100px;margin:20px auto;padding:0 20px;display:grid;grid-template-columns:1fr 260px;gap:20px}
  .card{background:#fff;border:1px solid #dfe3ec;border-radius:8px;padding:16px}
  .message{border-left:4px solid #8aa4d6;padding:8px 12px;margin:0 0 12px;background:#fff;border-radius:4px}
  .message[data-role=agent]{border-color:#5cb85c}.message[data-role=internal]{border-color:#f0ad4e;background:#fff8ec}
  .message header{font-size:13px;color:#5b6478}.body{white-space:pre-wrap}
  textarea{width:100%;min-height:140px;box-sizing:border-box;font:inherit}
  dl{margin:0}dt{font-size:12px;color:#5b6478;margin-top:10px}dd{margin:0}
  table{width:100%;border-collapse:collapse;background:#fff}td,th{padding:8px;border-bottom:1px solid #e6e9f0;text-align:left}
  .list{grid-template-columns:1fr}
</style></head><body><nav class="top"><a href="/">Demo Desk</a><span>Support inbox</span></nav>${body}</body></html>`;
}

function messageHtml(m, i) {
  return `<article class="message" data-role="${esc(m.role)}" data-message-id="${esc(m.id ?? `m${i + 1}`)}">
<header><span class="author">${esc(m.author)}</span> · <time datetime="${esc(m.time)}">${esc(new Date(m.time).toUTCString())}</time>${m.role === 'internal' ? ' · <span class="internal-tag">Internal note</span>' : ''}</header>
<div class="body">${esc(m.text)}</div></article>`;
}

/** A long synthetic thread for performance tests: ?thread=1000 adds that many messages. */
function paddedMessages(ticket, extra) {
  const out = [];
  for (let i = 0; i < extra; i++) {
    out.push({
      id: `x${i + 1}`,
      author: i % 2 ? 'Tom (Support)' : ticket.requester.name,
      role: i % 2 ? 'agent' : 'customer',
      time: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(),
      text: `Follow-up ${i + 1}: still waiting on this, any update on the case? Reference ${ticket.id}-${i + 1}.`,
    });
  }
  return [...out, ...ticket.messages];
}

function select(name, options, current) {
  return `<select name="${name}" id="field-${name}">${options
    .map((o) => `<option value="${o}"${o === current ? ' selected' : ''}>${o}</option>`)
    .join('')}</select>`;
}

/** A select whose options have their own labels, with an empty entry while nothing is set. */
function labelledSelect(name, options, current) {
  const items = options
    .map(([v, l]) => `<option value="${v}"${v === current ? ' selected' : ''}>${l}</option>`)
    .join('');
  return `<select name="${name}" id="field-${name}"><option value="">—</option>${items}</select>`;
}

const textInput = (name, current) =>
  `<input type="text" name="${name}" id="field-${name}" value="${esc(current ?? '')}">`;

function ticketPage(t, { late, extra }) {
  const messages = extra ? paddedMessages(t, extra) : t.messages;
  const thread = late
    ? `<section id="thread" class="thread" aria-live="polite" data-loading="true"><p class="loading">Loading conversation…</p></section>
<script>setTimeout(()=>fetch('/tickets/${t.id}/thread${extra ? `?thread=${extra}` : ''}').then(r=>r.text()).then(h=>{const s=document.getElementById('thread');s.innerHTML=h;s.removeAttribute('data-loading')}),400)</script>`
    : `<section id="thread" class="thread" aria-live="polite">${messages.map(messageHtml).join('')}</section>`;
  return page(
    t.subject,
    `<main class="ticket" data-ticket-id="${t.id}" data-version="${t.version}">
<div><div class="card"><header><h1 class="ticket-subject">${esc(t.subject)}</h1><span class="ticket-id">#${t.id}</span></header>
${thread}
<form id="reply-form" method="post" action="/tickets/${t.id}/reply">
<label for="reply">Reply to customer</label><textarea id="reply" name="body"></textarea>
<label for="internal-note">Internal note</label><textarea id="internal-note" name="note" style="min-height:60px"></textarea>
<input type="hidden" name="status" value="${t.status}"><button type="submit">Send</button></form></div></div>
<aside class="card ticket-props"><form id="props" method="post" action="/tickets/${t.id}/props"><dl>
<dt>Requester</dt><dd class="requester"><span class="requester-name">${esc(t.requester.name)}</span><br><a class="requester-email" href="mailto:${esc(t.requester.email)}">${esc(t.requester.email)}</a></dd>
<dt><label for="field-status">Status</label></dt><dd>${select('status', STATUSES, t.status)}</dd>
<dt><label for="field-priority">Priority</label></dt><dd>${select('priority', PRIORITIES, t.priority)}</dd>
<dt><label for="field-category">Category</label></dt><dd>${select('category', CATEGORIES, t.category)}</dd>
<dt>Queue</dt><dd class="queue">${esc(t.queue)}</dd>
<dt><label for="field-product">Product</label></dt><dd>${textInput('product', t.product)}</dd>
<dt><label for="field-sentiment">Sentiment</label></dt><dd>${labelledSelect('sentiment', SENTIMENTS, t.sentiment)}</dd>
<dt><label for="field-language">Language</label></dt><dd>${labelledSelect('language', LANGUAGES, t.language)}</dd>
<dt><label for="field-summary">Summary</label></dt><dd>${textInput('summary', t.summary)}</dd>
</dl><button type="submit">Save fields</button></form></aside>
</main>
<script>
// Live updates, like hosted desks: a new reply appears without a reload.
setInterval(async()=>{try{const r=await fetch('/api/tickets/${t.id}');const j=await r.json();const m=document.querySelector('main.ticket');
if(String(j.version)!==m.dataset.version){m.dataset.version=j.version;const h=await (await fetch('/tickets/${t.id}/thread')).text();document.getElementById('thread').innerHTML=h;}}catch{}},1000);
</script>`,
  );
}

function listPage(tickets) {
  const rows = tickets
    .map(
      (t) =>
        `<tr><td>#${t.id}</td><td><a href="/tickets/${t.id}">${esc(t.subject)}</a></td><td>${esc(t.requester.name)}</td><td>${t.status}</td><td>${t.priority}</td></tr>`,
    )
    .join('');
  return page(
    'Inbox',
    `<main class="list"><div class="card"><h1>Inbox</h1><table><thead><tr><th>#</th><th>Subject</th><th>Requester</th><th>Status</th><th>Priority</th></tr></thead><tbody>${rows}</tbody></table></div></main>`,
  );
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** Start the desk; resolves with its base URL. Port 0 picks a free port. */
export async function startDemoDesk({ port = 0, host = '127.0.0.1' } = {}) {
  let tickets = structuredClone(seed).map((t) => ({ ...t, version: 1 }));
  const find = (id) => tickets.find((t) => t.id === Number(id));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status, type, text) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(text);
    };
    try {
      const route = (method, pattern) => (req.method === method ? url.pathname.match(pattern) : null);
      let m = null;
      if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html', listPage(tickets));
      m = route('GET', /^\/tickets\/(\d+)$/);
      if (m) {
        const t = find(m[1]);
        if (!t) return send(404, 'text/html', page('Not found', '<main><p>No such ticket.</p></main>'));
        const extra = Math.min(Number(url.searchParams.get('thread') ?? 0) || 0, 20000);
        return send(200, 'text/html', ticketPage(t, { late: url.searchParams.has('late'), extra }));
      }
      m = route('GET', /^\/tickets\/(\d+)\/thread$/);
      if (m) {
        const t = find(m[1]);
        if (!t) return send(404, 'text/plain', 'not found');
        const extra = Math.min(Number(url.searchParams.get('thread') ?? 0) || 0, 20000);
        return send(
          200,
          'text/html',
          (extra ? paddedMessages(t, extra) : t.messages).map(messageHtml).join(''),
        );
      }
      m = route('POST', /^\/tickets\/(\d+)\/(reply|props)$/);
      if (m) {
        const t = find(m[1]);
        if (!t) return send(404, 'text/plain', 'not found');
        const form = new URLSearchParams(await body(req));
        if (m[2] === 'reply') {
          const text = form.get('body')?.trim();
          const note = form.get('note')?.trim();
          const time = new Date().toISOString();
          if (text) t.messages.push({ author: 'You (Support)', role: 'agent', time, text });
          if (note) t.messages.push({ author: 'You (Support)', role: 'internal', time, text: note });
        } else {
          for (const [k, allowed] of [
            ['status', STATUSES],
            ['priority', PRIORITIES],
            ['category', CATEGORIES],
          ]) {
            const v = form.get(k);
            if (v && allowed.includes(v)) t[k] = v;
          }
          for (const [k, allowed] of [
            ['sentiment', SENTIMENTS],
            ['language', LANGUAGES],
          ]) {
            const v = form.get(k);
            if (v !== null && (v === '' || allowed.some(([value]) => value === v))) t[k] = v;
          }
          for (const k of ['product', 'summary']) {
            const v = form.get(k);
            if (v !== null) t[k] = v.slice(0, 500);
          }
        }
        t.version++;
        res.writeHead(303, { location: `/tickets/${t.id}` });
        return res.end();
      }
      m = route('GET', /^\/api\/tickets\/(\d+)$/);
      if (m) {
        const t = find(m[1]);
        return t
          ? send(200, 'application/json', JSON.stringify(t))
          : send(404, 'application/json', '{"error":"not found"}');
      }
      m = route('POST', /^\/api\/tickets\/(\d+)\/messages$/);
      if (m) {
        const t = find(m[1]);
        if (!t) return send(404, 'application/json', '{"error":"not found"}');
        const msg = JSON.parse(await body(req));
        t.messages.push({
          author: msg.author ?? t.requester.name,
          role: msg.role ?? 'customer',
          time: new Date().toISOString(),
          text: String(msg.text),
        });
        t.version++;
        return send(201, 'application/json', JSON.stringify(t));
      }
      if (url.pathname === '/api/tickets' && req.method === 'GET')
        return send(200, 'application/json', JSON.stringify(tickets));
      if (url.pathname === '/api/reset' && req.method === 'POST') {
        tickets = structuredClone(seed).map((t) => ({ ...t, version: 1 }));
        return send(200, 'application/json', '{"ok":true}');
      }
      return send(404, 'text/plain', 'not found');
    } catch (error) {
      return send(400, 'text/plain', `bad request: ${error instanceof Error ? error.message : error}`);
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const baseUrl = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return { baseUrl, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const { baseUrl } = await startDemoDesk({ port: i > 0 ? Number(process.argv[i + 1]) : 4100 });
  console.log(`Demo desk on ${baseUrl}`);
}
