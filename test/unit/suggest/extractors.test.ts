import { describe, expect, test } from 'vitest';
import {
  amounts,
  dates,
  emails,
  language,
  orderNumbers,
  phones,
  riskCues,
  sentiment,
  urls,
} from '../../../lib/engine/extractors';

const values = <T>(hits: { value: T }[]) => hits.map((h) => h.value);

describe('extractors', () => {
  test('order and ticket numbers', () => {
    expect(values(orderNumbers('order #A-10482 and A-10517, ticket #123456, not 2026-11-03'))).toEqual([
      'A-10482',
      'A-10517',
      '123456',
    ]);
  });

  test('amounts with currency in the usual spellings', () => {
    expect(
      values(amounts('€89.99, 149.00 USD, 38,90 €, $212.40, EUR 64.50, 2,499.00 USD, 1.234,56 €')),
    ).toEqual([
      { amount: 89.99, currency: 'EUR' },
      { amount: 149, currency: 'USD' },
      { amount: 38.9, currency: 'EUR' },
      { amount: 212.4, currency: 'USD' },
      { amount: 64.5, currency: 'EUR' },
      { amount: 2499, currency: 'USD' },
      { amount: 1234.56, currency: 'EUR' },
    ]);
    expect(amounts('120 seats, version 4.2.1')).toEqual([]);
  });

  test('dates: ISO, day-first in several languages, month-first; the quote is exact', () => {
    const hits = dates(
      '12 October 2026, 3 November, 15 de noviembre, 2026-11-03, October 5, 2026, 1. Dezember',
    );
    expect(values(hits)).toEqual(['2026-10-12', '--11-03', '--11-15', '2026-11-03', '2026-10-05', '--12-01']);
    expect(hits[2]?.quote).toBe('15 de noviembre');
  });

  test('phones, but not card numbers, IBAN fragments or ISO dates', () => {
    expect(values(phones('call +49 151 23456789 or (555) 123-4567'))).toEqual([
      '+4915123456789',
      '5551234567',
    ]);
    expect(phones('card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, on 2026-11-17')).toEqual([]);
  });

  test('e-mails and URLs', () => {
    expect(values(emails('write to Maya.L@example.com.'))).toEqual(['maya.l@example.com']);
    expect(values(urls('see https://status.example.com/incidents/42.'))).toEqual([
      'https://status.example.com/incidents/42',
    ]);
  });

  test('language by stop words: en, es, de, fr, it, pt', () => {
    expect(language('Hi, I ordered a pair of shoes and the tracking page is not updated.')?.value).toBe('en');
    expect(language('Hola, mi pedido llegó incompleto y pagué por las tazas.')?.value).toBe('es');
    expect(language('Ich habe die Bestellung nicht erhalten und das Paket ist weg.')?.value).toBe('de');
    expect(language("Bonjour, je n'ai pas reçu ma commande et le colis est perdu.")?.value).toBe('fr');
    expect(language('Buongiorno, non ho ricevuto il mio ordine e il pacco della spedizione.')?.value).toBe(
      'it',
    );
    expect(language('Olá, não recebi a minha encomenda e o pacote para casa.')?.value).toBe('pt');
    expect(language('ok')).toBeUndefined();
  });

  test('sentiment and risk cues carry their quotes', () => {
    const s = sentiment('This is absolutely unacceptable. Worst customer service ever!!');
    expect(s.value).toBe('negative');
    expect(s.evidence.map((e) => e.quote)).toContain('unacceptable');
    expect(sentiment('Thank you so much, great help').value).toBe('positive');
    expect(riskCues('my attorney will file a lawsuit').map((r) => [r.category, r.quote])).toEqual([
      ['legal', 'attorney'],
      ['legal', 'lawsuit'],
    ]);
  });
});
