import { describe, expect, test } from 'vitest';
import { cognateOption, languageOption } from '@/lib/engine/named-option';

describe('the desk’s own option for a value the engine computed', () => {
  test('a language code finds the option named after the language, in the desk’s language', () => {
    expect(languageOption(['English', 'German', 'Other'], 'de')).toBe('German');
    expect(languageOption(['Englisch', 'Deutsch', 'Französisch'], 'fr')).toBe('Französisch');
    expect(languageOption(['Inglés', 'Alemán', 'Español'], 'es')).toBe('Español');
    expect(languageOption(['fr', 'de'], 'de')).toBe('de');
    // Its own name counts too: a desk listing languages as their speakers write them.
    expect(languageOption(['English', 'Deutsch', 'Español'], 'es')).toBe('Español');
  });

  test('no option that means the language: none (the caller may take the desk’s "Other")', () => {
    expect(languageOption(['English', 'German'], 'pt')).toBeUndefined();
    expect(cognateOption(['English', 'Other'], 'other')).toBe('Other');
  });

  test('a sentiment finds its cognate in the desk’s words, never an unrelated option', () => {
    expect(cognateOption(['Positiv', 'Neutral', 'Negativ'], 'negative')).toBe('Negativ');
    expect(cognateOption(['Positif', 'Neutre', 'Négatif'], 'neutral')).toBe('Neutre');
    expect(cognateOption(['Bueno', 'Malo'], 'negative')).toBeUndefined();
    expect(cognateOption(['Angry', 'Calm'], 'negative')).toBeUndefined();
  });
});
