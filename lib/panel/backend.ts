import type { TicketContext } from '../context/ticket-context';
import type { MetricEvent } from '../metrics/event-schema';
import type { DeskFieldValue, FieldWrite, TextTarget } from '../sites/fields';
import type { FieldValue, Suggestion } from '../templates/suggestion';
import type { TemplateInfo } from './model';

/** A request to pre-fill (or re-fill) a template. */
export interface RunRequest {
  requestId: string;
  context: TicketContext;
  templateId: string;
  instruction?: string;
  /** Only these fields (regenerate one field); all when absent. */
  fields?: string[];
  /** The values the agent sees now (a partial regeneration keeps the rest consistent). */
  previous?: Record<string, FieldValue>;
  /** The on-device engine for this run only (after a provider error); the settings stay as they are. */
  engine?: 'local';
}

/** What the agent kept, for corrections and metrics. */
export interface KeptValues {
  context: TicketContext;
  template: TemplateInfo;
  suggestion?: Suggestion;
  values: Record<string, FieldValue>;
  ticketHash: string;
  /** How the values left the panel. */
  action: 'apply' | 'copy-text' | 'copy-json';
}

/**
 * Everything the panel asks of the rest of the extension. The real one (lib/panel/wiring.ts) talks to the
 * background and the tab; the store depends only on this, so it stays testable and the messages it uses
 * are in one place.
 */
export interface PanelBackend {
  listTemplates(context: TicketContext): Promise<{ templates: TemplateInfo[]; suggestedId?: string }>;
  run(request: RunRequest): Promise<Suggestion>;
  cancel(requestId: string): Promise<void>;
  /** Progress events of a running request; returns an unsubscribe function. */
  onProgress(callback: (requestId: string, text: string) => void): () => void;
  targets(): Promise<TextTarget[]>;
  /** Write text into the reply box or internal note (throws when the page refuses). */
  apply(target: TextTarget, value: string): Promise<void>;
  /**
   * Write desk fields in one go (ids from context.deskFields); the page is read back after the writes, so
   * `ok` means the desk shows the value. `context` is the page as read afterwards, when it could be read.
   */
  setFields(
    values: { id: string; value: DeskFieldValue }[],
  ): Promise<{ results: FieldWrite[]; context?: TicketContext }>;
  /** Scroll to and highlight a quote in the page; false when the page does not show it. */
  highlight(quote: string): Promise<boolean>;
  /** The agent applied or copied values: record corrections and events. Never throws. */
  recordKept(kept: KeptValues): Promise<void>;
  /** A metrics event (never ticket text). Never throws. */
  recordEvent(event: MetricEvent): void;
  copy(text: string): Promise<void>;
  openOptions(section?: string): void;
}
