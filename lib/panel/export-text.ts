import type { FieldValue } from '../templates/suggestion';
import { type TemplateInfo, valueText } from './model';

/** The template as plain text for the clipboard: one "Label: value" line per field, long text below. */
export function templateAsText(template: TemplateInfo, values: Record<string, FieldValue>): string {
  const lines: string[] = [];
  for (const field of template.fields) {
    const text = valueText(values[field.id] ?? null);
    if (field.kind === 'longText') lines.push(`${field.label}:`, text || '(empty)', '');
    else lines.push(`${field.label}: ${text || '(empty)'}`);
  }
  return `${lines.join('\n').trim()}\n`;
}

/** The template as JSON for pipelines and other tools: ids, not labels. */
export function templateAsJson(
  template: TemplateInfo,
  values: Record<string, FieldValue>,
  ticket: { site: string; ticketKey: string },
): string {
  const fields = Object.fromEntries(template.fields.map((f) => [f.id, values[f.id] ?? null]));
  return JSON.stringify(
    { template: template.id, version: template.version, site: ticket.site, ticket: ticket.ticketKey, fields },
    null,
    2,
  );
}
