/**
 * Records never store the desk's ticket key in clear: a SHA-256 of site and key identifies the ticket
 * for drafts, "forget this ticket" and metrics without saying which ticket it was.
 */
export async function ticketHash(site: string, ticketKey: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${site}\u0000${ticketKey}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
