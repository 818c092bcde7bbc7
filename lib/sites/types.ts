import type { DeskFieldValue, ReadResult } from '../context/ticket-context';
import type { TextTarget } from './fields';

export type { TextTarget } from './fields';

export type ApplyResult = { ok: true } | { ok: false; reason: string };

/**
 * One help desk. Pure over Document + URL so fixtures can test it; returns results, never throws.
 * Selectors live in `lib/sites/<site>/selectors.ts`.
 *
 * Two kinds of writing: text (the reply box, the internal note) through `apply`, and the desk's own
 * record fields (queue, priority, owner, custom fields) through `setField`, by the ids `read()` reports
 * in `context.deskFields` (issue #16).
 */
export interface SiteAdapter {
  /** 'rt', 'redmine', 'demo', 'zendesk', ... */
  id: string;
  /** Human name shown in settings. */
  name: string;
  /** Is this page a ticket of this desk? Cheap: runs on every matching page load. */
  detect(doc: Document, url: URL): boolean;
  /** The ticket, including the page's field catalogue (`deskFields`). */
  read(doc: Document, url: URL): ReadResult;
  /** Which text targets this page can take now (the reply box may be hidden until a click). */
  targets(doc: Document, url: URL): TextTarget[];
  /** Write text into the reply or note; only ever called on the agent's action. */
  apply(doc: Document, url: URL, target: TextTarget, value: string): Promise<ApplyResult>;
  /**
   * Write one desk field (an id from `read().context.deskFields`); only on the agent's action. A value
   * that is not one of the field's options is refused, never written. The caller reads the page back.
   */
  setField?(doc: Document, url: URL, id: string, value: DeskFieldValue): Promise<ApplyResult>;
  /** Elements whose mutations mean the ticket changed (new reply, late history). */
  watchRoots?(doc: Document): Element[];
  /**
   * Attributes whose change means another ticket is now shown (Zendesk's `data-is-active` on its
   * ticket tabs, Salesforce's console tab classes). Watched on top of child and text changes.
   */
  watchAttributes?: readonly string[];
  /** Where the ticket's text is shown, for highlighting evidence (default: watch roots, else body). */
  textRoots?(doc: Document): Element[];
}
