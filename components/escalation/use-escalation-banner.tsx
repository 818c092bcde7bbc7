import { type ReactNode, useCallback, useMemo } from 'react';
import { EscalationSection } from '@/components/escalation/EscalationSection';
import { escalationBackend, useEscalation } from '@/components/escalation/use-escalation';
import type { PanelBackend } from '@/lib/panel/backend';
import * as session from '@/lib/panel/session';
import { usePanel } from '@/lib/panel/store';

/**
 * The escalation section wired to the panel's stores: the ticket on screen, the suggestion for it,
 * and, on Escalate, the escalation-handoff template filled for the agent. The panel puts
 * the returned element in PanelApp's `banner` slot: `banner: useEscalationBanner(panelBackend())`.
 */
export function useEscalationBanner(page: PanelBackend | undefined): ReactNode {
  const context = usePanel((s) => s.context);
  const suggestion = session.useSession((s) => s.suggestion);
  const backend = useMemo(() => (page ? escalationBackend(page) : undefined), [page]);
  // A suggestion still showing for the previous ticket must not be evaluated against this one.
  const own =
    suggestion && context && suggestion.site === context.site && suggestion.ticketKey === context.ticketKey
      ? suggestion
      : undefined;
  const handoff = useCallback(async (templateId: string) => {
    // Escalating fills the handoff template (the agent sees it in the panel, pre-filled) unless the
    // agent is already on it; its note goes into the desk with the reasons.
    if (session.useSession.getState().templateId !== templateId) await session.pickTemplate(templateId);
    return session.useSession.getState().templateId === templateId ? session.currentValues() : undefined;
  }, []);
  const view = useEscalation(backend, context, own, handoff);
  return (
    <EscalationSection
      result={view.result}
      busy={view.busy}
      error={view.error}
      outcome={view.outcome}
      onEscalate={view.escalate}
      onDismiss={view.dismiss}
      onQuote={page ? (quote) => void page.highlight(quote) : undefined}
      onUseQuestion={page ? (question) => void page.copy(question) : undefined}
    />
  );
}
