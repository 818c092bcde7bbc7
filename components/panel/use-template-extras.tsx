import type { ReactNode } from 'react';
import { ReportProblem } from '@/components/metrics/ReportProblem';
import { TemplateOwner } from '@/components/metrics/TemplateOwner';
import { buildProblemReport, deliverReport, ownerOf } from '@/lib/metrics/report-problem';
import { usePanelSettings } from '@/lib/panel/panel-settings';
import { currentValues, template, useSession } from '@/lib/panel/session';
import { panelBackend } from '@/lib/panel/start';
import { usePanel } from '@/lib/panel/store';
import { Redactor } from '@/lib/redact/redact';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';

/** The template's owner and "Report a problem", wired to the panel's settings and session. */
export function useTemplateExtras(): { owner?: ReactNode; report?: ReactNode } {
  const settings = usePanelSettings((s) => s.settings);
  const templateId = useSession((s) => s.templateId);
  const version = usePanel((s) => s.backgroundVersion);
  if (!templateId) return {};
  const owner = ownerOf(templateId, settings?.templates.owners);
  const submit = async (note: string) => {
    const tpl = template();
    // Always redacted, even when the user turned redaction off for prompts: a report leaves the device
    // by mail or the clipboard.
    const redactor = new Redactor({ ...(settings?.redaction ?? DEFAULT_SETTINGS.redaction), enabled: true });
    const report = buildProblemReport({
      template: { id: templateId, name: tpl?.name, version: tpl?.version },
      owner,
      suggestion: useSession.getState().suggestion,
      values: currentValues(),
      note,
      redact: (text) => redactor.redact(text),
      extensionVersion: version,
    });
    const backend = panelBackend();
    return deliverReport(report, {
      openUrl: (url) => window.open(url, '_blank', 'noopener'),
      copy: (text) => backend?.copy(text) ?? Promise.resolve(),
    });
  };
  return {
    // An agent has nothing to do with a missing owner; the readiness view tells the lead instead.
    owner: owner ? <TemplateOwner owner={owner} /> : null,
    report: <ReportProblem ownerName={owner?.name} onSubmit={submit} />,
  };
}
