import type { Correction, DeskEvent } from '@/lib/db/db';

/**
 * A seeded event log with hand-computed answers (see compute.test.ts). Six tickets over two UTC days:
 * A, B: triage in shadow (filled by hand); C, D: triage in assist (D on another site, applied twice);
 * E: refund in assist; F: opened, failed, never applied.
 */
export const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
export const DAY1 = T0 + 86_400_000;
const s = 1000;

export const hash = (letter: string) => letter.repeat(64).replace(/[^0-9a-f]/g, 'f');
export const A = hash('a');
export const B = hash('b');
export const C = hash('c');
export const D = hash('d');
export const E = hash('e');
export const F = '1'.repeat(64);

function ev(
  type: string,
  time: number,
  ticketHash: string,
  templateId?: string,
  extra: Partial<DeskEvent> = {},
): DeskEvent {
  return { type, time, site: 'demo', ticketHash, ...(templateId ? { templateId } : {}), ...extra };
}
const ready = (t: number, h: string, tpl: string, d: Record<string, string | number>, site = 'demo') =>
  ev('suggestion.ready', t, h, tpl, {
    site,
    data: { filled: 0, missing: 0, conflict: 0, stale: 0, unsupported: 0, flags: 0, ...d },
  });

export const events: DeskEvent[] = [
  // A: shadow triage, 2 edits, cycle 300 s
  ev('panel.opened', T0, A),
  ev('suggestion.requested', T0 + 10 * s, A, 'triage', { data: { mode: 'shadow' } }),
  ready(T0 + 12 * s, A, 'triage', {
    mode: 'shadow',
    latencyMs: 2000,
    provider: 'local',
    model: 'local',
    filled: 3,
    missing: 1,
  }),
  ev('field.edited', T0 + 60 * s, A, 'triage', { field: 'category' }),
  ev('field.edited', T0 + 90 * s, A, 'triage', { field: 'priority' }),
  ev('applied', T0 + 300 * s, A, 'triage', { data: { mode: 'shadow', fields: 4 } }),
  // B: shadow triage, 1 edit, cycle 500 s, one flag dismissed
  ev('panel.opened', T0 + 1000 * s, B),
  ready(T0 + 1001 * s, B, 'triage', {
    mode: 'shadow',
    latencyMs: 4000,
    provider: 'local',
    model: 'local',
    filled: 2,
    missing: 1,
    unsupported: 1,
    flags: 1,
  }),
  ev('field.edited', T0 + 1100 * s, B, 'triage', { field: 'category' }),
  ev('applied', T0 + 1500 * s, B, 'triage', { data: { mode: 'shadow', fields: 3 } }),
  ev('dismissed', T0 + 1510 * s, B, undefined, { data: { flags: 1 } }),
  // C: assist triage, 1 edit, cycle 60 s, escalated with 2 flags
  ev('panel.opened', DAY1, C),
  ready(DAY1 + 5 * s, C, 'triage', {
    mode: 'assist',
    latencyMs: 1000,
    provider: 'openai',
    model: 'm',
    filled: 4,
    flags: 2,
  }),
  ev('field.edited', DAY1 + 20 * s, C, 'triage', { field: 'priority' }),
  ev('applied', DAY1 + 60 * s, C, 'triage', { data: { mode: 'assist', fields: 4 } }),
  ev('escalated', DAY1 + 70 * s, C, 'triage', { data: { flags: 2 } }),
  // D: another site, a failure then a suggestion, cycle 100 s; the second apply does not count
  ev('panel.opened', DAY1 + 100 * s, D, undefined, { site: 'zendesk' }),
  ev('suggestion.failed', DAY1 + 101 * s, D, 'triage', {
    site: 'zendesk',
    data: { mode: 'assist', code: 'timeout' },
  }),
  ready(
    DAY1 + 110 * s,
    D,
    'triage',
    { mode: 'assist', latencyMs: 3000, provider: 'openai', model: 'm', filled: 1, missing: 2, conflict: 1 },
    'zendesk',
  ),
  ev('applied', DAY1 + 200 * s, D, 'triage', { site: 'zendesk', data: { mode: 'assist', fields: 2 } }),
  ev('applied', DAY1 + 300 * s, D, 'triage', { site: 'zendesk', data: { mode: 'assist', fields: 2 } }),
  // E: assist refund, 3 edits, cycle 100 s, one flag dismissed
  ev('panel.opened', DAY1 + 400 * s, E),
  ready(DAY1 + 410 * s, E, 'refund', {
    mode: 'assist',
    latencyMs: 5000,
    provider: 'openai',
    model: 'm',
    filled: 2,
    unsupported: 2,
    flags: 1,
  }),
  ev('field.edited', DAY1 + 420 * s, E, 'refund', { field: 'amount' }),
  ev('field.edited', DAY1 + 430 * s, E, 'refund', { field: 'amount' }),
  ev('field.edited', DAY1 + 440 * s, E, 'refund', { field: 'reason' }),
  ev('applied', DAY1 + 500 * s, E, 'refund', { data: { mode: 'assist', fields: 2 } }),
  ev('dismissed', DAY1 + 510 * s, E, 'refund', { data: { flags: 1 } }),
  // F: opened, the provider failed, never applied
  ev('panel.opened', DAY1 + 600 * s, F),
  ev('suggestion.failed', DAY1 + 610 * s, F, 'refund', { data: { mode: 'assist', code: 'network' } }),
];

function corr(
  templateId: string,
  field: string,
  ticketHash: string,
  time: number,
  agreed: boolean,
  extra: Partial<Correction> = {},
): Correction {
  return {
    templateId,
    templateVersion: 1,
    field,
    aiValue: 'x',
    keptValue: agreed ? 'x' : 'y',
    agreed,
    aiConfidence: 0.8,
    aiSource: 'model',
    evidence: [],
    contextSnippet: '',
    site: 'demo',
    ticketHash,
    time,
    ...extra,
  };
}

export const corrections: Correction[] = [
  corr('triage', 'category', A, T0 + 300 * s, false),
  corr('triage', 'priority', A, T0 + 300 * s, false),
  corr('triage', 'category', B, T0 + 1500 * s, true),
  corr('triage', 'priority', B, T0 + 1500 * s, true),
  corr('triage', 'category', C, DAY1 + 60 * s, true),
  corr('triage', 'priority', C, DAY1 + 60 * s, false),
  corr('triage', 'category', D, DAY1 + 200 * s, true, { site: 'zendesk' }),
  corr('refund', 'amount', E, DAY1 + 500 * s, false),
  corr('refund', 'reason', E, DAY1 + 500 * s, true),
  // A colleague's measurement from a team pack: never counted here.
  corr('triage', 'category', F, DAY1 + 700 * s, true, { imported: { from: 'pack', at: DAY1 } }),
];
