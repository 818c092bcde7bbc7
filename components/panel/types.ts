import type { SaveStatus } from '@/lib/panel/drafts';
import type { FieldDraft, RunState, TemplateInfo } from '@/lib/panel/model';
import type { OutputNotice, PanelError } from '@/lib/panel/session';
import type { FieldValue, Suggestion } from '@/lib/templates/suggestion';

/** What the panel shows about the agent's work on one template (from lib/panel/session.ts). */
export interface WorkView {
  templates: TemplateInfo[];
  suggestedId?: string;
  templateId?: string;
  suggestion?: Suggestion;
  fields: Record<string, FieldDraft>;
  staleFields: string[];
  run?: RunState;
  error?: PanelError;
  save: SaveStatus;
  notice?: OutputNotice;
  /** Labels of the fields Apply would send to the page now. */
  applicable: string[];
}

/** Everything the agent can do in the panel; wired in entrypoints/sidepanel/main.tsx. */
export interface PanelActions {
  pickTemplate(id: string): void;
  setValue(field: string, value: FieldValue): void;
  accept(field: string, accepted: boolean): void;
  acceptAll(): void;
  undo(field: string): void;
  pickCandidate(field: string, value: FieldValue): void;
  regenerate(options: { field?: string; instruction?: string }): void;
  retry(): void;
  /** Re-run the current template on the device, this once (the engine setting is not changed). */
  runLocally(): void;
  cancel(): void;
  apply(): void;
  copy(format: 'text' | 'json'): void;
  highlight(quote: string): void;
  openOptions(section?: string): void;
  reloadTicket(): void;
}

export interface DockView {
  side: 'left' | 'right';
  width: number;
}

export interface DockActions {
  collapse(): void;
  moveTo(side: 'left' | 'right'): void;
  resize(delta: number): void;
}
