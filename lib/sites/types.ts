import type { ReadResult } from '../context/ticket-context';

/** Page fields an adapter may be able to set; templates declare which field applies where. */
export const PAGE_TARGETS = ['reply', 'internal-note', 'priority', 'status', 'category', 'queue'] as const;
export type PageTarget = (typeof PAGE_TARGETS)[number];

export type ApplyResult = { ok: true } | { ok: false; reason: string };

/**
 * One help desk. Pure over Document + URL so fixtures can test it; returns results, never throws.
 * Selectors live in `lib/sites/<site>/selectors.ts`.
 */
export interface SiteAdapter {
  /** 'rt', 'redmine', 'demo', 'zendesk', ... */
  id: string;
  /** Human name shown in settings. */
  name: string;
  /** Is this page a ticket of this desk? Cheap: runs on every matching page load. */
  detect(doc: Document, url: URL): boolean;
  read(doc: Document, url: URL): ReadResult;
  /** Which targets this page can take now (the reply box may be hidden until a click). */
  targets(doc: Document, url: URL): PageTarget[];
  /** Write a value; only ever called on the agent's action. */
  apply(doc: Document, url: URL, target: PageTarget, value: string): Promise<ApplyResult>;
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
