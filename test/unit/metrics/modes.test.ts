import { describe, expect, test } from 'vitest';
import type { Correction } from '@/lib/db/db';
import { describeBlocker, resolveTemplateMode, templateReadiness, templateStats } from '@/lib/metrics/modes';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';

function settings(modes: Record<string, 'shadow' | 'assist'>, threshold = 0.8, minTickets = 3): Settings {
  return {
    ...DEFAULT_SETTINGS,
    templates: { ...DEFAULT_SETTINGS.templates, modes, auto: { threshold, minTickets, promote: true } },
  };
}

let time = 0;
function c(field: string, ticket: string, agreed: boolean, extra: Partial<Correction> = {}): Correction {
  time += 1;
  return {
    templateId: 'triage',
    templateVersion: 1,
    field,
    aiValue: 'a',
    keptValue: agreed ? 'a' : 'b',
    agreed,
    aiConfidence: 1,
    aiSource: 'model',
    evidence: [],
    contextSnippet: '',
    site: 'demo',
    ticketHash: ticket,
    time,
    ...extra,
  };
}

// category: t1 ✓, t2 ✓ (after an earlier ✗ on the same ticket), t3 ✓, t4 ✓ -> 4/4
// priority: t1 ✓, t2 ✗, t3 ✓ -> 2/3
const rows: Correction[] = [
  c('category', 't1', true),
  c('category', 't2', false),
  c('category', 't2', true),
  c('category', 't3', true),
  c('category', 't4', true),
  c('priority', 't1', true),
  c('priority', 't2', false),
  c('priority', 't3', true),
  c('priority', 't9', true, { imported: { from: 'pack', at: 1 } }),
  c('category', 't5', true, { templateId: 'refund' }),
];

describe('templateStats', () => {
  test('latest comparison per ticket, imported and other templates left out', () => {
    const stats = templateStats(rows, 'triage');
    expect(stats.tickets).toBe(4);
    expect(stats.fields.category).toEqual({ field: 'category', tickets: 4, agreed: 4, accuracy: 1 });
    expect(stats.fields.priority).toEqual({ field: 'priority', tickets: 3, agreed: 2, accuracy: 2 / 3 });
  });
});

describe('resolveTemplateMode', () => {
  const stats = templateStats(rows, 'triage');
  test('assist by default; auto fields pass threshold over minTickets', () => {
    expect(resolveTemplateMode('triage', settings({}), stats)).toEqual({
      mode: 'assist',
      autoFields: ['category'],
    });
    // priority: 2/3 = 0.67 passes 0.6 over 3 tickets
    expect(resolveTemplateMode('triage', settings({}, 0.6), stats).autoFields).toEqual([
      'category',
      'priority',
    ]);
    // too few tickets for either field
    expect(resolveTemplateMode('triage', settings({}, 0.6, 5), stats).autoFields).toEqual([]);
  });
  test('shadow shows nothing, so nothing is auto', () => {
    expect(resolveTemplateMode('triage', settings({ triage: 'shadow' }), stats)).toEqual({
      mode: 'shadow',
      autoFields: [],
    });
  });
  test('no stats yet', () => {
    expect(resolveTemplateMode('triage', settings({}), undefined)).toEqual({
      mode: 'assist',
      autoFields: [],
    });
  });
});

describe('templateReadiness', () => {
  test('blocked by a field below the threshold, then ready when the threshold allows it', () => {
    const stats = templateStats(rows, 'triage');
    const blocked = templateReadiness('triage', settings({ triage: 'shadow' }), stats);
    expect(blocked.ready).toBe(false);
    expect(blocked.blockers).toEqual([
      { kind: 'accuracy', field: 'priority', accuracy: 2 / 3, threshold: 0.8, tickets: 3 },
    ]);
    expect(describeBlocker(blocked.blockers[0]!)).toBe(
      'Field "priority": accuracy 66.7% over 3 tickets, below 80%.',
    );
    expect(templateReadiness('triage', settings({ triage: 'shadow' }, 0.6), stats).ready).toBe(true);
  });
  test('blocked by too few tickets, or by no data at all', () => {
    const few = templateReadiness('triage', settings({}, 0.5, 10), templateStats(rows, 'triage'));
    expect(few.blockers).toEqual([{ kind: 'tickets', have: 4, need: 10 }]);
    expect(describeBlocker(few.blockers[0]!)).toBe('Too few tickets: 4 of 10.');
    const none = templateReadiness('bug', settings({}), templateStats(rows, 'bug'));
    expect(none.blockers.map((b) => b.kind)).toEqual(['no-data', 'tickets']);
  });
});
