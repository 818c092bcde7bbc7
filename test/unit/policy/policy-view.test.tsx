import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { PolicyView } from '@/components/options/PolicyView';
import { SAFE_POLICY } from '@/lib/policy/validate';
import type { SettingsView } from '@/lib/policy/view';
import { resolveSettings } from '@/lib/settings/effective';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

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
  act(() => root.render(<PolicyView view={view} onGrantHosts={() => {}} />));
  const alert = host.querySelector('[role="alert"]');
  expect(alert?.textContent).toContain('settings.provider.kind: Invalid option');
  expect(alert?.textContent).toContain('safe defaults');
  const row = host.querySelector('tr[data-path="redaction.enabled"]');
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
  act(() => root.render(<PolicyView view={view} onGrantHosts={grant} />));
  const rows = [...host.querySelectorAll('tbody tr')];
  expect(rows[0]?.getAttribute('data-path')).toBe('exportAllowed');
  const text = (path: string) => host.querySelector(`tr[data-path="${path}"]`)?.textContent ?? '';
  expect(text('exportAllowed')).toContain('Managed by your organization');
  expect(text('retentionDays')).toContain('Default from your organization');
  expect(text('retentionDays')).toContain('90');
  expect(text('learning.enabled')).toContain('Your setting');
  expect(text('provider.model')).toContain('Built-in default');
  act(() => host.querySelector('button')?.click());
  expect(grant).toHaveBeenCalledWith(['https://desk.corp.example/*']);
  expect(host.querySelector('[data-testid="policy-missing-hosts"]')?.textContent).toContain(
    'runtime_allowed_hosts',
  );
});
