/**
 * ServiceNow classic UI (UI16): the record form lives inside `iframe#gsft_main` (same origin), field
 * ids are `<table>.<field>`, reference fields show their value in `sys_display.<table>.<field>`, and
 * the activity stream lists `li.h-card` items. Sources: ../shared/reference/README.md and ServiceNow's
 * documented form markup; fixture reconstructed. Suffix selectors keep any table (incident, case...).
 */
export const selectors = {
  /** The navigation frame's content frame; when the form is opened directly there is none. */
  frame: ['iframe#gsft_main'],
  form: ['form[id$=".do"]', 'form#incident\\.do'],
  number: ['input[id$=".number"]:not([type="hidden"])', '[id^="sys_readonly."][id$=".number"]'],
  shortDescription: ['input[id$=".short_description"]'],
  caller: ['input[id^="sys_display."][id$=".caller_id"]', 'input[id^="sys_display."][id$=".contact"]'],
  callerEmail: ['input[id^="sys_display."][id$=".caller_id"]@data-email', 'input[id$=".u_email"]'],
  state: ['select[id$=".state"]'],
  priority: ['select[id$=".priority"]'],
  assignmentGroup: ['input[id^="sys_display."][id$=".assignment_group"]'],
  description: ['textarea[id$=".description"]'],
  /** Activity: additional comments (customer-visible) and work notes (internal). */
  activity: ['li.h-card'],
  activityAuthor: ['.sn-card-component-createdby'],
  activityBody: ['.sn-widget-textblock-body'],
  activityTime: ['.date-calendar'],
  workNote: ['.h-card_work_notes'],
  comments: ['textarea#activity-stream-comments-textarea', 'textarea[id$=".comments"]'],
  workNotes: ['textarea#activity-stream-work_notes-textarea', 'textarea[id$=".work_notes"]'],
} as const;
