import { DashboardSection } from '@/components/dashboard/DashboardSection';
import { EscalationRulesSection } from '@/components/escalation/RulesSection';
import { CorrectionLogSection } from '@/components/options/CorrectionLogSection';
import { OptionsApp, type OptionsSection } from '@/components/options/OptionsApp';
import { PolicyView } from '@/components/options/PolicyView';
import { ProviderSettings } from '@/components/options/ProviderSettings';
import { RedactionSettings } from '@/components/options/RedactionSettings';
import { SitesSettings } from '@/components/options/SitesSettings';
import { TemplatesSettings } from '@/components/options/TemplatesSettings';
import { useLearnedOutputMode } from '@/components/options/use-learned-output-mode';
import { TeamSection } from '@/components/team/TeamSection';
import { t } from '@/lib/i18n/t';
import { forgetOutputMode } from '@/lib/llm/output-mode';
import {
  saveProvider,
  saveSection as saveSectionPatch,
  testProvider,
  useOptions,
  validateTemplates,
} from '@/lib/panel/options';
import { grantHosts, useHostGrant } from '@/lib/policy/options';
import { isLocked } from '@/lib/policy/view';
import { SITES } from '@/lib/sites/catalog';

/**
 * The options page: each domain's section wired to its data and actions (settings through the
 * background's settings.get/settings.save, logs and metrics from the extension's own database).
 */
export function OptionsRoot() {
  const { view, loadError, status } = useOptions();
  const grantStatus = useHostGrant((g) => g.status);
  const endpoint = view?.settings.provider;
  const learnedMode = useLearnedOutputMode(endpoint?.baseUrl, endpoint?.model ?? '');
  if (!view) {
    return (
      <main className="panel">
        <h1>{t('options_title')}</h1>
        <p role={loadError ? 'alert' : 'status'}>{loadError ? loadError.message : t('options_loading')}</p>
      </main>
    );
  }
  const locked = (path: string) => isLocked(view.locked, path);
  const s = view.settings;
  const sections: OptionsSection[] = [
    {
      id: 'provider',
      title: t('options_sectionProvider'),
      content: (
        <ProviderSettings
          value={s.provider}
          isLocked={locked}
          status={status.provider}
          testStatus={status['provider-test']}
          onSave={(patch) => void saveProvider(patch)}
          onTest={(patch) => void testProvider(patch)}
          {...(learnedMode ? { learnedMode } : {})}
          onForgetMode={() =>
            s.provider.baseUrl && void forgetOutputMode(s.provider.baseUrl, s.provider.model)
          }
        />
      ),
    },
    {
      id: 'redaction',
      title: t('options_sectionRedaction'),
      content: (
        <RedactionSettings
          value={s.redaction}
          isLocked={locked}
          status={status.redaction}
          onSave={(redaction) => void saveSectionPatch('redaction', { redaction })}
        />
      ),
    },
    {
      id: 'sites',
      title: t('options_sectionSites'),
      content: (
        <SitesSettings
          sites={SITES}
          enabled={Object.fromEntries(Object.entries(s.sites.sites).map(([id, t]) => [id, t.enabled]))}
          isLocked={locked}
          status={status.sites}
          onSave={(enabled) =>
            void saveSectionPatch('sites', {
              sites: {
                sites: Object.fromEntries(Object.entries(enabled).map(([id, on]) => [id, { enabled: on }])),
              },
            })
          }
        />
      ),
    },
    {
      id: 'templates',
      title: t('options_sectionTemplates'),
      content: (
        <TemplatesSettings
          custom={s.templates.custom}
          isLocked={locked}
          validate={validateTemplates}
          status={status.templates}
          onSave={(custom) => void saveSectionPatch('templates', { templates: { custom } })}
        />
      ),
    },
    {
      id: 'escalation',
      title: t('options_sectionEscalation'),
      content: <EscalationRulesSection escalation={s.escalation} isLocked={locked} />,
    },
    {
      id: 'policy',
      title: t('options_sectionPolicy'),
      content: <PolicyView view={view} onGrantHosts={(o) => void grantHosts(o)} grantStatus={grantStatus} />,
    },
    {
      id: 'corrections',
      title: t('options_sectionCorrections'),
      content: <CorrectionLogSection exportAllowed={s.exportAllowed} retentionDays={s.retentionDays} />,
    },
    { id: 'dashboard', title: t('options_sectionDashboard'), content: <DashboardSection /> },
    { id: 'team', title: t('options_sectionTeam'), content: <TeamSection /> },
  ];
  const notice = view.policy.present && !view.policy.valid && (
    <div className="notice notice-error" role="alert">
      <p>{t('options_policyInvalidNotice', view.policy.errors.join('; '))}</p>
    </div>
  );
  return <OptionsApp sections={sections} notice={notice} initial={location.hash.slice(1) || undefined} />;
}
