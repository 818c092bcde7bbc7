import { type ReactNode, useMemo } from 'react';
import { EscalationSection } from '@/components/escalation/EscalationSection';
import type { PanelBackend } from '../panel/backend';
import * as session from '../panel/session';
import { usePanel } from '../panel/store';
import { escalationBackend, useEscalation } from './use-escalation';

/**
 * The escalation section wired to the panel's stores: the ticket on screen, the suggestion for it,
 * and (when the agent is on the escalation-handoff template) the handoff they drafted. The panel puts
 * the returned element in PanelApp's `banner` slot: `banner: useEscalationBanner(panelBackend())`.
 */
export function useEscalationBanner(page: PanelBackend | undefined): ReactNode {
  const context = usePanel((s) => s.context);
  const suggestion = session.useSession((s) => s.suggestion);
  const templateId = session.useSession((s) => s.templateId);
  const fields = session.useSession((s) => s.fields);
  const backend = useMemo(() => (page ? escalationBackend(page) : undefined), [page]);
  // A suggestion still showing for the previous ticket must not be evaluated against this one.
  const own =
    suggestion && context && suggestion.site === context.site && suggestion.ticketKey === context.ticketKey
      ? suggestion
      : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fields` is what currentValues() reads.
  const handoff = useMemo(
    () => (templateId === 'escalation-handoff' ? session.currentValues() : undefined),
    [templateId, fields],
  );
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
