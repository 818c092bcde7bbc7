import { defineDesk, keyFromUrl, pick, roles } from '../declarative';
import { all, first, textOf } from '../dom';
import type { SiteAdapter } from '../types';
import type { GenericDeskWire, SelectorProbe } from './wire';

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
    ...(config.fields?.length
      ? {
          deskFields: Object.fromEntries(
            config.fields.map((f) => [
              f.id,
              { selectors: f.selector, ...(f.label ? { label: f.label } : {}) },
            ]),
          ),
        }
      : {}),
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
    probes.push({ field, count: found.length, first: value?.slice(0, 200) });
  };
  probe('ticketKey', config.ticketKey.selector);
  // Every selector list of the config, in its own order (matches are page patterns, not selectors).
  for (const [field, value] of Object.entries(config)) {
    if (field !== 'matches' && field !== 'fields' && Array.isArray(value)) probe(field, value as string[]);
  }
  for (const f of config.fields ?? []) probe(`fields.${f.id}`, f.selector);
  for (const [role, value] of Object.entries(config.messageRole ?? {})) probe(`messageRole.${role}`, value);
  return probes;
}
