import { type TicketContext, ticketText } from '../context/ticket-context';
import type { Suggestion } from '../templates/suggestion';

/**
 * Hash of what a suggestion was made from: the ticket's text and message count. A new reply changes
 * it, so fields filled before are marked stale. Pure (Web Crypto only): the panel can call it too.
 */
export async function contextHash(context: TicketContext): Promise<string> {
  const bytes = new TextEncoder().encode(`${context.messages.length}\u0000${ticketText(context)}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The suggestion as it stands once the ticket changed: every field the provider filled (or found
 * missing) becomes `stale` so nothing old is applied without a look; values the agent typed stay theirs.
 * Returns the same object when the hash did not change.
 */
export function markStale(suggestion: Suggestion, newContextHash: string): Suggestion {
  if (suggestion.contextHash === newContextHash) return suggestion;
  const fields = Object.fromEntries(
    Object.entries(suggestion.fields).map(([name, field]) => [
      name,
      field.source === 'agent' || field.status === 'stale'
        ? field
        : {
            ...field,
            status: 'stale' as const,
            note: 'The ticket changed after this was filled: suggest again.',
          },
    ]),
  );
  return { ...suggestion, fields };
}
