import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Registered = { id: string; matches?: string[]; excludeMatches?: string[]; js?: string[] };

/** An in-memory scripting registry: the fake browser does not implement one. */
function fakeScripting(): Map<string, Registered> {
  const registered = new Map<string, Registered>();
  Object.assign(fakeBrowser, {
    scripting: {
      getRegisteredContentScripts: async () => [...registered.values()],
      registerContentScripts: async (scripts: Registered[]) => {
        for (const s of scripts) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, s);
        }
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        for (const id of ids) registered.delete(id);
      },
    },
    permissions: { contains: async () => false },
  });
  return registered;
}

async function freshPolicyModule() {
  vi.resetModules();
  return {
    read: await import('@/lib/policy/read'),
    service: await import('@/lib/policy/service'),
    effective: await import('@/lib/settings/effective'),
  };
}

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not met');
};

describe('reading the managed policy', { timeout: 30_000 }, () => {
  let registered: Map<string, Registered>;
  beforeEach(() => {
    registered = fakeScripting();
  });

  test('no policy: nothing locked, demo site registered on its default pages', async () => {
    const { read, service } = await freshPolicyModule();
    await read.startPolicy();
    const view = await service.getSettingsView();
    expect(view.locked).toEqual([]);
    expect(view.policy).toMatchObject({ present: false, valid: true, pending: false });
    expect(registered.get('demo')?.matches).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });

  test('a policy is applied, and a change is applied without a restart', async () => {
    await fakeBrowser.storage.managed.set({
      settings: { provider: { kind: 'openai', baseUrl: 'https://llm.corp.example/v1', apiKey: 'sk-admin' } },
      locked: ['provider'],
      sites: { blocked: ['http://127.0.0.1/*'] },
    });
    const { read, service, effective } = await freshPolicyModule();
    await read.startPolicy();
    const view = await service.getSettingsView();
    expect(view.settings.provider).toMatchObject({
      kind: 'openai',
      baseUrl: 'https://llm.corp.example/v1',
      hasApiKey: true,
    });
    expect(JSON.stringify(view)).not.toContain('sk-admin');
    expect(view.sources['provider.baseUrl']).toBe('locked');
    expect((await effective.getEffectiveSettings()).provider.apiKey).toBe('sk-admin');
    expect(registered.get('demo')).toMatchObject({
      matches: ['http://localhost/*'],
      excludeMatches: ['http://127.0.0.1/*'],
    });
    await expect(
      service.saveSettings({ provider: { baseUrl: 'https://elsewhere.example/v1' } }),
    ).rejects.toMatchObject({
      code: 'policy',
    });

    // The admin removes the block and the lock: storage.onChanged('managed') re-reads.
    await fakeBrowser.storage.managed.set({ locked: [], sites: { blocked: [] } });
    await until(async () => (await service.getSettingsView()).locked.length === 0);
    await until(() => registered.get('demo')?.excludeMatches === undefined);
    expect(registered.get('demo')?.matches).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });

  test('an invalid policy fails closed and reports paths, not values', async () => {
    await fakeBrowser.storage.managed.set({
      settings: { provider: { kind: 'telepathy' } },
      sites: { desks: 5 },
    });
    const { read, service, effective } = await freshPolicyModule();
    await read.startPolicy();
    const view = await service.getSettingsView();
    expect(view.policy).toMatchObject({ present: true, valid: false });
    expect(view.policy.errors.join('\n')).toContain('settings.provider.kind');
    expect(view.policy.errors.join('\n')).not.toContain('telepathy');
    const settings = await effective.getEffectiveSettings();
    expect(settings.provider.kind).toBe('local');
    expect(settings.redaction.enabled).toBe(true);
    expect(view.locked).toContain('redaction');
  });

  test('until the managed area answers, the cached policy applies; with none, safe defaults', async () => {
    let answer: (value: Record<string, unknown>) => void = () => {};
    const slow = new Promise<Record<string, unknown>>((resolve) => {
      answer = resolve;
    });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(slow as never);
    const { read, service, effective } = await freshPolicyModule();
    const started = read.startPolicy();
    await until(async () => (await service.getSettingsView()).policy.pending);
    expect((await effective.getEffectiveSettings()).provider.kind).toBe('local');
    expect((await service.getSettingsView()).locked).toContain('provider');
    // Nothing is registered before a policy is known: a blocked site must never get a script.
    expect(registered.size).toBe(0);
    answer({ settings: { retentionDays: 42 } });
    await started;
    expect((await effective.getEffectiveSettings()).retentionDays).toBe(42);
    expect((await service.getSettingsView()).policy.pending).toBe(false);

    // A new background life (same browser session) starts from the cached policy.
    const never = new Promise<Record<string, unknown>>(() => {});
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(never as never);
    const second = await freshPolicyModule();
    void second.read.startPolicy();
    await until(async () => (await second.effective.getEffectiveSettings()).retentionDays === 42);
    expect((await second.service.getSettingsView()).policy.pending).toBe(true);
  });
});
