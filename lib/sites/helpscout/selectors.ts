/**
 * Help Scout conversation view. Sources: ../shared/reference/README.md
 * (`[aria-label="Conversation Subject"]`, `[data-cy="Tag"]`, from public extensions); thread markup
 * assumed (`data-cy` names); fixture reconstructed.
 */
export const selectors = {
  subject: ['[aria-label="Conversation Subject"]'],
  number: ['[data-cy="ConversationNumber"]'],
  customerName: ['[data-cy="CustomerName"]', '.c-customer-profile__name'],
  customerEmail: ['[data-cy="CustomerEmail"]'],
  status: ['[data-cy="StatusButton"]'],
  mailbox: ['[data-cy="MailboxName"]'],
  tag: ['[data-cy="Tag"]'],
  thread: ['[data-cy="ThreadItem"]'],
  threadAuthor: ['[data-cy="ThreadAuthor"]'],
  threadBody: ['[data-cy="ThreadBody"]'],
  threadTime: ['time[datetime]'],
  note: ['.is-note'],
  agentReply: ['.is-reply'],
  editor: ['[data-cy="ReplyEditor"] [contenteditable="true"]'],
} as const;
