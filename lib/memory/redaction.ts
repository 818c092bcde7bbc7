import type { Settings } from '../settings/schema';

/**
 * Redaction of what the learning loop stores (snippets, evidence, reasons), with the settings in
 * force. Memory never stores text the provider would not have been allowed to see.
 */
const PATTERNS: { key: keyof Settings['redaction']; label: string; re: RegExp }[] = [
  { key: 'email', label: 'EMAIL', re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  { key: 'iban', label: 'IBAN', re: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g },
  { key: 'card', label: 'CARD', re: /\b(?:\d[ -]?){12,18}\d\b/g },
  { key: 'phone', label: 'PHONE', re: /(?<![\w-])\+?\d[\d ().-]{7,}\d(?![\w-])/g },
];

export function redactForMemory(text: string, settings: Pick<Settings, 'redaction'>): string {
  const rules = settings.redaction;
  if (!rules.enabled) return text;
  let out = text;
  for (const { key, label, re } of PATTERNS) if (rules[key]) out = out.replace(re, `[${label}]`);
  for (const custom of rules.custom) {
    try {
      out = out.replace(new RegExp(custom.pattern, 'gi'), `[${custom.name.toUpperCase()}]`);
    } catch {
      // An invalid custom pattern is reported by the settings page; it must not stop recording.
    }
  }
  return out;
}
