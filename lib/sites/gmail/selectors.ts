/**
 * Gmail (a shared support inbox read as a desk). Sources: ../shared/reference/README.md (`h2.hP`,
 * `.gD`, `.a3s`, compose `[g_editable="true"]`), long used by Gmail extensions (Streak, Mixmax
 * userscripts). The sender's address is in the `.gD` element's `email` attribute. Fixture reconstructed.
 */
export const selectors = {
  subject: ['h2.hP'],
  /** The thread id Gmail puts on the subject heading; the URL's last segment is the fallback. */
  threadId: ['h2.hP@data-thread-perm-id', '[data-legacy-thread-id]@data-legacy-thread-id'],
  /** Expanded messages of the open thread. */
  message: ['.adn.ads'],
  senderName: ['.gD@name', '.gD'],
  senderEmail: ['.gD@email'],
  body: ['.a3s'],
  time: ['.g3@title', '.g3'],
  firstSenderName: ['.adn.ads .gD@name', '.adn.ads .gD'],
  firstSenderEmail: ['.adn.ads .gD@email'],
  compose: ['[g_editable="true"][contenteditable="true"]'],
} as const;
