import type { TicketContext } from '../../../lib/context/ticket-context';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../demo-desk/server.mjs';
import tickets from '../../demo-desk/tickets.json';

/** The desk's fields as its page offers them (test/demo-desk/server.mjs renders these selects). */
const choice = (id: string, label: string, values: string[], value: string) => ({
  id,
  label,
  kind: 'single' as const,
  value,
  options: values.map((v) => ({ value: v, label: v })),
  writable: true,
});

/** A demo-desk ticket as the demo adapter would read it. */
export function demoContext(id: number): TicketContext {
  const t = tickets.find((x) => x.id === id);
  if (!t) throw new Error(`no demo ticket ${id}`);
  return {
    site: 'demo',
    ticketKey: String(t.id),
    url: `http://127.0.0.1/tickets/${t.id}`,
    subject: t.subject,
    requester: t.requester,
    status: t.status,
    priority: t.priority,
    queue: t.queue,
    fields: {},
    deskFields: [
      choice('status', 'Status', STATUSES, t.status),
      choice('priority', 'Priority', PRIORITIES, t.priority),
      choice('category', 'Category', CATEGORIES, t.category),
    ],
    messages: t.messages.map((m, i) => ({
      id: `m${i + 1}`,
      author: m.author,
      role: m.role as 'customer' | 'agent' | 'internal',
      time: m.time,
      text: m.text,
    })),
    unreadable: [],
    readAt: 0,
  };
}

export const DEMO_TICKET_IDS = tickets.map((t) => t.id);
