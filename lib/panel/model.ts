import type { TextTarget } from '../sites/fields';
import type { FieldState, FieldValue, Suggestion } from '../templates/suggestion';

/**
 * What the panel needs to know about a template, whatever shape lib/templates gives it: the panel maps
 * the background's answer into this once (lib/panel/backend.ts) so components never depend on it.
 */
export interface TemplateField {
  id: string;
  label: string;
  kind: 'enum' | 'text' | 'number' | 'date' | 'entity' | 'longText' | 'list' | 'boolean';
  required: boolean;
  description?: string;
  /** Allowed values of an enum field. */
  options?: string[];
  /** The text box the value is written into (reply or internal note). */
  applyTo?: TextTarget;
  /**
   * The desk field on this page the value is written into, or why the page has none (issue #16).
   * Absent for text fields that go to a text box, and when the template was listed without a ticket.
   */
  binding?: FieldBinding;
}

/** Which desk field a template field writes into on this page (lib/templates/bind.ts), or why none. */
export type FieldBinding =
  | { deskField: string; deskLabel: string; writable: boolean; whyNot?: string }
  | { reason: string };

/** What Apply all did to one field: written (the page read back shows it), or not and why. */
export interface FieldApplied {
  ok: boolean;
  reason?: string;
  /** The value that was written or refused: the state no longer holds once the agent changes it. */
  value: FieldValue;
}

/** How a template runs for this agent (ARCHITECTURE.md "Modes"). */
export type TemplateMode = 'shadow' | 'assist';

export interface TemplateInfo {
  id: string;
  name: string;
  version: number;
  description?: string;
  fields: TemplateField[];
  mode: TemplateMode;
  /** Fields pre-accepted because their measured accuracy passed the threshold (still applied only by the agent). */
  autoFields: string[];
}

/** One field as the agent is working on it. */
export interface FieldDraft {
  /** The value the agent has now (edited, picked or accepted). */
  value: FieldValue;
  /** The agent has accepted it (or it is an auto field). Unsupported values are never pre-accepted. */
  accepted: boolean;
  /** The agent typed or picked this value (it is not the AI's). */
  edited: boolean;
  /** Earlier values, newest last, for undo. */
  history: FieldValue[];
  /** The value before the last regeneration, for the compare view. */
  previous?: FieldValue;
}

/** The AI's state of a field, as the suggestion says, or undefined when nothing was suggested. */
export type AiField = FieldState | undefined;

export interface RunState {
  requestId: string;
  /** One field regenerated, or the whole template. */
  field?: string;
  instruction?: string;
  /** Latest progress text from the provider ("Contacting the model...", "Received 120 tokens"). */
  progress: string;
  startedAt: number;
}

/** The suggestion and the agent's work on it for one ticket and one template. */
export interface WorkState {
  suggestion?: Suggestion;
  fields: Record<string, FieldDraft>;
}

/** Display text of a value: lists joined by commas, null as empty. */
export function valueText(value: FieldValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Parse what the agent typed back into the field's kind; never throws (bad numbers stay text). */
export function parseValue(field: TemplateField, text: string): FieldValue {
  if (text.trim() === '') return null;
  if (field.kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (field.kind === 'number') {
    // Only a complete number becomes one: "12." while typing stays text.
    return /^-?\d+([.,]\d+)?$/.test(text.trim()) ? Number(text.trim().replace(',', '.')) : text;
  }
  if (field.kind === 'boolean') return text === 'true';
  return text;
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
