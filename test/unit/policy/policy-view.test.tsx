import { act } from 'react';
import { expect, test, vi } from 'vitest';
import { PolicyView } from '@/components/options/PolicyView';
import { SAFE_POLICY } from '@/lib/policy/validate';
import type { SettingsView } from '@/lib/policy/view';
import { resolveSettings } from '@/lib/settings/effective';
import { mountEach } from '../mount';

const dom = mountEach();

function viewOf(policy: SettingsView['policy'], layer = SAFE_POLICY.layer, user = {}): SettingsView {
  const { settings, sources } = resolveSettings(user, layer);
  const { apiKey, ...provider } = settings.provider;
  return {
    settings: { ...settings, provider: { ...provider, hasApiKey: Boolean(apiKey) } },
    sources,
    locked: layer.locked,
    policy,
  };
}

test('an invalid policy: the errors are listed as an alert, with the safe defaults', () => {
  const view = viewOf({
    present: true,
    valid: false,
    errors: ['settings.provider.kind: Invalid option'],
    pending: false,
    missingHostPermissions: [],
  });
  act(() => dom.root.render(<PolicyView view={view} onGrantHosts={() => {}} />));
  const alert = dom.host.querySelector('[role="alert"]');
  expect(alert?.textContent).toContain('settings.provider.kind: Invalid option');
  expect(alert?.textContent).toContain('safe defaults');
  const row = dom.host.querySelector('tr[data-path="redaction.enabled"]');
  expect(row?.textContent).toContain('Managed by your organization');
});

test('sources are shown per setting, locked first; missing host access can be granted', () => {
  const layer = { values: { retentionDays: 90 }, locked: ['exportAllowed'] };
  const view = viewOf(
    {
      present: true,
      valid: true,
      errors: [],
      pending: false,
      missingHostPermissions: ['https://desk.corp.example/*'],
    },
    layer,
    { learning: { enabled: false } },
  );
  const grant = vi.fn();
  act(() => dom.root.render(<PolicyView view={view} onGrantHosts={grant} />));
  const rows = [...dom.host.querySelectorAll('tbody tr')];
  expect(rows[0]?.getAttribute('data-path')).toBe('exportAllowed');
  const text = (path: string) => dom.host.querySelector(`tr[data-path="${path}"]`)?.textContent ?? '';
  expect(text('exportAllowed')).toContain('Managed by your organization');
  expect(text('retentionDays')).toContain('Default from your organization');
  expect(text('retentionDays')).toContain('90');
  expect(text('learning.enabled')).toContain('Your setting');
  expect(text('provider.model')).toContain('Built-in default');
  act(() => dom.host.querySelector('button')?.click());
  expect(grant).toHaveBeenCalledWith(['https://desk.corp.example/*']);
  expect(dom.host.querySelector('[data-testid="policy-missing-hosts"]')?.textContent).toContain(
    'runtime_allowed_hosts',
  );
});
