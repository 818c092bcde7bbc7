/**
 * Request Tracker 5 (Debian 12 request-tracker5), checked against pages saved from a real RT 5 by
 * scripts/desks/save-fixtures.ts (test/fixtures/rt). Alternatives in order, most specific first.
 * Source: RT 5 share/html/Ticket/Elements/ShowBasics, ShowPeople, ShowHistory (and the saved pages).
 */
export const selectors = {
  /** RT's body id on the ticket page; Update.html (reply/comment) has its own. */
  page: ['body#comp-Ticket-Display', 'body#comp-Ticket-Update'],
  /** The basics box: the only reliable scope for .status/.priority/.queue (used elsewhere too). */
  basics: ['.ticket-info-basics .inline-edit-display', '.ticket-info-basics'],
  /** The Id row of the basics box; the URL's ?id= is the fallback. */
  ticketId: ['.id.form-row .value span', '.id .value'],
  /** The inline-edit input holds the clean subject; the page header has "#1: subject". */
  subject: ['.ticket-info-basics input[name="Subject"]', '#header h1'],
  status: ['.status .current-value'],
  /** RT shows "Medium/Low" (priority/final priority): the first span is the priority itself. */
  priority: ['.priority .current-value .Priority', '.priority .current-value'],
  queue: ['.queue .current-value'],
  /** "Alice Customer <alice@example.org>" as one link per requestor. */
  requestor: [
    '.ticket-info-people .requestors .current-value .user[data-user-id]',
    '.ticket-info-people .requestors .current-value',
  ],
  /** Custom fields box (absent when the queue has none). */
  customFieldRow: ['.ticket-info-cfs .form-row.custom-field', '.ticket-info-cfs .form-row'],
  customFieldLabel: ['.label'],
  customFieldValue: ['.value .current-value', '.value'],
  /** Where Display.html loads the history after the page (/Helpers/TicketHistory?id=N). */
  historyContainer: ['#delayed_ticket_history', '.history.ticket'],
  transaction: ['.history-container .transaction[data-transaction-id]'],
  /** "<user> - Correspondence added" / "Comments added" / "Ticket created". */
  transactionDescription: ['.metadata .description'],
  transactionAuthor: ['.metadata .description .user[data-user-id]'],
  transactionDate: ['.metadata .date'],
  transactionBody: ['.messagebody'],
  /** The editable body of CKEditor 4 on Update.html (textarea#UpdateContent is hidden behind it). */
  replyEditorFrame: ['#cke_UpdateContent iframe.cke_wysiwyg_frame'],
  /** Plain textarea when RT's rich text editor is off (MessageBoxRichText = 0). */
  replyTextarea: ['textarea#UpdateContent'],
  /** Reply vs comment on Update.html: the UpdateType select. */
  updateType: ['select#UpdateType', 'select[name="UpdateType"]'],
  /**
   * Where RT lets the agent edit the record without leaving the ticket: RT 5's inline edit forms on
   * Display.html (basics, custom fields, people), and the reply form on Update.html (status, owner).
   */
  editForms: [
    '.ticket-info-basics form.inline-edit',
    '.ticket-info-cfs form.inline-edit',
    '.ticket-info-people form.inline-edit',
    'form[name="TicketUpdate"]',
  ],
  /** RT prints a field's label in its row: <div class="form-row"><div class="label">Queue:</div>. */
  fieldRow: ['.form-row'],
  fieldLabel: ['.label'],
  /** The box an inline form belongs to, and its edit toggle (RT's own "pencil"). */
  editBox: ['.titlebox'],
  editToggle: ['.inline-edit-toggle.edit'],
  cancelToggle: ['.inline-edit-toggle.cancel'],
  /** The owner as shown (read-only fallback when the agent may not edit). */
  owner: ['.ticket-info-people .owner .current-value', '.owner .value'],
} as const;
