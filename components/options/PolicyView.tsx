import { t } from '@/lib/i18n/t';
import type { SettingSource, SettingsView } from '@/lib/policy/view';
import { richText } from '../ui/rich-text';
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
          <strong>{t('options_policyInvalid')}</strong> {t('options_policyInvalidDefaults')}
        </p>
        <p>{t('options_policyForAdmin')}</p>
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
        {t('options_policyPending')}
      </p>
    );
  }
  return (
    <p role="status" data-testid="policy-state">
      {policy.present ? t('options_policyPresent') : t('options_policyAbsent')}
    </p>
  );
}

function MissingHosts({ origins, onGrantHosts, grantStatus }: { origins: string[] } & Omit<Props, 'view'>) {
  if (origins.length === 0) return null;
  return (
    <div className="notice" data-testid="policy-missing-hosts">
      <p>{t('options_missingHosts')}</p>
      <ul>
        {origins.map((o) => (
          <li key={o}>
            <code>{o}</code>
          </li>
        ))}
      </ul>
      <p>
        {richText('options_missingHostsAdmin', [
          <code key="hosts">runtime_allowed_hosts</code>,
          <code key="policy">ExtensionSettings</code>,
        ])}
      </p>
      <button type="button" onClick={() => onGrantHosts(origins)}>
        {t('options_allowSites')}
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
        <caption>{t('options_effectiveCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('options_colSetting')}</th>
            <th scope="col">{t('options_colValue')}</th>
            <th scope="col">{t('options_colFrom')}</th>
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
                    ? t('options_keySet')
                    : t('options_keyNotSet')
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
