import type { SettingSource, SettingsView } from '@/lib/policy/view';
import { ManagedBadge } from './ManagedBadge';

interface Props {
  view: SettingsView;
  /** Ask the browser for access to these page patterns (a user gesture: the click). */
  onGrantHosts(origins: string[]): void;
  /** Result of the last grant request. */
  grantStatus?: { kind: 'ok' | 'error' | 'busy'; message: string };
}

/** A value as one short line; the API key is never in the view (only `hasApiKey`). */
function show(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function valueAt(settings: unknown, path: string): unknown {
  let node = settings;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function PolicyState({ policy }: { policy: SettingsView['policy'] }) {
  if (policy.present && !policy.valid) {
    return (
      <div className="notice notice-error" role="alert" data-testid="policy-errors">
        <p>
          <strong>The managed policy is invalid.</strong> Deskmate uses safe defaults until it is fixed: the
          local engine only, redaction on and locked, no export, no sites added by the policy.
        </p>
        <p>For the admin (values are never shown):</p>
        <ul>
          {policy.errors.map((e) => (
            <li key={e}>
              <code>{e}</code>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (policy.pending) {
    return (
      <p role="status" data-testid="policy-state">
        Reading your organization's policy… Until it answers, the last known policy (or safe defaults)
        applies.
      </p>
    );
  }
  return (
    <p role="status" data-testid="policy-state">
      {policy.present
        ? 'Your organization manages some of these settings. Locked ones cannot be changed here.'
        : 'No managed policy: every setting is yours to change.'}
    </p>
  );
}

function MissingHosts({ origins, onGrantHosts, grantStatus }: { origins: string[] } & Omit<Props, 'view'>) {
  if (origins.length === 0) return null;
  return (
    <div className="notice" data-testid="policy-missing-hosts">
      <p>Deskmate cannot run on these pages yet (no host permission):</p>
      <ul>
        {origins.map((o) => (
          <li key={o}>
            <code>{o}</code>
          </li>
        ))}
      </ul>
      <p>
        Admin: add them to <code>runtime_allowed_hosts</code> for this extension in the{' '}
        <code>ExtensionSettings</code> policy. Or grant access here:
      </p>
      <button type="button" onClick={() => onGrantHosts(origins)}>
        Allow Deskmate on these sites
      </button>
      {grantStatus && (
        <p
          role={grantStatus.kind === 'error' ? 'alert' : 'status'}
          className={grantStatus.kind === 'error' ? 'error' : ''}
        >
          {grantStatus.message}
        </p>
      )}
    </div>
  );
}

const ORDER: SettingSource[] = ['locked', 'policy-default', 'user', 'default'];

/**
 * The "Policy" section: whether a managed policy is in force (and what is wrong with it), sites that
 * lack host permission, and every effective setting with where its value came from.
 */
export function PolicyView({ view, onGrantHosts, grantStatus }: Props) {
  const rows = Object.entries(view.sources).sort(
    ([pa, sa], [pb, sb]) => ORDER.indexOf(sa) - ORDER.indexOf(sb) || pa.localeCompare(pb),
  );
  return (
    <div className="policy-view">
      <PolicyState policy={view.policy} />
      <MissingHosts
        origins={view.policy.missingHostPermissions}
        onGrantHosts={onGrantHosts}
        grantStatus={grantStatus}
      />
      <table className="effective-settings" data-testid="effective-settings">
        <caption>Effective settings and where each comes from</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([path, source]) => (
            <tr key={path} data-path={path}>
              <th scope="row">
                <code>{path}</code>
              </th>
              <td>
                {path === 'provider.hasApiKey'
                  ? view.settings.provider.hasApiKey
                    ? 'set'
                    : 'not set'
                  : show(valueAt(view.settings, path))}
              </td>
              <td>
                <ManagedBadge source={source} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
