/**
 * Redmine 5.0 (Debian 12 redmine), checked against pages saved from a real Redmine 5 by
 * scripts/desks/save-fixtures.ts (test/fixtures/redmine). Alternatives in order, most specific first.
 * Source: Redmine 5.0 app/views/issues/show.html.erb, _history.html.erb, _edit.html.erb.
 */
export const selectors = {
  /** Redmine's body classes name the controller and action: the strict marker of an issue page. */
  page: ['body.controller-issues.action-show'],
  issue: ['.issue.details'],
  /** "Support #1" (tracker and number); the URL /issues/N is the fallback. */
  heading: ['#content > h2', 'h2.inline-flex'],
  subject: ['.issue.details .subject h3', '.issue .subject'],
  /** The issue's author is the person who asked. */
  author: ['.issue.details p.author a.user', 'p.author a'],
  status: ['.issue.details .status.attribute .value'],
  priority: ['.issue.details .priority.attribute .value'],
  category: ['.issue.details .category.attribute .value'],
  tracker: ['#content > h2'],
  /** The project is Redmine's queue. */
  project: ['#header h1 .current-project', '#header h1'],
  /** Custom fields: div.cf_<id>.attribute with .label/.value. */
  customFieldRow: ['.issue.details .attributes .attribute[class*="cf_"]'],
  fieldLabel: ['.label'],
  fieldValue: ['.value'],
  description: ['.issue.details .description .wiki'],
  /** Journals with a note; ones that only change fields have no .wiki. */
  journal: ['#history .journal.has-notes', '#history .journal'],
  journalAuthor: ['.note-header a.user', 'h4 a.user'],
  journalTime: ['.note-header a[title]'],
  journalBody: ['.wiki'],
  history: ['#history', '#tab-content-history'],
  /** The edit form is hidden until Edit is clicked. */
  update: ['#update'],
  notes: ['textarea#issue_notes'],
  privateNotes: ['input#issue_private_notes'],
  /** The issue's own fields: the controls of the edit form (issue[...]), custom fields included. */
  editForm: ['form#issue-form'],
  /** Redmine re-renders these controls' part of the form on change (updateIssueFrom, by AJAX). */
  attributes: ['#all_attributes'],
  /** The issue's fields as shown (div.<field>.attribute, custom fields div.<format>_cf.cf_<id>). */
  shownField: ['.issue.details .attributes .attribute'],
} as const;

/**
 * The shown attribute rows by class, and the edit-form control each one is (issue[...]): a user the
 * form does not offer a field to still sees it, so the panel can say it is read-only and why.
 */
export const shownCore: Record<string, { id: string; kind: 'single' | 'person' | 'date' }> = {
  status: { id: 'issue[status_id]', kind: 'single' },
  priority: { id: 'issue[priority_id]', kind: 'single' },
  'assigned-to': { id: 'issue[assigned_to_id]', kind: 'person' },
  category: { id: 'issue[category_id]', kind: 'single' },
  'fixed-version': { id: 'issue[fixed_version_id]', kind: 'single' },
  'start-date': { id: 'issue[start_date]', kind: 'date' },
  'due-date': { id: 'issue[due_date]', kind: 'date' },
};

/** A custom field's kind by its format class (Redmine 5: "<field_format>_cf"); text when unknown. */
export const customFieldKinds: Record<string, 'single' | 'person' | 'date' | 'number' | 'boolean' | 'text'> =
  {
    list: 'single',
    enumeration: 'single',
    version: 'single',
    user: 'person',
    date: 'date',
    int: 'number',
    float: 'number',
    bool: 'boolean',
  };

/** Edit-form controls that are not record fields an agent's template fills (text of the issue itself). */
export const notFields = new Set([
  'issue[subject]',
  'issue[description]',
  'issue[notes]',
  'issue[private_notes]',
  'issue[lock_version]',
  'issue[parent_issue_id]',
  'issue[is_private]',
]);
