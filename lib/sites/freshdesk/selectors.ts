/**
 * Freshdesk (agent ticket view). Sources: ../shared/reference/README.md (`.ticket-subject-heading`,
 * `[data-test-id^="requester-info"]`, from public extensions); the conversation and properties markup
 * is reconstructed (assumed: ticket-details / conversation classes) and marked as such in the fixture.
 */
export const selectors = {
  ticket: ['.ticket-details', '[data-test-id="ticket-details"]'],
  subject: ['.ticket-subject-heading'],
  requesterName: ['[data-test-id="requester-info-name"]', '[data-test-id^="requester-info"] .requester-name'],
  requesterEmail: [
    '[data-test-id="requester-info-email"]',
    '[data-test-id^="requester-info"] a[href^="mailto:"]',
  ],
  status: ['[data-test-id="ticket-properties-status"] .ember-power-select-selected-item'],
  priority: ['[data-test-id="ticket-properties-priority"] .ember-power-select-selected-item'],
  group: ['[data-test-id="ticket-properties-group"] .ember-power-select-selected-item'],
  /** The ticket's description and each conversation item. */
  message: ['.ticket-details__item, .conversation'],
  author: ['.sender-name', '.user-name'],
  body: ['.ticket-details__description', '.conversation-text'],
  time: ['time[datetime]'],
  privateNote: ['.private-note'],
  agentReply: ['.agent-reply'],
  /** Froala editor of the reply box. */
  replyEditor: ['.reply-editor .fr-element[contenteditable="true"]', '.fr-element.fr-view'],
} as const;
