import { describe, expect, test } from 'vitest';
import { fold, foldText, keywordPattern } from '@/lib/escalation/fold';

const matches = (keyword: string, text: string) =>
  new RegExp(keywordPattern(keyword), 'u').test(foldText(text));

describe('folding', () => {
  test('folds case, accents, ß, ligatures and invisible characters', () => {
    expect(foldText('Anwältin STRAßE Œuvre ﬁle')).toBe('anwaltin strasse oeuvre file');
    expect(foldText('la\u200Bw\u00ADyer')).toBe('lawyer');
    expect(foldText('Ana\u0308')).toBe('ana');
  });

  test('folds Cyrillic and Greek look-alikes into Latin letters', () => {
    expect(foldText('lаwyеr')).toBe('lawyer'); // Cyrillic а and е
    expect(foldText('Αttοrney')).toBe('attorney'); // Greek Α and ο
  });

  test('keeps, for every folded character, where it came from', () => {
    const f = fold('Straße é');
    expect(f.text).toBe('strasse e');
    expect(f.origin).toEqual([0, 1, 2, 3, 4, 4, 5, 6, 7, 8]);
    expect(fold('ＬＡＷ').text).toBe('law');
    // Plain ASCII folds one to one: no index map needed.
    expect(fold('Sue\tME')).toEqual({ text: 'sue me', origin: undefined });
  });
});

describe('keywords', () => {
  test('match whole words only: "sue" is not in "issue" or "pursue"', () => {
    expect(matches('sue', 'I will sue you')).toBe(true);
    expect(matches('sue', 'SUE!')).toBe(true);
    expect(matches('sue', 'There is an issue with my order')).toBe(false);
    expect(matches('sue', 'I will pursue this')).toBe(false);
    expect(matches('sue', 'Suez canal delay')).toBe(false);
    expect(matches('court', 'thanks for the courtesy')).toBe(false);
  });

  test('a trailing * matches a stem', () => {
    expect(matches('abogad*', 'hablaré con mis abogados')).toBe(true);
    expect(matches('lawyer*', 'my lawyers')).toBe(true);
    expect(matches('lawyer', 'my lawyers')).toBe(false);
  });

  test('phrases allow any separator between words', () => {
    expect(matches('data protection authority', 'the Data-Protection\nAuthority')).toBe(true);
    expect(matches('legal action', 'legalaction')).toBe(false);
  });

  test('multilingual folding: es, de, fr', () => {
    expect(matches('accion legal', 'Iniciaré una ACCIÓN LEGAL')).toBe(true);
    expect(matches('rechtsanwalt*', 'meine Rechtsanwältin')).toBe(true);
    expect(matches('anwaltin*', 'meine Anwältin')).toBe(true);
    expect(matches('datenschutzbehorde*', 'an die Datenschutzbehörde')).toBe(true);
    expect(matches('avocat*', 'mon avocate')).toBe(true);
    expect(matches('mise en demeure', 'Voici une MISE EN DEMEURE')).toBe(true);
  });

  test('rejects a keyword with no letters', () => {
    expect(() => keywordPattern('***')).toThrow(/no letters/);
  });
});
