/**
 * Salesforce Lightning Service Console (Case record page). Sources: public userscripts and extensions
 * reading Lightning record pages (`.slds-page-header__title lightning-formatted-text`,
 * `data-target-selection-name="sfdc:RecordField.<Object>.<Field>"` on record fields) and
 * ../shared/reference/README.md. Fixture reconstructed, not saved from the live site.
 */
export const selectors = {
  /**
   * Console tabs stay in the DOM; the visible one is `.windowViewMode-normal` inside the active tab
   * content (hidden tabs are `.hidden` or `aria-hidden`).
   */
  activeTab: [
    '.tabContent.active .windowViewMode-normal',
    '.windowViewMode-normal:not(.hidden):not([aria-hidden="true"])',
  ],
  subject: [
    '[data-target-selection-name="sfdc:RecordField.Case.Subject"] lightning-formatted-text',
    '.slds-page-header__title lightning-formatted-text',
  ],
  caseNumber: ['[data-target-selection-name="sfdc:RecordField.Case.CaseNumber"] lightning-formatted-text'],
  contactName: ['[data-target-selection-name="sfdc:RecordField.Case.ContactId"] a'],
  contactEmail: [
    '[data-target-selection-name="sfdc:RecordField.Case.ContactEmail"] a[href^="mailto:"]',
    '[data-target-selection-name="sfdc:RecordField.Case.SuppliedEmail"] a[href^="mailto:"]',
  ],
  status: ['[data-target-selection-name="sfdc:RecordField.Case.Status"] lightning-formatted-text'],
  priority: ['[data-target-selection-name="sfdc:RecordField.Case.Priority"] lightning-formatted-text'],
  owner: ['[data-target-selection-name="sfdc:RecordField.Case.OwnerId"] a'],
  /** Case feed items: e-mails and Chatter posts. */
  feedItem: ['.cuf-feedItem'],
  feedAuthor: ['.cuf-entityLinkId', '.cuf-feedItemHeader a'],
  feedBody: ['.feedBodyInner', '.cuf-feedBody'],
  feedTime: ['.cuf-timestamp time', 'time'],
  /** Chatter text posts are internal; e-mail messages carry the e-mail feed class. */
  internalPost: ['.cuf-feedItem--textPost'],
  inboundEmail: ['.cuf-feedItem--emailMessage.cuf-incoming'],
  /** The Post publisher (internal) is a Quill editor; the e-mail publisher body is rich text. */
  postPublisher: ['.cuf-publisherTextArea .ql-editor', '.cuf-publisherTextArea textarea'],
  emailPublisher: ['.cuf-emailPublisher [contenteditable="true"]', '.cuf-emailPublisher textarea'],
} as const;
