import type { SaveStatus } from '@/lib/panel/drafts';
import type { FieldApplied, FieldDraft, RunState, TemplateInfo } from '@/lib/panel/model';
import type { ApplyPlan } from '@/lib/panel/output';
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
  /** What Apply all would write now, and the accepted values it would not write (with why). */
  plan: ApplyPlan;
  /** Per field, what the last Apply all did (only while the value is still the one written). */
  applied: Record<string, FieldApplied>;
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
