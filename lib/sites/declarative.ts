import type { DeskField, DeskFieldKind, MessageRole, Unreadable } from '../context/ticket-context';
import { type BridgeRequest, viaBridge } from './bridge';
import { all, first, textOf } from './dom';
import type { TextTarget } from './fields';
import { fieldOfControl, labelOfControl, writeControl } from './form-fields';
import { finish, type NotShown, parseNameEmail, read } from './read';
import type { ApplyResult, SiteAdapter } from './types';
import { setField, writeEditable } from './write';

type Sel = readonly string[];

/** How a target is written: a form control, a contenteditable, or a rich editor via the bridge. */
export interface TargetSpec {
  selectors: Sel;
  /** 'field': input/textarea/select; 'editable': contenteditable in the isolated world; the others
   * go through the main-world bridge and fall back to 'editable'. */
  kind: 'field' | 'editable' | 'ckeditor5' | 'paste';
}

/** One desk field of a declarative desk: its control, found by selector. */
export interface DeskFieldSpec {
  selectors: Sel;
  label?: string;
  kind?: DeskFieldKind;
}

/**
 * A desk field from the first element the selectors find. A form control gives kind, value and options;
 * an element that only shows the value (a read-only record view) gives a read-only text field.
 */
function deskFieldAt(
  root: ParentNode,
  id: string,
  spec: DeskFieldSpec,
): { field: DeskField; el: Element } | undefined {
  const el = first(root, spec.selectors);
  if (!el) return undefined;
  const label = spec.label ?? labelOfControl(el) ?? id;
  const field = fieldOfControl(el, id, label, spec.kind ? { kind: spec.kind } : {});
  if (field) return { field, el };
  const value = textOf(el);
  return {
    field: {
      id,
      label,
      kind: spec.kind ?? 'text',
      ...(value ? { value } : {}),
      writable: false,
      whyNot: 'The page shows this value but no control to change it: open the desk’s edit form.',
    },
    el,
  };
}

function deskFieldsOf(root: ParentNode, specs: Record<string, DeskFieldSpec> | undefined) {
  const found = new Map<string, { field: DeskField; el: Element }>();
  for (const [id, spec] of Object.entries(specs ?? {})) {
    const hit = deskFieldAt(root, id, spec);
    if (hit) found.set(id, hit);
  }
  return found;
}

/**
 * A desk described as data: where the ticket is, which selectors read which field, how to tell who
 * wrote a message. Most hosted desks (and every admin-described desk) fit this shape, so their
 * adapters are small and their behaviour (scoping, reporting, limits) is the same everywhere.
 */
export interface DeskSpec {
  id: string;
  name: string;
  /** The active ticket's root: multi-ticket pages must return only the visible ticket's element. */
  scope(doc: Document): ParentNode | undefined;
  /** Cheap check on top of scope() (URL shape, a desk marker). */
  isTicket?(doc: Document, url: URL): boolean;
  ticketKey(root: ParentNode, url: URL, doc: Document): string | undefined;
  fields: {
    subject?: Sel;
    requesterName?: Sel;
    requesterEmail?: Sel;
    /** One element holding "Name <email>" when the desk shows them together. */
    requester?: Sel;
    status?: Sel;
    priority?: Sel;
    queue?: Sel;
  };
  /** Extra labelled values (label -> selectors), reported in `fields` when present. */
  custom?: Record<string, Sel>;
  thread?: {
    message: Sel;
    author?: Sel;
    /** The message's text; the whole message element when not given. */
    body?: Sel;
    time?: Sel;
    /** The desk lists the newest message first (ServiceNow's activity stream): read in reverse. */
    newestFirst?: boolean;
    /** Role of one message element (internal marker, agent class...). */
    role(el: Element, author: string | undefined, requester: string | undefined): MessageRole;
  };
  notShown?: NotShown;
  /** The text boxes: reply and internal note. */
  targets?: Partial<Record<TextTarget, TargetSpec>>;
  /**
   * The desk's own fields by id: where each one's control is (a select, an input) and, when the desk
   * prints no label for it, the label to show. Their options are read from the page, never listed here.
   */
  deskFields?: Record<string, DeskFieldSpec>;
  /** Where mutations mean the ticket changed; default the scope's element. */
  watchRoots?(doc: Document): Element[];
  watchAttributes?: readonly string[];
}

/**
 * Read the first alternative that gives a value. `selector@attr` reads an attribute instead of the
 * text (Gmail keeps the sender's address in `.gD@email`; Intercom its id in `@data-conversation-id`).
 */
export function pick(root: ParentNode | undefined, selectors: Sel | undefined): string | undefined {
  if (!root || !selectors) return undefined;
  for (const selector of selectors) {
    const at = /^(.*)@([\w-]+)$/.exec(selector);
    const value = at ? first(root, [at[1]!])?.getAttribute(at[2]!)?.trim() : read(root, [selector]);
    if (value) return value;
  }
  return undefined;
}

/** A ticket key from the URL (first capture group of the first matching pattern). */
export const keyFromUrl =
  (...patterns: RegExp[]) =>
  (url: URL): string | undefined => {
    for (const p of patterns) {
      const m = p.exec(url.pathname + url.search + url.hash);
      if (m?.[1]) return decodeURIComponent(m[1]);
    }
    return undefined;
  };

/** The machine-readable time of a message element: a datetime/title attribute, else its text. */
export function timeOf(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return el.getAttribute('datetime') ?? el.getAttribute('title') ?? textOf(el);
}

async function write(root: ParentNode, spec: TargetSpec, value: string, what: string): Promise<ApplyResult> {
  const el = first<HTMLElement>(root, spec.selectors);
  if (!el) return { ok: false, reason: `No ${what} box is open on this page.` };
  if (spec.kind === 'field') return setField(el, value, what);
  if (spec.kind === 'ckeditor5' || spec.kind === 'paste') {
    // The bridge finds the editor by selector: mark this exact element so it picks the active one.
    const marker = `deskmate-target-${Math.random().toString(36).slice(2)}`;
    el.setAttribute('data-deskmate-target', marker);
    const request: BridgeRequest = {
      op: spec.kind,
      selector: `[data-deskmate-target="${marker}"]`,
      text: value,
    };
    try {
      const result = await viaBridge(el.ownerDocument, request);
      if (result.ok) return result;
    } finally {
      el.removeAttribute('data-deskmate-target');
    }
  }
  return el.isContentEditable || el.getAttribute('contenteditable') === 'true'
    ? writeEditable(el, value)
    : setField(el, value, what);
}

/** Build a SiteAdapter from a DeskSpec. Reads never throw; a missing part is reported by name. */
export function defineDesk(spec: DeskSpec): SiteAdapter {
  const scoped = (doc: Document) => {
    try {
      return spec.scope(doc);
    } catch {
      return undefined;
    }
  };
  return {
    id: spec.id,
    name: spec.name,
    detect(doc, url) {
      return Boolean((spec.isTicket?.(doc, url) ?? true) && scoped(doc));
    },
    read(doc, url) {
      const root = scoped(doc);
      if (!root || !(spec.isTicket?.(doc, url) ?? true)) {
        return { ok: false, reason: `This page is not a ${spec.name} ticket.` };
      }
      const f = spec.fields;
      const unreadable: Unreadable[] = [];
      const together = parseNameEmail(pick(root, f.requester));
      const requesterName = pick(root, f.requesterName) || together.name;
      const emailText = pick(root, f.requesterEmail) || together.email;
      const requesterEmail = parseNameEmail(emailText).email ?? emailText;
      const messages = [];
      if (spec.thread) {
        const t = spec.thread;
        const items = all(root, t.message);
        if (t.newestFirst) items.reverse();
        for (const [i, el] of items.entries()) {
          const text = t.body ? pick(el, t.body) : textOf(el);
          if (!text) continue;
          const author = pick(el, t.author);
          const role = t.role(el, author, requesterName);
          messages.push({
            id: el.getAttribute('data-id') ?? el.id ?? String(i + 1),
            // A customer message without a shown author (a request's description) is the requester's.
            author: author ?? (role === 'customer' ? requesterName : undefined) ?? 'unknown',
            role,
            time: t.time ? timeOf(first(el, t.time)) : undefined,
            text,
          });
        }
        if (messages.length === 0) unreadable.push({ field: 'messages', reason: 'No messages were found.' });
      }
      const fields: Record<string, string> = {};
      for (const [label, sel] of Object.entries(spec.custom ?? {})) {
        const value = pick(root, sel);
        if (value) fields[label] = value;
      }
      return finish(spec.id, url, {
        ticketKey: spec.ticketKey(root, url, doc),
        subject: pick(root, f.subject),
        requesterName,
        requesterEmail,
        status: pick(root, f.status),
        priority: pick(root, f.priority),
        queue: pick(root, f.queue),
        fields,
        messages: messages.map((m) => ({ ...m, id: m.id || undefined })),
        ...(spec.deskFields
          ? { deskFields: [...deskFieldsOf(root, spec.deskFields).values()].map((d) => d.field) }
          : {}),
        unreadable,
        notShown: spec.notShown,
      });
    },
    targets(doc) {
      const root = scoped(doc);
      if (!root) return [];
      return (Object.entries(spec.targets ?? {}) as [TextTarget, TargetSpec][])
        .filter(([, t]) => first(root, t.selectors))
        .map(([name]) => name);
    },
    async setField(doc, _url, id, value) {
      const root = scoped(doc);
      if (!root) return { ok: false, reason: `No ${spec.name} ticket is open on this page.` };
      const fieldSpec = spec.deskFields?.[id];
      const hit = fieldSpec ? deskFieldAt(root, id, fieldSpec) : undefined;
      if (!hit) return { ok: false, reason: `${spec.name} shows no field "${id}" on this page.` };
      return writeControl(hit.el, hit.field, value);
    },
    async apply(doc, _url, target, value) {
      const root = scoped(doc);
      const t = spec.targets?.[target];
      if (!root) return { ok: false, reason: `No ${spec.name} ticket is open on this page.` };
      if (!t) return { ok: false, reason: `${spec.name} has no ${target} field Deskmate can set.` };
      return write(root, t, value, target);
    },
    watchRoots(doc) {
      if (spec.watchRoots) return spec.watchRoots(doc);
      const root = scoped(doc);
      return root instanceof Element ? [root] : doc.body ? [doc.body] : [];
    },
    watchAttributes: spec.watchAttributes,
    textRoots(doc) {
      const root = scoped(doc);
      return [root instanceof Element ? root : ((root as Document | undefined)?.body ?? doc.body)];
    },
  };
}

/** Role helpers used by several desks. */
export const roles = {
  /** Internal when the element (or a child) matches one of `internal`; else customer when the author
   * is the requester, agent otherwise. */
  byMarker:
    (internal: Sel, agent?: Sel) =>
    (el: Element, author: string | undefined, requester: string | undefined): MessageRole => {
      if (internal.some((s) => safeMatches(el, s)) || first(el, internal)) return 'internal';
      if (agent && (agent.some((s) => safeMatches(el, s)) || first(el, agent))) return 'agent';
      if (!agent && author && requester) return author === requester ? 'customer' : 'agent';
      return 'customer';
    },
};

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}
