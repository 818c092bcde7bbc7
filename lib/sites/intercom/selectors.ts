/**
 * Intercom Inbox. Sources: ../shared/reference/README.md (`[data-conversation-id]`,
 * `[data-inbox-conversation-header-title]`, from public extensions); message-part markup assumed
 * (Intercom's `o__admin-note` class for notes); fixture reconstructed.
 */
export const selectors = {
  conversation: ['[data-conversation-id]'],
  conversationId: ['[data-conversation-id]@data-conversation-id'],
  title: ['[data-inbox-conversation-header-title]'],
  userName: ['[data-inbox-user-details-name]', '.inbox__user-details__name'],
  userEmail: ['[data-inbox-user-details-email]', '.inbox__user-details a[href^="mailto:"]'],
  state: ['[data-inbox-conversation-state]'],
  priority: ['[data-inbox-conversation-priority]'],
  teamInbox: ['[data-inbox-conversation-team]'],
  part: ['[data-part-id]'],
  partAuthor: ['[data-part-author]'],
  partBody: ['.intercom-interblocks', '[data-part-body]'],
  partTime: ['time[datetime]'],
  note: ['.o__admin-note'],
  adminPart: ['.o__admin'],
  /** The composer is a ProseMirror editor. */
  composer: ['[data-inbox-composer] .ProseMirror', '.inbox__composer [contenteditable="true"]'],
} as const;
