import type { ReactNode } from 'react';
import type { TicketContext } from '@/lib/context/ticket-context';
import { plural, t } from '@/lib/i18n/t';
import type { ErrorInfo } from '@/lib/messaging/envelope';
import { DockControls } from './DockControls';
import { ErrorNotice } from './ErrorNotice';
import { FieldList } from './FieldList';
import { GuideBar } from './GuideBar';
import { KeyboardHelp } from './KeyboardHelp';
import { OutputBar } from './OutputBar';
import { RunStatus } from './RunStatus';
import { TemplatePicker } from './TemplatePicker';
import type { DockActions, DockView, PanelActions, WorkView } from './types';

export interface PanelAppProps {
  context?: TicketContext;
  contextError?: ErrorInfo;
  backgroundVersion?: string;
  work?: WorkView;
  actions?: PanelActions;
  /** Present when docked beside the page (not in the native side panel). */
  dock?: { view: DockView; actions: DockActions };
  /** Extra sections other domains mount (escalation banner...), shown above the template. */
  banner?: ReactNode;
  /** Shown under the template picker (the template's owner). */
  templateNote?: ReactNode;
  /** Shown at the end of the panel ("Report a problem with this template"). */
  footer?: ReactNode;
}

/** The panel: one app for the docked iframe and the native side panel. */
export function PanelApp({
  context,
  contextError,
  backgroundVersion,
  work,
  actions,
  dock,
  banner,
  templateNote,
  footer,
}: PanelAppProps) {
  const template = work?.templates.find((tpl) => tpl.id === work.templateId);
  return (
    <main className="panel" aria-label="Deskmate">
      <header className="panel-header">
        <h1>Deskmate</h1>
        <span className="connection" data-testid="background-status">
          {backgroundVersion ? t('panel_connected', backgroundVersion) : t('panel_connecting')}
        </span>
        {dock && <DockControls dock={dock.view} actions={dock.actions} />}
      </header>
      {contextError && (
        <p role="alert" className="error">
          {contextError.message}
        </p>
      )}
      {context ? (
        <section
          aria-label={t('panel_ticketSection')}
          data-testid="ticket-summary"
          className="ticket-summary"
        >
          <h2>{context.subject ?? t('panel_ticketFallbackSubject', context.ticketKey)}</h2>
          <p>
            #{context.ticketKey} · {context.requester?.name ?? t('panel_unknownRequester')} ·{' '}
            {plural(context.messages.length, 'panel_messageCount_one', 'panel_messageCount_other')}
          </p>
        </section>
      ) : (
        !contextError && <p>{t('panel_reading')}</p>
      )}
      {banner}
      {context && work && actions && (
        <>
          <TemplatePicker
            templates={work.templates}
            suggestedId={work.suggestedId}
            value={work.templateId}
            onPick={actions.pickTemplate}
          />
          {templateNote}
          <RunStatus run={work.run} onCancel={actions.cancel} />
          {work.error && <ErrorNotice error={work.error} actions={actions} />}
          {template && (
            <>
              {work.staleFields.length > 0 && (
                <div className="notice" role="status">
                  <p>{t('panel_ticketChanged')}</p>
                  <button type="button" onClick={() => actions.regenerate({})} disabled={Boolean(work.run)}>
                    {t('panel_refreshAll')}
                  </button>
                </div>
              )}
              {template.mode !== 'shadow' && (
                <GuideBar
                  busy={Boolean(work.run)}
                  onRun={(instruction) => actions.regenerate({ instruction })}
                />
              )}
              {template.mode !== 'shadow' && work.suggestion && (
                <div className="button-row">
                  <button
                    type="button"
                    onClick={actions.acceptAll}
                    data-testid="accept-all"
                    aria-keyshortcuts="Alt+Shift+Enter"
                  >
                    {t('panel_acceptAllFilled')}
                  </button>
                </div>
              )}
              <FieldList template={template} work={work} actions={actions} />
              <KeyboardHelp />
              <OutputBar
                plan={work.plan}
                busy={Boolean(work.run)}
                save={work.save}
                notice={work.notice}
                onApply={actions.apply}
                onCopy={actions.copy}
              />
              {footer}
            </>
          )}
        </>
      )}
    </main>
  );
}
