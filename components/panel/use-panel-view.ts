import { useMemo } from 'react';
import { useEscalationBanner } from '@/components/escalation/use-escalation-banner';
import type { PanelAppProps } from '@/components/panel/PanelApp';
import type { PanelActions } from '@/components/panel/types';
import { useTemplateExtras } from '@/components/panel/use-template-extras';
import { dockActions, useDockLayout } from '@/lib/panel/dock-layout';
import { applyAll, copyTemplate, currentPlan, shownApplied } from '@/lib/panel/output';
import * as session from '@/lib/panel/session';
import { panelBackend } from '@/lib/panel/start';
import { usePanel } from '@/lib/panel/store';

const actions: PanelActions = {
  pickTemplate: (id) => void session.pickTemplate(id),
  setValue: session.setFieldValue,
  accept: session.acceptField,
  acceptAll: session.acceptAllFilled,
  undo: session.undoField,
  pickCandidate: session.pickCandidate,
  regenerate: (options) => void session.runSuggestion(options),
  retry() {
    const { error, lastRun, context } = session.useSession.getState();
    if (error?.during === 'templates' && context) {
      const backend = panelBackend();
      if (backend) {
        session.useSession.setState({ templates: [] });
        void session.openTicket(backend, context);
      }
      return;
    }
    void session.runSuggestion(lastRun ?? {});
  },
  runLocally: () => void session.runSuggestion({ engine: 'local' }),
  cancel: () => void session.cancelRun(),
  apply: () => void applyAll(),
  copy: (format) => void copyTemplate(format),
  highlight: (quote) => void panelBackend()?.highlight(quote),
  openOptions: (section) => panelBackend()?.openOptions(section),
  reloadTicket: () => void usePanel.getState().loadContext(),
};

const dock = dockActions(() => usePanel.getState().tabId);

/** Everything PanelApp shows, from the panel's stores, with the actions wired. */
export function usePanelView(): PanelAppProps {
  const banner = useEscalationBanner(panelBackend());
  const extras = useTemplateExtras();
  const panel = usePanel();
  const work = session.useSession();
  const layout = useDockLayout();
  // Recomputed on every state change: cheap (one pass over the template's fields).
  const plan = currentPlan();
  const applied = shownApplied();
  const view = useMemo(() => ({ view: layout, actions: dock }), [layout]);
  return {
    context: panel.context,
    contextError: panel.contextError,
    backgroundVersion: panel.backgroundVersion,
    work: { ...work, plan, applied },
    actions,
    banner,
    templateNote: extras.owner,
    footer: extras.report,
    ...(panel.docked ? { dock: view } : {}),
  };
}
