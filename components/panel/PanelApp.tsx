import type { TicketContext } from '@/lib/context/ticket-context';
import type { ErrorInfo } from '@/lib/messaging/envelope';

export interface PanelAppProps {
  context?: TicketContext;
  contextError?: ErrorInfo;
  backgroundVersion?: string;
}

/** The panel: one app for the docked iframe and the native side panel. */
export function PanelApp({ context, contextError, backgroundVersion }: PanelAppProps) {
  return (
    <main className="panel" aria-label="Deskmate">
      <header className="panel-header">
        <h1>Deskmate</h1>
        <span className="connection" data-testid="background-status">
          {backgroundVersion ? `connected · v${backgroundVersion}` : 'connecting…'}
        </span>
      </header>
      {contextError && (
        <p role="alert" className="error">
          {contextError.message}
        </p>
      )}
      {context ? (
        <section aria-label="Ticket" data-testid="ticket-summary">
          <h2>{context.subject ?? `Ticket ${context.ticketKey}`}</h2>
          <p>
            #{context.ticketKey} · {context.requester?.name ?? 'unknown requester'} ·{' '}
            {context.messages.length} messages
          </p>
        </section>
      ) : (
        !contextError && <p>Reading the ticket…</p>
      )}
    </main>
  );
}
