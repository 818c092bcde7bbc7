/**
 * Front. Its classes come from styled-components with generated suffixes, so we match on stable class
 * name prefixes (`[class*="conversationSubject"]`). Sources: ../shared/reference/README.md; the other
 * prefixes are assumed from the same convention; fixture reconstructed.
 */
export const selectors = {
  conversation: ['[class*="conversationContainer"]', '[class*="conversationView"]'],
  subject: ['[class*="conversationSubject"]'],
  contactName: ['[class*="contactCardName"]', '[class*="recipientName"]'],
  contactEmail: ['[class*="contactCardHandle"]'],
  status: ['[class*="conversationStatus"]'],
  inbox: ['[class*="inboxName"]'],
  /** Messages and internal comments share the timeline; comments are internal. */
  item: ['[class*="messageViewer"], [class*="commentBubble"]'],
  author: ['[class*="messageSenderName"]', '[class*="commentAuthor"]'],
  body: ['[class*="messageBody"]', '[class*="commentBody"]'],
  time: ['time[datetime]'],
  comment: ['[class*="commentBubble"]'],
  outbound: ['[class*="messageViewer"][data-outbound="true"]'],
  /** The reply composer is a ProseMirror editor. */
  composer: ['[class*="draftEditor"] [contenteditable="true"]'],
} as const;
