import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { evaluatePolicy, SAFE_POLICY } from '@/lib/policy/validate';
import { resolveSettings } from '@/lib/settings/effective';

describe('evaluatePolicy', () => {
  test('no policy: nothing present, nothing locked', () => {
    const p = evaluatePolicy({});
    expect(p).toMatchObject({ present: false, valid: true, errors: [], layer: { values: {}, locked: [] } });
  });

  test('a valid policy gives its values, locks and sites', () => {
    const p = evaluatePolicy({
      settings: { provider: { kind: 'openai', baseUrl: 'https://llm.corp.example/v1' }, retentionDays: 30 },
      locked: ['provider', 'redaction.enabled'],
      sites: { blocked: ['https://*.zendesk.com/*'] },
    });
    expect(p.valid).toBe(true);
    expect(p.layer.locked).toEqual(['provider', 'redaction.enabled']);
    expect(p.sites.blocked).toEqual(['https://*.zendesk.com/*']);
    expect(resolveSettings({}, p.layer).settings.provider.baseUrl).toBe('https://llm.corp.example/v1');
  });

  test('invalid: fails closed and says where and why, never the values', () => {
    const secret = 'sk-very-secret-value';
    const p = evaluatePolicy({
      settings: { provider: { kind: 'cloud-magic', apiKey: secret, timeoutMs: 5 }, retentionDays: 99_999 },
      locked: ['provider', 'no.such.setting'],
      sites: { blocked: ['not a pattern'] },
    });
    expect(p.present).toBe(true);
    expect(p.valid).toBe(false);
    expect(p.layer).toEqual(SAFE_POLICY.layer);
    expect(p.sites).toEqual(SAFE_POLICY.sites);
    const text = p.errors.join('\n');
    expect(text).toContain('settings.provider.kind');
    expect(text).toContain('settings.provider.timeoutMs');
    expect(text).toContain('settings.retentionDays');
    expect(text).toContain('sites.blocked.0');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('cloud-magic');
    expect(text).not.toContain('not a pattern');
  });

  test('a misspelt key is reported, not ignored', () => {
    const p = evaluatePolicy({ settings: { retentionDay: 30 } });
    expect(p.valid).toBe(false);
    expect(p.errors.join()).toContain('retentionDay');
  });

  test('a locked path must name a setting', () => {
    const p = evaluatePolicy({ locked: ['provider.color'] });
    expect(p.valid).toBe(false);
    expect(p.errors).toEqual(['locked.0: no setting has this path']);
    expect(evaluatePolicy({ locked: ['sites.sites.zendesk.enabled', 'templates.modes.triage'] }).valid).toBe(
      true,
    );
  });

  test('safe defaults: local engine, redaction on and locked, no export', () => {
    const { settings, sources } = resolveSettings(
      { provider: { kind: 'openai', baseUrl: 'https://x.example/v1' }, redaction: { enabled: false } },
      SAFE_POLICY.layer,
    );
    expect(settings.provider.kind).toBe('local');
    expect(settings.redaction.enabled).toBe(true);
    expect(settings.exportAllowed).toBe(false);
    expect(sources['redaction.enabled']).toBe('locked');
  });

  test('the whole policy as JSON text: read first, other keys on top, mistakes reported', () => {
    const p = evaluatePolicy({
      json: JSON.stringify({
        settings: { retentionDays: 30, exportAllowed: false },
        locked: ['exportAllowed'],
      }),
      settings: { retentionDays: 60 },
    });
    expect(p.valid).toBe(true);
    expect(p.layer.values).toEqual({ retentionDays: 60, exportAllowed: false });
    expect(p.layer.locked).toEqual(['exportAllowed']);
    expect(evaluatePolicy({ json: '{"settings": ' }).errors).toEqual(['json: not valid JSON text']);
    expect(evaluatePolicy({ json: JSON.stringify({ settings: { retentionDays: 'x' } }) }).valid).toBe(false);
  });

  test('free-form items (custom templates) are taken as JSON text from Chrome or as objects', () => {
    const asText = evaluatePolicy({ settings: { templates: { custom: ['{"id":"returns"}'] } } });
    expect(asText.valid).toBe(true);
    expect(asText.layer.values).toEqual({ templates: { custom: [{ id: 'returns' }] } });
    expect(evaluatePolicy({ settings: { templates: { custom: [{ id: 'returns' }] } } }).valid).toBe(true);
    expect(evaluatePolicy({ settings: { templates: { custom: ['{broken'] } } }).valid).toBe(false);
  });

  test("the organization's desks are validated whole with the generic desk schema", () => {
    const desk = {
      name: 'Corp desk',
      matches: ['https://desk.corp.example/*'],
      ticketKey: { urlPattern: '/t/(\\d+)' },
      subject: ['h1'],
    };
    const ok = evaluatePolicy({ sites: { desks: [desk] } });
    expect(ok.errors).toEqual([]);
    expect(ok.sites.desks).toHaveLength(1);
    const incomplete = evaluatePolicy({
      sites: { desks: [{ name: 'Corp desk', matches: ['https://desk.corp.example/*'] }] },
    });
    expect(incomplete.valid).toBe(false);
    expect(incomplete.errors.join()).toContain('sites.desks.0.subject');
    expect(incomplete.sites.desks).toEqual([]);
  });

  test('docs/example-policy.json is a valid policy', () => {
    const example = JSON.parse(readFileSync('docs/example-policy.json', 'utf8'));
    const p = evaluatePolicy(example);
    expect(p.errors).toEqual([]);
    expect(p.valid).toBe(true);
  });
});
