import { defineDesk, keyFromUrl, pick, roles } from '../declarative';
import { all, first, textOf } from '../dom';
import type { SiteAdapter } from '../types';
import type { GenericDeskWire, SelectorProbe } from './wire';

/** The selector fields of a config, in the order the "test this page" check shows them. */
const FIELDS = [
  'ticket',
  'subject',
  'requesterName',
  'requesterEmail',
  'status',
  'priority',
  'queue',
  'message',
  'messageAuthor',
  'messageBody',
  'messageTime',
  'reply',
  'internalNote',
] as const;

function urlKey(pattern: string | undefined): ((url: URL) => string | undefined) | undefined {
  if (!pattern) return undefined;
  try {
    return keyFromUrl(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** A SiteAdapter built from an admin's or user's description of a desk. */
export function genericAdapter(config: GenericDeskWire): SiteAdapter {
  const marker = config.ticket ?? config.subject;
  const fromUrl = urlKey(config.ticketKey.urlPattern);
  return defineDesk({
    id: `generic:${config.name}`,
    name: config.name,
    scope: (doc) => (first(doc, marker) ? doc : undefined),
    ticketKey: (root, url) => pick(root, config.ticketKey.selector) ?? fromUrl?.(url),
    fields: {
      subject: config.subject,
      requesterName: config.requesterName,
      requesterEmail: config.requesterEmail,
      status: config.status,
      priority: config.priority,
      queue: config.queue,
    },
    thread: config.message
      ? {
          message: config.message,
          author: config.messageAuthor,
          body: config.messageBody,
          time: config.messageTime,
          role: roles.byMarker(config.messageRole?.internal ?? [], config.messageRole?.agent),
        }
      : undefined,
    targets: {
      ...(config.reply ? { reply: { selectors: config.reply, kind: 'editable' as const } } : {}),
      ...(config.internalNote
        ? { 'internal-note': { selectors: config.internalNote, kind: 'editable' as const } }
        : {}),
    },
    watchRoots: (doc) => (doc.body ? [doc.body] : []),
  });
}

/**
 * "Test this page": what each configured selector finds here (count and the first element's text,
 * cut short), so an admin sees at once which field reads what and which one misses.
 */
export function probeSelectors(doc: Document, config: GenericDeskWire): SelectorProbe[] {
  const probes: SelectorProbe[] = [];
  const probe = (field: string, selectors: readonly string[] | undefined) => {
    if (!selectors) return;
    const plain = selectors.map((s) => /^(.*)@([\w-]+)$/.exec(s)?.[1] ?? s);
    const found = all(doc, plain);
    const value = pick(doc, selectors) ?? textOf(found[0]);
    probes.push({ field, count: found.length, first: value ? value.slice(0, 200) : undefined });
  };
  probe('ticketKey', config.ticketKey.selector);
  for (const field of FIELDS) probe(field, config[field]);
  probe('messageRole.internal', config.messageRole?.internal);
  probe('messageRole.agent', config.messageRole?.agent);
  return probes;
}
