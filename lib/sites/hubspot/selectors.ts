/**
 * HubSpot help desk / ticket record. Sources: ../shared/reference/README.md
 * (`[data-selenium-test="highlightTitle"]`, `[data-selenium-test="contact-chicklet-title-link"]`, from
 * public extensions). Property and thread markup reconstructed (assumed data-selenium-test names).
 */
export const selectors = {
  record: ['[data-selenium-test="ticket-record"]', '[data-selenium-test="highlightTitle"]'],
  subject: ['[data-selenium-test="highlightTitle"]'],
  contactName: ['[data-selenium-test="contact-chicklet-title-link"]'],
  contactEmail: [
    '[data-selenium-test="contact-chicklet-email"]',
    '[data-selenium-test="contact-chicklet"] a[href^="mailto:"]',
  ],
  stage: ['[data-selenium-test="property-input-hs_pipeline_stage"]'],
  priority: ['[data-selenium-test="property-input-hs_ticket_priority"]'],
  pipeline: ['[data-selenium-test="property-input-hs_pipeline"]'],
  threadItem: ['[data-selenium-test="thread-item"]'],
  author: ['[data-selenium-test="thread-item-sender"]'],
  body: ['[data-selenium-test="thread-item-body"]'],
  time: ['time[datetime]'],
  comment: ['[data-selenium-test="thread-item-comment"]'],
  agentMessage: ['[data-direction="outgoing"]'],
  /** The reply composer is a ProseMirror editor. */
  composer: [
    '[data-selenium-test="composer"] .ProseMirror',
    '[data-selenium-test="composer"] [contenteditable="true"]',
  ],
} as const;
