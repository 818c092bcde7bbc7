import type { TicketContext } from '../context/ticket-context';
import { ticketText } from '../context/ticket-context';
import type { Settings } from '../settings/schema';
import { BUILTIN_TEMPLATES } from './builtin';
import { parseCustomTemplate } from './custom';
import type { Template } from './define';

/** A custom template that failed validation, with why (shown on the options page). */
export interface TemplateProblem {
  index: number;
  id?: string;
  errors: string[];
}

/** Templates in force for these settings: built-ins minus disabled, plus every valid custom template. */
export function listTemplates(settings: Pick<Settings, 'templates'>): {
  templates: Template[];
  problems: TemplateProblem[];
} {
  const disabled = new Set(settings.templates.disabledBuiltins);
  const templates = BUILTIN_TEMPLATES.filter((t) => !disabled.has(t.id));
  const reserved = BUILTIN_TEMPLATES.map((t) => t.id);
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  settings.templates.custom.forEach((json, index) => {
    const result = parseCustomTemplate(json, reserved);
    const id = (json as { id?: unknown } | null)?.id;
    if (!result.ok) {
      problems.push({ index, ...(typeof id === 'string' ? { id } : {}), errors: result.errors });
    } else if (seen.has(result.template.id)) {
      problems.push({ index, id: result.template.id, errors: [`id: "${result.template.id}" is used twice`] });
    } else {
      seen.add(result.template.id);
      templates.push(result.template);
    }
  });
  return { templates, problems };
}

export function getTemplate(settings: Pick<Settings, 'templates'>, id: string): Template | undefined {
  return listTemplates(settings).templates.find((t) => t.id === id);
}

/** A built-in by id whatever the settings say (tests, the local OpenAI server). */
export function builtinTemplate(id: string): Template | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id);
}

function countHits(text: string, words: readonly string[]): number {
  let hits = 0;
  for (const w of words) {
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = /^\w/.test(w) ? new RegExp(`\\b${escaped}`, 'gi') : new RegExp(escaped, 'gi');
    hits += text.match(re)?.length ?? 0;
  }
  return hits;
}

/**
 * Rank templates for a ticket (best first) for the panel's picker. Keyword hits in the customer's
 * messages decide; triage wins ties because every ticket needs it.
 */
export function suggestTemplate(templates: readonly Template[], context?: TicketContext): Template[] {
  if (!context) return [...templates];
  const text = ticketText(context);
  const scored = templates.map((t, order) => {
    const keywords = t.keywords ?? [];
    // Normalized so a template with many keywords does not win by listing more words.
    const score = keywords.length ? countHits(text, keywords) / Math.sqrt(keywords.length) : 0;
    return { t, score: t.id === 'triage' ? Math.max(score, 0.25) : score, order };
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.t);
}
