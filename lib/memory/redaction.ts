import { Redactor } from '../redact/redact';
import type { Settings } from '../settings/schema';

/**
 * Redaction of what the learning loop stores (snippets, evidence, reasons), with the rules in force
 * (lib/redact, the same rules as for prompts). Memory never stores ticket text a remote provider
 * would not have been allowed to see, and exported team packs carry placeholders, not people.
 */
export function redactForMemory(text: string, settings: Pick<Settings, 'redaction'>): string {
  return new Redactor(settings.redaction).redact(text);
}
