import { z } from 'zod';

/**
 * A desk described by an admin or a user: where it runs and which selectors read which field. Classic
 * zod: validated in the options page, the background and the managed policy (where a clear message
 * matters); the content script receives it already validated (wire.ts re-checks the shape cheaply).
 */

/** A CSS selector, or `selector@attribute` to read an attribute instead of the text. */
const Selector = z
  .string()
  .trim()
  .min(1, 'A selector cannot be empty.')
  .max(500, 'A selector is limited to 500 characters.')
  .refine(isSelector, { message: 'Not a valid CSS selector (use `selector` or `selector@attribute`).' });

/** Alternatives tried in order, like the shipped adapters' selectors.ts. */
const Alternatives = z.array(Selector).min(1, 'Give at least one selector.').max(10);

/** Chrome/Firefox match pattern (scheme://host/path). */
export const MatchPattern = z
  .string()
  .regex(
    /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/,
    'Not a match pattern like https://desk.example.com/* or https://*.example.com/tickets/*',
  );

const RegexSource = z
  .string()
  .min(1)
  .max(300)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return /\((?!\?)/.test(source);
      } catch {
        return false;
      }
    },
    { message: 'Not a regular expression with a capture group, e.g. /tickets/(\\d+)' },
  );

export const GenericDeskConfig = z.object({
  /** Shown in the panel and settings; becomes the context's site "generic:<name>". */
  name: z.string().trim().min(1, 'Give the desk a name.').max(60),
  /** Pages where this desk's tickets are. */
  matches: z.array(MatchPattern).min(1, 'Give at least one page pattern.').max(20),
  /** The ticket's key: read from the page, or the first capture group of a regex over the URL. */
  ticketKey: z
    .object({ selector: Alternatives.optional(), urlPattern: RegexSource.optional() })
    .refine((k) => k.selector || k.urlPattern, {
      message: 'Say where the ticket number is (selector or URL pattern).',
    }),
  /** The element that marks a ticket page (default: the subject's selectors). */
  ticket: Alternatives.optional(),
  subject: Alternatives,
  requesterName: Alternatives.optional(),
  requesterEmail: Alternatives.optional(),
  status: Alternatives.optional(),
  priority: Alternatives.optional(),
  queue: Alternatives.optional(),
  /** The thread: one element per message, and inside it the author, body and time. */
  message: Alternatives.optional(),
  messageAuthor: Alternatives.optional(),
  messageBody: Alternatives.optional(),
  messageTime: Alternatives.optional(),
  /** A message matching `internal` is an internal note; matching `agent` is the team's; else the customer's. */
  messageRole: z.object({ internal: Alternatives.optional(), agent: Alternatives.optional() }).default({}),
  /** Where replies and internal notes are written. */
  reply: Alternatives.optional(),
  internalNote: Alternatives.optional(),
  /**
   * The desk's own fields: where each one's control is (select, input). Their options are read from
   * the page; templates bind to them by id or label (lib/templates/bind.ts).
   */
  fields: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(60),
        label: z.string().trim().min(1).max(60).optional(),
        selector: Alternatives,
      }),
    )
    .max(50)
    .optional(),
});
export type GenericDeskConfig = z.infer<typeof GenericDeskConfig>;

/**
 * Check selector syntax where a DOM exists (options page, tests); the service worker has none and
 * keeps the length checks, and the content script treats an invalid selector as a miss.
 */
function isSelector(value: string): boolean {
  const selector = /^(.*)@([\w-]+)$/.exec(value)?.[1] ?? value;
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return true;
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Validate a config and say, field by field, what is wrong (for the editor and the policy report). */
export function validateGenericDesk(
  input: unknown,
): { ok: true; config: GenericDeskConfig } | { ok: false; errors: string[] } {
  const parsed = GenericDeskConfig.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`),
  };
}
