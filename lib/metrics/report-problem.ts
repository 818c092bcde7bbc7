import { type RedactionRules, Redactor } from '../redact/redact';
import type { FieldValue, Suggestion } from '../templates/suggestion';

/**
 * "Report a problem with this template" (issue #9): the template, the suggestion and the agent's note go
 * to the template's accountable owner, as a mailto link when the owner's contact is an e-mail address,
 * else as text to copy. Everything that came from the ticket (values, the note) passes through the
 * caller's redaction first (lib/redact with the settings in force): nothing unredacted leaves the panel.
 */

/** The accountable owner of a template (settings.templates.owners or policy). */
export interface TemplateOwner {
  name: string;
  contact: string;
}

export interface ProblemReportInput {
  template: { id: string; name?: string; version?: number };
  owner?: TemplateOwner;
  suggestion?: Pick<Suggestion, 'fields' | 'provider' | 'id'>;
  /** The agent's values at the time of the report, when they differ from the suggestion. */
  values?: Record<string, FieldValue>;
  note: string;
  /** Redaction with the settings in force; applied to every value and the note. */
  redact: (text: string) => string;
  extensionVersion?: string;
}

export interface ProblemReport {
  subject: string;
  /** The whole report, for copying. */
  text: string;
  /** A mailto: link when the owner has an e-mail address (body shortened to fit mail clients). */
  mailto?: string;
}

/** Mail clients and browsers cut long mailto: URLs; keep well under the usual 2,000 characters. */
const MAILTO_MAX = 1800;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

function show(value: FieldValue | undefined, redact: (t: string) => string): string {
  if (value === null || value === undefined) return '(none)';
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return redact(text).replace(/\s+/g, ' ').slice(0, 300);
}

/** Build the report. Pure: the caller opens the link or copies the text (see deliverReport). */
export function buildProblemReport(input: ProblemReportInput): ProblemReport {
  const { template, owner, suggestion, values, redact } = input;
  const name = template.name ?? template.id;
  const subject = `Deskmate: problem with template "${name}"`;
  const lines = [
    `Template: ${name} (${template.id}${template.version !== undefined ? ` v${template.version}` : ''})`,
    owner ? `Owner: ${owner.name} <${owner.contact}>` : 'Owner: not set',
  ];
  if (input.extensionVersion) lines.push(`Deskmate: v${input.extensionVersion}`);
  lines.push('', 'Note from the agent:', redact(input.note.trim()) || '(no note)');
  if (suggestion) {
    lines.push(
      '',
      `Suggestion ${suggestion.id} (${suggestion.provider.kind}, ${suggestion.provider.model}):`,
    );
    for (const [field, state] of Object.entries(suggestion.fields)) {
      const kept = values && field in values ? values[field] : undefined;
      const changed = kept !== undefined && show(kept, redact) !== show(state.value, redact);
      lines.push(
        `- ${field} [${state.status}, ${Math.round(state.confidence * 100)}%]: ${show(state.value, redact)}` +
          (changed ? ` -> agent: ${show(kept, redact)}` : ''),
      );
    }
  }
  lines.push('', 'Personal data was redacted before this report was written.');
  const text = lines.join('\n');
  const report: ProblemReport = { subject, text };
  if (owner && EMAIL.test(owner.contact.trim())) {
    const base = `mailto:${encodeURIComponent(owner.contact.trim())}?subject=${encodeURIComponent(subject)}&body=`;
    const suffix = '\n…(shortened: the full report was copied, paste it here)';
    let body = text;
    let keep = text.length;
    while (base.length + encodeURIComponent(body).length > MAILTO_MAX && keep > 0) {
      keep = Math.floor(keep * 0.9);
      body = text.slice(0, keep) + suffix;
    }
    report.mailto = base + encodeURIComponent(body);
  }
  return report;
}

/** Open the mailto: link when there is one; always copy the full text too (nothing is cut off). */
export async function deliverReport(
  report: ProblemReport,
  io: { openUrl: (url: string) => void; copy: (text: string) => Promise<void> },
): Promise<'mailto' | 'copied'> {
  await io.copy(`${report.subject}\n\n${report.text}`);
  if (report.mailto) {
    io.openUrl(report.mailto);
    return 'mailto';
  }
  return 'copied';
}

/** The owner of a template from settings (policy-merged), if any. */
export function ownerOf(
  templateId: string,
  owners: Record<string, TemplateOwner> | undefined,
): TemplateOwner | undefined {
  return owners?.[templateId];
}

/**
 * The panel's one call for "report a problem": redact with the settings' rules (switched on even when
 * the user turned redaction off for prompts: a report leaves through mail or the clipboard), build,
 * copy, and open the mail app when the owner has an address.
 */
export function reportProblem(
  input: Omit<ProblemReportInput, 'redact'> & { redaction: RedactionRules },
  io: { openUrl: (url: string) => void; copy: (text: string) => Promise<void> },
): Promise<'mailto' | 'copied'> {
  const { redaction, ...rest } = input;
  const redactor = new Redactor({ ...redaction, enabled: true });
  return deliverReport(buildProblemReport({ ...rest, redact: (t) => redactor.redact(t) }), io);
}
