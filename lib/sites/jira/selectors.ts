/**
 * Jira Service Management (agent issue view on *.atlassian.net). Sources: ../shared/reference/README.md
 * (summary heading data-testid, ProseMirror editors), Atlassian's public `data-testid` names used by
 * browser extensions; the rest of the fixture markup is reconstructed.
 */
export const selectors = {
  summary: ['h1[data-testid="issue.views.issue-base.foundation.summary.heading"]'],
  issueKey: [
    '[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]',
    'a[data-testid*="current-issue"]',
  ],
  reporter: [
    '[data-testid="issue.views.field.user.reporter"] [data-testid$="name"]',
    '[data-testid="issue.views.field.user.reporter"]',
  ],
  reporterEmail: ['[data-testid="issue.views.field.user.reporter"] [data-testid$="email"]'],
  status: [
    '[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"] button span',
    '[data-testid*="status-field"]',
  ],
  priority: [
    '[data-testid="issue.views.field.priority.common.ui.inline-read.priority"]',
    '[data-testid*="priority"]',
  ],
  requestType: ['[data-testid*="request-type"]'],
  /** The request's description (the customer's first message). */
  description: [
    '[data-testid="issue.views.field.rich-text.description"]',
    '[data-testid*="request-field-description"]',
  ],
  comment: ['[data-testid^="comment-base-item"]'],
  commentAuthor: ['[data-testid$="author"]'],
  commentBody: ['.ak-renderer-document'],
  commentTime: ['time[datetime]', '[data-testid$="timestamp"]'],
  /** JSM marks internal comments with an "Internal note" lozenge. */
  internalLozenge: ['[data-testid$="internal-lozenge"]'],
  /** Comment editor: ProseMirror (Atlassian editor). */
  editor: ['[data-testid="comment-editor"] .ProseMirror', '.ProseMirror[contenteditable="true"]'],
} as const;
