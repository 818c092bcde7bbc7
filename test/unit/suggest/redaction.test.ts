import { describe, expect, test } from 'vitest';
import { cardNumbers, ibanValid, luhn } from '../../../lib/engine/extractors';
import { Redactor, redactContext } from '../../../lib/redact/redact';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { demoContext } from './demo-context';

const rules = DEFAULT_SETTINGS.redaction;

describe('redaction', () => {
  test('e-mails, phones, Luhn-valid cards and mod-97-valid IBANs get stable placeholders', () => {
    const r = new Redactor(rules);
    const out = r.redact(
      'Mail a.b@example.com or call +49 151 23456789. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00. Again a.b@example.com.',
    );
    expect(out).toBe('Mail [EMAIL_1] or call [PHONE_1]. Card [CARD_1], IBAN [IBAN_1]. Again [EMAIL_1].');
    expect(r.restore(out)).toContain(
      'a.b@example.com or call +49 151 23456789. Card 4111 1111 1111 1111, IBAN DE89',
    );
  });

  test('checksums keep order numbers and invalid numbers out', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(cardNumbers('card 4111 1111 1111 1112')).toEqual([]);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE00370400440532013000')).toBe(false);
    const r = new Redactor(rules);
    expect(r.redact('order #A-10482, IBAN DE00 3704 0044 0532 0130 00')).toBe(
      'order #A-10482, IBAN DE00 3704 0044 0532 0130 00',
    );
  });

  test('national ids: US SSN, Spanish DNI with its check letter, Italian codice fiscale', () => {
    const r = new Redactor(rules);
    expect(r.redact('SSN 123-45-6789, DNI 12345678Z, CF RSSMRA85T10A562S, not DNI 12345678A')).toBe(
      'SSN [ID_1], DNI [ID_2], CF [ID_3], not DNI 12345678A',
    );
  });

  test('custom patterns from settings; invalid ones are reported, not fatal', () => {
    const r = new Redactor({
      ...rules,
      custom: [
        { name: 'customer id', pattern: 'CUST-\\d{6}' },
        { name: 'broken', pattern: '([' },
      ],
    });
    expect(r.redact('Customer CUST-123456 writes')).toBe('Customer [CUSTOMER_ID_1] writes');
    expect(r.invalidPatterns).toEqual(['broken']);
  });

  test('off means off; each rule can be turned off', () => {
    expect(new Redactor({ ...rules, enabled: false }).redact('a@b.com')).toBe('a@b.com');
    expect(new Redactor({ ...rules, email: false }).redact('a@b.com +420 601 123 456')).toBe(
      'a@b.com [PHONE_1]',
    );
  });

  test('a whole context: messages, subject, fields and the requester e-mail; restoreDeep puts values back', () => {
    const { context, redactor } = redactContext(demoContext(1009), rules);
    const text = JSON.stringify(context);
    expect(text).not.toContain('DE89 3704');
    expect(text).not.toContain('601 123 456');
    expect(text).not.toContain('eva.novak@example.cz');
    expect(redactor.restoreDeep({ a: ['[IBAN_1]'], b: 'call [PHONE_1]', c: 3 })).toEqual({
      a: ['DE89 3704 0044 0532 0130 00'],
      b: 'call +420 601 123 456',
      c: 3,
    });
  });
});
