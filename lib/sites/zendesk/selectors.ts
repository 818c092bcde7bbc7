/**
 * Zendesk Agent Workspace. Sources: toggl/track-extension src/content/zendesk.js, holatuwol/
 * liferay-zendesk-userscript, Briskine/briskine (public code reading the same DOM); fixture
 * test/fixtures/zendesk is reconstructed from these facts, not saved from the live site.
 * Alternatives in order, most specific first.
 */
export const selectors = {
  /** Every open ticket tab stays in the DOM; only the active pane is the ticket on screen. */
  activePane: ['.ticket-panes-grid-layout[data-is-active="true"]'],
  /** The subject is an input in the omnichannel header (its value). */
  subject: ['input[data-test-id="omni-header-subject"]', '[data-test-id="omni-header-subject"]'],
  requesterName: [
    '[data-test-id="ticket-system-field-requester-select"] [data-test-id="requester-name"]',
    '[data-test-id="ticket-system-field-requester-select"]',
  ],
  requesterEmail: ['[data-test-id="user-profile-email"]', 'a[href^="mailto:"]'],
  status: ['[data-test-id="ticket-status-select"]', '[data-test-id="ticket-system-field-status-select"]'],
  priority: ['[data-test-id="ticket-system-field-priority-select"]'],
  /** The assignee field shows "Group/Agent": the group is Zendesk's queue. */
  group: [
    '[data-test-id="ticket-system-field-group-select"]',
    '[data-test-id="assignee-field-selected-group"]',
  ],
  message: ['div[data-test-id="omni-log-container"] article'],
  sender: ['[data-test-id="omni-log-item-sender"]'],
  body: ['[data-test-id="omni-log-comment-item"]', '[data-test-id="omni-log-message-content"]'],
  time: ['time[datetime]'],
  /** Internal notes carry this tag in their header. */
  internalNote: ['[data-test-id="omni-log-internal-note-tag"]', '.omni-log-internal-note-tag'],
  /** CKEditor 5 editable inside the omnichannel composer. */
  composer: [
    'div[data-test-id="omnicomposer-rich-text-ckeditor"] .ck-editor__editable',
    'div[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
  ],
} as const;
