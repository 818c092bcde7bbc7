/** Selectors of the demo desk (test/demo-desk/server.mjs), alternatives in order. */
export const selectors = {
  /** The generator meta tag is the desk's own marker. */
  marker: ['meta[name="generator"][content="Deskmate Demo Desk"]'],
  ticket: ['main.ticket[data-ticket-id]'],
  subject: ['.ticket-subject'],
  requesterName: ['.requester .requester-name'],
  requesterEmail: ['.requester .requester-email'],
  status: ['select#field-status'],
  priority: ['select#field-priority'],
  /** The ticket's own fields: every control of this form is one (its options are the desk's). */
  fieldsForm: ['form#props'],
  queue: ['dd.queue'],
  /** Present while the thread is still loading (?late). */
  threadLoading: ['#thread[data-loading]'],
  thread: ['#thread'],
  message: ['#thread article.message'],
  messageAuthor: ['.author'],
  messageTime: ['time[datetime]'],
  messageBody: ['.body'],
  reply: ['textarea#reply'],
  internalNote: ['textarea#internal-note'],
} as const;
