import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  getEffectiveSettings,
  getUserOverrides,
  NO_POLICY,
  type PolicyLayer,
  resolveSettings,
  saveUserPatch,
} from '@/lib/settings/effective';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';

const policy: PolicyLayer = {
  values: { provider: { kind: 'openai', baseUrl: 'https://llm.example.org/v1' }, retentionDays: 90 },
  locked: ['provider.baseUrl', 'exportAllowed'],
};

describe('precedence: locked policy > user > policy default > built-in default', () => {
  test('no policy, no user values: built-in defaults, every source "default"', () => {
    const { settings, sources } = resolveSettings({}, NO_POLICY);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(sources['provider.kind']).toBe('default');
    expect(Object.values(sources).every((s) => s === 'default')).toBe(true);
  });

  test('user value beats built-in default', () => {
    const { settings, sources } = resolveSettings({ retentionDays: 30 }, NO_POLICY);
    expect(settings.retentionDays).toBe(30);
    expect(sources.retentionDays).toBe('user');
  });

  test('policy default beats built-in default', () => {
    const { settings, sources } = resolveSettings({}, policy);
    expect(settings.retentionDays).toBe(90);
    expect(sources.retentionDays).toBe('policy-default');
    expect(sources['provider.kind']).toBe('policy-default');
  });

  test('user value beats policy default', () => {
    const { settings, sources } = resolveSettings({ retentionDays: 30, provider: { kind: 'local' } }, policy);
    expect(settings.retentionDays).toBe(30);
    expect(settings.provider.kind).toBe('local');
    expect(sources.retentionDays).toBe('user');
  });

  test('locked policy beats user value', () => {
    const { settings, sources } = resolveSettings(
      { provider: { baseUrl: 'https://evil.example/v1' } },
      policy,
    );
    expect(settings.provider.baseUrl).toBe('https://llm.example.org/v1');
    expect(sources['provider.baseUrl']).toBe('locked');
  });

  test('a path locked without an admin value locks the built-in default', () => {
    const { settings, sources } = resolveSettings({ exportAllowed: false }, policy);
    expect(settings.exportAllowed).toBe(true);
    expect(sources.exportAllowed).toBe('locked');
  });

  test('a locked section locks every path under it', () => {
    const { settings, sources } = resolveSettings(
      { redaction: { enabled: false, email: false } },
      { values: {}, locked: ['redaction'] },
    );
    expect(settings.redaction.enabled).toBe(true);
    expect(settings.redaction.email).toBe(true);
    expect(sources['redaction.enabled']).toBe('locked');
    expect(sources['redaction.custom']).toBe('locked');
  });
});

describe('saving user values', () => {
  test('a patch merges into the user values and nothing else is stored', async () => {
    await saveUserPatch({ retentionDays: 30 });
    await saveUserPatch({ learning: { enabled: false } });
    expect(await getUserOverrides()).toEqual({ retentionDays: 30, learning: { enabled: false } });
    expect((await getEffectiveSettings()).learning).toEqual({
      enabled: false,
      useCorrectionsInPrompts: true,
    });
  });

  test('null removes the user value', async () => {
    await saveUserPatch({ retentionDays: 30 });
    await saveUserPatch({ retentionDays: null });
    expect(await getUserOverrides()).toEqual({});
  });

  test('an invalid patch is refused and the stored values are unchanged', async () => {
    await saveUserPatch({ retentionDays: 30 });
    await expect(saveUserPatch({ retentionDays: -1, learning: { enabled: false } })).rejects.toThrow();
    expect(await getUserOverrides()).toEqual({ retentionDays: 30 });
  });

  test('a change to a locked path is refused with a policy error naming it', async () => {
    await expect(
      saveUserPatch({ provider: { baseUrl: 'https://evil.example/v1' }, retentionDays: 5 }, policy),
    ).rejects.toMatchObject({ code: 'policy', message: expect.stringContaining('provider.baseUrl') });
    expect(await getUserOverrides()).toEqual({});
  });

  test('a whole section sent with the locked value unchanged is accepted', async () => {
    const { settings } = resolveSettings({}, policy);
    await saveUserPatch({ provider: { ...settings.provider, model: 'gpt-x' } }, policy);
    expect(await getUserOverrides()).toEqual({ provider: { model: 'gpt-x' } });
  });

  test('the API key is stored in storage.local only through a save', async () => {
    await saveUserPatch({ provider: { apiKey: 'sk-test' } });
    const stored = (await fakeBrowser.storage.local.get('settings')).settings as {
      provider: { apiKey: string };
    };
    expect(stored.provider.apiKey).toBe('sk-test');
  });
});
