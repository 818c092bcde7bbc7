import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';
import { agentIdentity, browserPseudonym } from '@/lib/team/handlers';
import { checkAgentId, generatePseudonym, PSEUDONYM, resolveAgentId } from '@/lib/team/identity';

describe('agent ids', () => {
  test('a generated pseudonym has the built-in shape and differs between browsers', () => {
    const a = generatePseudonym();
    expect(a).toMatch(PSEUDONYM);
    expect(a).toMatch(/^agent-[0-9a-f]{6}$/);
    const ids = new Set(Array.from({ length: 200 }, () => generatePseudonym()));
    expect(ids.size).toBeGreaterThan(195);
    expect(generatePseudonym((b) => b.fill(0x7f))).toBe('agent-7f7f7f');
  });

  test('without real names, only pseudonyms are accepted and the reason is given', () => {
    const rules = { realNames: false, pattern: '' };
    expect(checkAgentId('agent-night-shift', rules)).toBeUndefined();
    expect(checkAgentId('Alice Martin', rules)).toContain('does not allow real names');
    expect(checkAgentId('alice', rules)).toContain('pseudonym');
    expect(checkAgentId('', rules)).toContain('empty');
  });

  test("an admin's pattern decides, and still refuses spaces unless names are allowed", () => {
    expect(checkAgentId('T1234', { realNames: false, pattern: '^T[0-9]{4}$' })).toBeUndefined();
    expect(checkAgentId('agent-7f3a', { realNames: false, pattern: '^T[0-9]{4}$' })).toContain('^T[0-9]{4}$');
    expect(checkAgentId('T 1234', { realNames: false, pattern: '^T' })).toContain('letters, digits');
    expect(checkAgentId('Zoë Ødegaard', { realNames: true, pattern: '' })).toBeUndefined();
    expect(checkAgentId('<script>', { realNames: true, pattern: '' })).toBeDefined();
  });

  test('real names count only from the policy: a configured name falls back to the pseudonym with why', () => {
    const own = resolveAgentId('Alice Martin', {}, 'agent-0a1b2c');
    expect(own).toMatchObject({ agentId: 'agent-0a1b2c', source: 'generated', realNames: false });
    expect(own.problem).toContain('real names');
    expect(resolveAgentId('Alice Martin', { realNames: true }, 'agent-0a1b2c')).toMatchObject({
      agentId: 'Alice Martin',
      source: 'setting',
    });
    expect(resolveAgentId('', {}, 'agent-0a1b2c')).toEqual({
      agentId: 'agent-0a1b2c',
      source: 'generated',
      realNames: false,
      pattern: '',
    });
  });
});

describe('the background resolves the agent id', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    setPolicyProvider(() => NO_POLICY);
  });

  test('the pseudonym is generated once and kept', async () => {
    const first = await browserPseudonym();
    expect(first).toMatch(PSEUDONYM);
    expect((await browser.storage.local.get('team.pseudonym'))['team.pseudonym']).toBe(first);
    expect(await browserPseudonym()).toBe(first);
    expect((await agentIdentity()).agentId).toBe(first);
  });

  test("the user's own pseudonym is used; a real name only when the policy allows names", async () => {
    await browser.storage.local.set({ settings: { team: { agentId: 'agent-b2' } } });
    expect(await agentIdentity()).toMatchObject({ agentId: 'agent-b2', source: 'setting' });
    await browser.storage.local.set({ settings: { team: { agentId: 'Alice Martin', realNames: true } } });
    // The user switched realNames on themselves: it does not count.
    expect((await agentIdentity()).agentId).toMatch(PSEUDONYM);
    setPolicyProvider(() => ({ values: { team: { realNames: true } }, locked: [] }));
    expect((await agentIdentity()).agentId).toBe('Alice Martin');
  });

  test("a policy pattern added later overrides an agent's id that does not fit", async () => {
    await browser.storage.local.set({ settings: { team: { agentId: 'agent-b2' } } });
    setPolicyProvider(() => ({ values: { team: { agentIdPattern: '^T[0-9]{4}$' } }, locked: [] }));
    const identity = await agentIdentity();
    expect(identity.agentId).not.toBe('agent-b2');
    expect(identity.problem).toContain('^T[0-9]{4}$');
  });
});

test('the team page is an options page to the background (it may read settings and the agent id)', async () => {
  const { senderRole } = await import('@/lib/messaging/server');
  const origin = fakeBrowser.runtime.getURL('/');
  const id = fakeBrowser.runtime.id;
  expect(senderRole({ id, url: `${origin}team.html` }, origin)).toBe('options');
  expect(senderRole({ id, url: `${origin}options.html#team` }, origin)).toBe('options');
  expect(senderRole({ id, url: `${origin}sidepanel.html` }, origin)).toBe('panel');
});
