import { describe, expect, test } from 'vitest';
import { buildProblemReport, deliverReport, reportProblem } from '@/lib/metrics/report-problem';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import type { FieldState } from '@/lib/templates/suggestion';

const redact = (t: string) => t.replace(/[\w.]+@[\w.]+\.\w+/g, '[EMAIL]');
const f = (value: FieldState['value'], status: FieldState['status'] = 'filled'): FieldState => ({
  value,
  status,
  evidence: [],
  confidence: 0.8,
  source: 'model',
});
const suggestion = {
  id: 's1',
  provider: { kind: 'openai' as const, model: 'm' },
  fields: { category: f('billing'), contact: f('ann@example.com', 'unsupported') },
};

describe('buildProblemReport', () => {
  test('a mailto to the owner with template, suggestion and note, all redacted', () => {
    const report = buildProblemReport({
      template: { id: 'triage', name: 'Triage', version: 2 },
      owner: { name: 'Lea', contact: 'lea@corp.example' },
      suggestion,
      values: { category: 'shipping', contact: 'ann@example.com' },
      note: 'Customer bob@example.org was put in billing',
      redact,
    });
    expect(report.subject).toBe('Deskmate: problem with template "Triage"');
    expect(report.text).toContain('Template: Triage (triage v2)');
    expect(report.text).toContain('- category [filled, 80%]: billing -> agent: shipping');
    expect(report.text).toContain('- contact [unsupported, 80%]: [EMAIL]');
    expect(report.text).toContain('Customer [EMAIL] was put in billing');
    expect(report.text).not.toMatch(/ann@|bob@/);
    expect(report.mailto?.startsWith('mailto:lea%40corp.example?subject=')).toBe(true);
    expect(decodeURIComponent(report.mailto ?? '')).not.toMatch(/ann@|bob@/);
  });

  test('no e-mail contact: text only; a long report is shortened in the link, whole in the text', () => {
    expect(
      buildProblemReport({
        template: { id: 't' },
        owner: { name: 'Ops', contact: '#ops-chat' },
        note: 'x',
        redact,
      }).mailto,
    ).toBeUndefined();
    const long = buildProblemReport({
      template: { id: 't' },
      owner: { name: 'O', contact: 'o@x.example' },
      note: 'word '.repeat(2000),
      redact,
    });
    expect(long.mailto!.length).toBeLessThanOrEqual(1800);
    expect(decodeURIComponent(long.mailto!)).toContain('shortened');
    expect(long.text.length).toBeGreaterThan(9000);
  });
});

describe('deliverReport', () => {
  test('copies always, opens mail when there is a link', async () => {
    const copied: string[] = [];
    const opened: string[] = [];
    const io = { openUrl: (u: string) => opened.push(u), copy: async (t: string) => void copied.push(t) };
    expect(await deliverReport({ subject: 's', text: 't', mailto: 'mailto:a@b.c' }, io)).toBe('mailto');
    expect(await deliverReport({ subject: 's', text: 't' }, io)).toBe('copied');
    expect(copied).toEqual(['s\n\nt', 's\n\nt']);
    expect(opened).toEqual(['mailto:a@b.c']);
  });
});

describe('reportProblem', () => {
  test('redacts with the settings rules even when redaction is off for prompts', async () => {
    const copied: string[] = [];
    const opened: string[] = [];
    const how = await reportProblem(
      {
        template: { id: 'triage' },
        owner: { name: 'Lea', contact: 'lea@corp.example' },
        suggestion,
        note: 'Call me on +44 20 7946 0958 or write to ann@example.com',
        redaction: { ...DEFAULT_SETTINGS.redaction, enabled: false },
      },
      { openUrl: (u) => opened.push(u), copy: async (t) => void copied.push(t) },
    );
    expect(how).toBe('mailto');
    expect(copied[0]).not.toContain('ann@example.com');
    expect(copied[0]).not.toContain('7946');
    expect(decodeURIComponent(opened[0] ?? '')).not.toContain('ann@example.com');
  });
});
