/**
 * Salesforce Lightning Service Console (Case record page). Sources: public userscripts and extensions
 * reading Lightning record pages (`.slds-page-header__title lightning-formatted-text`,
 * `data-target-selection-name="sfdc:RecordField.<Object>.<Field>"` on record fields) and
 * ../shared/reference/README.md. Fixture reconstructed, not saved from the live site.
 */
/** A Case record field's value element (Lightning marks each field with its API name). */
const field = (name: string, value = 'lightning-formatted-text') =>
  `[data-target-selection-name="sfdc:RecordField.Case.${name}"] ${value}`;

export const selectors = {
  /**
   * Console tabs stay in the DOM; the visible one is `.windowViewMode-normal` inside the active tab
   * content (hidden tabs are `.hidden` or `aria-hidden`).
   */
  activeTab: [
    '.tabContent.active .windowViewMode-normal',
    '.windowViewMode-normal:not(.hidden):not([aria-hidden="true"])',
  ],
  subject: [field('Subject'), '.slds-page-header__title lightning-formatted-text'],
  caseNumber: [field('CaseNumber')],
  contactName: [field('ContactId', 'a')],
  contactEmail: [field('ContactEmail', 'a[href^="mailto:"]'), field('SuppliedEmail', 'a[href^="mailto:"]')],
  status: [field('Status')],
  priority: [field('Priority')],
  owner: [field('OwnerId', 'a')],
  /** Case feed items: e-mails and Chatter posts. */
  feedItem: ['.cuf-feedItem'],
  feedAuthor: ['.cuf-entityLinkId', '.cuf-feedItemHeader a'],
  feedBody: ['.feedBodyInner', '.cuf-feedBody'],
  feedTime: ['time'],
  /** Chatter text posts are internal; e-mail messages carry the e-mail feed class. */
  internalPost: ['.cuf-feedItem--textPost'],
  inboundEmail: ['.cuf-feedItem--emailMessage.cuf-incoming'],
  /** The Post publisher (internal) is a Quill editor; the e-mail publisher body is rich text. */
  postPublisher: ['.cuf-publisherTextArea .ql-editor', '.cuf-publisherTextArea textarea'],
  emailPublisher: ['.cuf-emailPublisher [contenteditable="true"]', '.cuf-emailPublisher textarea'],
};
