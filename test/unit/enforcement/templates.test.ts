// @vitest-environment node
// templates.disabledBuiltins and templates.modes from the policy, as the panel receives them.
import { afterEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { metricsHandlers } from '@/lib/metrics/handlers';
import { policyHandlers } from '@/lib/policy/handlers';
import { NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';
import { suggestHandlers } from '@/lib/suggest/handlers';
import { demoContext } from '../suggest/demo-context';
import { optionsSender } from './route';

const panel = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidepanel.html'),
  tab: { id: 1 },
});
// biome-ignore lint/suspicious/noExplicitAny: each message has its own reply shape; the assertions check it.
type AnyReply = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const handlers = { ...policyHandlers, ...suggestHandlers, ...metricsHandlers };
const ask = (name: string, payload: unknown, sender: object = panel()) =>
  dispatch(backgroundMessages, handlers, { name, payload }, sender) as Promise<AnyReply>;

const POLICY = {
  values: { templates: { disabledBuiltins: ['bug-report'], modes: { triage: 'shadow' } } },
  locked: ['templates.disabledBuiltins', 'templates.modes'],
};

describe('template policy reaches templates.list and the panel', () => {
  afterEach(() => setPolicyProvider(() => NO_POLICY));

  test('a built-in the policy disables is not listed, not suggested and cannot be run', async () => {
    // The user had re-enabled everything before the admin locked the list.
    await fakeBrowser.storage.local.set({ settings: { templates: { disabledBuiltins: [] } } });
    const before = await ask('templates.list', { context: demoContext(1003) });
    expect(before.ok && before.data.templates.map((t: { id: string }) => t.id)).toContain('bug-report');

    setPolicyProvider(() => POLICY);
    const list = await ask('templates.list', { context: demoContext(1003) });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.data.templates.map((t: { id: string }) => t.id)).not.toContain('bug-report');
    expect(list.data.ranking).not.toContain('bug-report');
    expect(list.data.suggested).not.toBe('bug-report');
    const run = await ask('suggest.run', {
      requestId: 'r1',
      context: demoContext(1003),
      templateId: 'bug-report',
    });
    expect(run).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const save = await ask(
      'settings.save',
      { patch: { templates: { disabledBuiltins: [] } } },
      optionsSender,
    );
    expect(save).toMatchObject({ ok: false, error: { code: 'policy' } });
  });

  test("a template mode the policy sets is the panel's mode, and the lead cannot change it", async () => {
    expect(await ask('metrics.mode', { templateId: 'triage' })).toMatchObject({
      ok: true,
      data: { mode: 'assist' },
    });
    setPolicyProvider(() => POLICY);
    expect(await ask('metrics.mode', { templateId: 'triage' })).toEqual({
      ok: true,
      data: { mode: 'shadow', autoFields: [] },
    });
    const change = await ask('metrics.setMode', { templateId: 'triage', mode: 'assist' }, optionsSender);
    expect(change).toMatchObject({ ok: false, error: { code: 'policy' } });
    expect(await ask('metrics.mode', { templateId: 'triage' })).toMatchObject({
      ok: true,
      data: { mode: 'shadow' },
    });
  });
});
