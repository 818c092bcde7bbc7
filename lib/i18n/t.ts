import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

/**
 * UI strings go through the browser's i18n (public/_locales/<lang>/messages.json, issue #18), so the
 * language follows the browser's, like the browser's own UI. English is the default locale: the
 * browser falls back to it for a key a translation lacks, and so does t() below when the API gives
 * nothing (a test's fake browser, or a page where the API is missing), so a string is never blank.
 */

/** A message name from en/messages.json: a typo or a removed key is a type error, not a blank label. */
export type MessageKey = keyof typeof en;

/** One entry of a messages.json file, in the browser's format. */
export interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Substitutions = string | number | readonly (string | number)[];

function asList(substitutions?: Substitutions): string[] {
  if (substitutions === undefined) return [];
  return (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
}

/**
 * A message with its substitutions, as the browser renders it: `$name$` takes its placeholder's
 * content, `$1`..`$9` the substitutions, `$$` is a dollar sign. One pass, so a substituted value that
 * contains a `$` is left as it is.
 */
export function formatMessage(entry: LocaleMessage, substitutions?: Substitutions): string {
  const subs = asList(substitutions);
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const positional = (text: string) =>
    text.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
  return entry.message.replace(/\$([A-Za-z_@][A-Za-z0-9_@]*)\$|\$(\$|[1-9])/g, (whole, name?: string) => {
    if (name === undefined) return positional(whole);
    const content = placeholders.get(name.toLowerCase());
    return content === undefined ? '' : positional(content);
  });
}

const english: Partial<Record<string, LocaleMessage>> = en;

/** The English text of a key, substituted: the fallback, and what tests compare with ('' if unknown). */
export function englishMessage(key: MessageKey, substitutions?: Substitutions): string {
  const entry = english[key];
  return entry ? formatMessage(entry, substitutions) : '';
}

/** The UI string for `key` in the browser's language, with `substitutions` for its placeholders. */
export function t(key: MessageKey, substitutions?: Substitutions): string {
  let text: string | undefined;
  try {
    // WXT types getMessage from the last `wxt prepare`; MessageKey is read from the file itself.
    const getMessage = browser.i18n?.getMessage as
      | ((name: string, substitutions?: string[]) => string)
      | undefined;
    text = getMessage?.(key, asList(substitutions));
  } catch {
    // No i18n API here (a test's fake browser): English below.
  }
  return text || englishMessage(key, substitutions);
}

/** One key for one, another for any other count (English needs no more; de and es neither, for these). */
export function plural(
  count: number,
  one: MessageKey,
  other: MessageKey,
  more: (string | number)[] = [],
): string {
  return t(count === 1 ? one : other, [count, ...more]);
}

/**
 * The language of the text shown ("en", "de", "es"), for the page's lang attribute and for dates: the
 * locale the browser picked its messages from, which is English for a language Deskmate lacks. (The
 * browser's own UI language can differ: a French browser shows English text, which must be marked en.)
 */
export function textLanguage(): string {
  return t('meta_language');
}

/**
 * The page's language and title as the messages give them: screen readers pick their voice from `lang`,
 * and the static HTML says English until the script runs.
 */
export function localizeDocument(doc: Document, title?: MessageKey): void {
  doc.documentElement.lang = textLanguage();
  if (title) doc.title = t(title);
}
