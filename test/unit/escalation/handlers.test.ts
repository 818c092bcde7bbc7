import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/lib/db/db';
import { ticketHash } from '@/lib/db/ticket-hash';
import { escalationHandlers } from '@/lib/escalation/handlers';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { says, suggestion } from './helpers';

const origin = fakeBrowser.runtime.getURL('/');
const panel = { id: fakeBrowser.runtime.id, url: `${origin}sidepanel.html` };
const content = { id: fakeBrowser.runtime.id, url: 'https://desk.example/t/1', tab: { id: 3 } };
const call = (name: string, payload: unknown, sender: object = panel) =>
  dispatch(backgroundMessages, escalationHandlers, { name, payload }, sender);

beforeEach(async () => {
  await db().decisions.clear();
  await db().events.clear();
});

describe('escalation.evaluate', () => {
  test('evaluates the default rules and the settings threshold', async () => {
    const context = says('My lawyer will contact you. Also my card was charged by a scammer.');
    const s = suggestion({}, { risks: [{ category: 'churn', confidence: 0.2, evidence: [] }] });
    const reply = await call('escalation.evaluate', { context, suggestion: s });
    expect(reply).toMatchObject({ ok: true });
    const data = (reply as { data: { flags: { ruleId: string }[]; hints: unknown[] } }).data;
    expect(data.flags.map((f) => f.ruleId)).toEqual(['legal-threat', 'chargeback-fraud']);
    expect(data.hints).toHaveLength(1);
  });

  test('user rules from settings are added and validated', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        escalation: {
          rules: [
            {
              id: 'press',
              severity: 'warning',
              reason: 'Journalist',
              any: [{ kind: 'text', keywords: ['journalist'] }],
            },
          ],
        },
      },
    });
    const reply = await call('escalation.evaluate', { context: says('I am a journalist at the Post') });
    expect((reply as { data: { flags: { ruleId: string }[] } }).data.flags.map((f) => f.ruleId)).toEqual([
      'press',
    ]);
  });

  test('content scripts may not ask (the page is untrusted); bad contexts are refused', async () => {
    expect(await call('escalation.evaluate', { context: says('x') }, content)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('escalation.evaluate', { context: { site: '' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });
});

describe('decisions', () => {
  const flag = {
    ruleId: 'legal-threat',
    source: 'rule',
    severity: 'critical',
    reason: 'Legal',
    evidence: [{ quote: 'Write to jane.doe@example.com, my lawyer', messageIndex: 0 }],
  };

  test('record: hashed ticket key, redacted evidence, signals, and a metrics event', async () => {
    const reply = await call('decisions.record', {
      site: 'demo',
      ticketKey: '1005',
      flags: [
        flag,
        {
          ruleId: 'model:legal',
          source: 'model',
          severity: 'warning',
          reason: 'm',
          confidence: 0.8,
          evidence: [],
        },
      ],
      signals: [{ category: 'churn', confidence: 0.3, evidence: [], shownAs: 'hint' }],
      action: 'escalated',
      templateId: 'escalation-handoff',
    });
    expect(reply).toMatchObject({ ok: true, data: { id: expect.any(Number) } });
    const [row] = await db().decisions.toArray();
    expect(row?.ticketHash).toBe(await ticketHash('demo', '1005'));
    expect(JSON.stringify(row)).not.toContain('1005');
    expect(row?.rulesFired).toEqual([
      expect.objectContaining({
        id: 'legal-threat',
        severity: 'critical',
        evidence: [expect.not.stringContaining('jane.doe')],
      }),
    ]);
    expect(row?.signals.map((s) => [s.category, s.shownAs])).toEqual([
      ['churn', 'hint'],
      ['legal', 'flag'],
    ]);
    const events = await db().events.toArray();
    expect(events).toEqual([expect.objectContaining({ type: 'escalated', data: { flags: 2 } })]);
  });

  test('dismissing needs a reason; nothing is stored without one', async () => {
    const reply = await call('decisions.record', {
      site: 'demo',
      ticketKey: '1',
      flags: [flag],
      action: 'dismissed',
      reason: '  ',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await db().decisions.count()).toBe(0);
  });

  test('export: CSV with formula cells neutralized, and JSONL', async () => {
    await call('decisions.record', {
      site: 'demo',
      ticketKey: '1',
      flags: [flag],
      action: 'dismissed',
      reason: '=HYPERLINK("http://evil.example","click"), known customer',
    });
    await call('decisions.record', { site: 'demo', ticketKey: '2', flags: [flag], action: 'escalated' });
    const csv = (await call('decisions.export', { format: 'csv' })) as {
      data: { content: string; count: number; filename: string };
    };
    expect(csv.data.count).toBe(2);
    expect(csv.data.filename).toMatch(/^deskmate-decisions-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.data.content.startsWith('\uFEFF')).toBe(true);
    const lines = csv.data.content.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,time,site,ticketHash,templateId,action,reason,rulesFired,signals,eventId,agentId',
    );
    expect(lines[1]).toContain(
      `,dismissed,"'=HYPERLINK(""http://evil.example"",""click""), known customer",`,
    );
    expect(lines[2]).toContain(',escalated,,"[{""id"":""legal-threat"",""severity"":""critical""');
    const jsonl = (await call(
      'decisions.export',
      { format: 'jsonl' },
      { ...panel, url: `${origin}options.html` },
    )) as {
      data: { content: string; count: number };
    };
    const rows = jsonl.data.content
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.action)).toEqual(['dismissed', 'escalated']);
  });

  test('export follows the exportAllowed setting', async () => {
    await fakeBrowser.storage.local.set({ settings: { exportAllowed: false } });
    expect(await call('decisions.export', { format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'policy' },
    });
  });
});
