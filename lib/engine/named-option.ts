import { foldLabel } from '../sites/fields';

/**
 * The desk's option for a value the local engine computed in its own terms (a language code, a
 * sentiment), when the desk names its options its own way: "English" or "Deutsch" for `en`/`de`,
 * "Negativ" or "Négatif" for `negative`. Undefined when the desk offers nothing that means it.
 */

/** A language code's option: the code itself, or the language's name in a few UI languages or its own. */
export function languageOption(options: readonly string[], code: string): string | undefined {
  const names = new Set([foldLabel(code)]);
  for (const ui of ['en', 'de', 'es', 'fr', 'it', 'pt', code]) {
    try {
      const name = new Intl.DisplayNames([ui], { type: 'language' }).of(code);
      if (name && name !== code) names.add(foldLabel(name));
    } catch {
      // A code Intl does not know ("other") has no names: only the code itself matches.
    }
  }
  return options.find((o) => names.has(foldLabel(o)));
}

/**
 * A word's option in a European language: the same label, or one sharing its first five letters
 * ("negative" → Negativ, Negativo, Négatif; "neutral" → Neutre, Neutro).
 */
export function cognateOption(options: readonly string[], word: string): string | undefined {
  const w = foldLabel(word);
  return (
    options.find((o) => foldLabel(o) === w) ??
    (w.length >= 5 ? options.find((o) => foldLabel(o).slice(0, 5) === w.slice(0, 5)) : undefined)
  );
}
