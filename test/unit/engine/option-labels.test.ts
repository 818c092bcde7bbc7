import { describe, expect, test } from 'vitest';
import type { DeskField, TicketContext } from '@/lib/context/ticket-context';
import { CATEGORY_LEXICON } from '@/lib/engine/category-lexicon';
import { byOptionLabels, stem } from '@/lib/engine/option-labels';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { runSuggestion } from '@/lib/suggest/pipeline';

// Two desks that are not the fixtures': an IT desk with English queue names, a shop with German ones.
const IT = ['Network', 'Printing', 'Access', 'Email', 'Hardware', 'Software'];
const SHOP = ['Rechnung', 'Versand', 'Erstattung', 'Sonstiges'];

const pick = (options: readonly string[], text: string) => byOptionLabels(options, text)?.value;

describe('option names across languages (the cold start before any correction)', () => {
  test("a ticket in German, Spanish or French finds the English option by the category's own word", () => {
    expect(pick(IT, 'Hallo, der Drucker im Flur zieht kein Papier mehr ein.')).toBe('Printing');
    expect(pick(IT, 'La impresora de recepción no imprime nada.')).toBe('Printing');
    expect(pick(IT, "L'imprimante du deuxième étage est bloquée.")).toBe('Printing');
    expect(pick(IT, 'No tengo acceso a la carpeta compartida de ventas.')).toBe('Access');
    expect(pick(IT, 'Ich brauche Zugriff auf das Laufwerk der Buchhaltung.')).toBe('Access');
    expect(pick(IT, 'Desde ayer no recibo ningún correo de los clientes.')).toBe('Email');
    expect(pick(IT, 'Das Netzwerk im Lager ist seit heute morgen weg.')).toBe('Network');
  });

  test('an English ticket finds a German option, and a shop desk works like an IT desk', () => {
    expect(pick(SHOP, 'I was charged twice, please send a corrected invoice.')).toBe('Rechnung');
    expect(pick(SHOP, 'My refund has not arrived yet.')).toBe('Erstattung');
    expect(pick(SHOP, '¿Cuándo sale el envío de mi paquete?')).toBe('Versand');
    expect(pick(SHOP, 'Je voudrais un remboursement pour la commande 4411.')).toBe('Erstattung');
  });

  test('German compounds: the label word at the end of a longer word, not only at its start', () => {
    const field = byOptionLabels(IT, 'Der Farbdrucker im zweiten Stock streikt.');
    expect(field?.value).toBe('Printing');
    // The evidence is the ticket's own word, so grounding can find it.
    expect(field?.evidence).toEqual(['Farbdrucker']);
    expect(pick(IT, 'Fernzugriff von zuhause klappt nicht.')).toBe('Access');
    // Too short a tail is not a compound: "Netz" alone does not reach into other words.
    expect(pick(['Network', 'Software'], 'Das Kabelnetzteil ist kaputt.')).toBeUndefined();
  });

  test('the lexicon does not guess: a word that only belongs to a category is left to the learner', () => {
    // A password is not "access" in any language: no option is chosen from it.
    expect(pick(IT, 'Olvidé mi contraseña y no puedo entrar.')).toBeUndefined();
    // A VPN or a toner is not the word "network" or "printing".
    expect(pick(IT, 'Der VPN-Client verbindet sich nicht mehr.')).toBeUndefined();
    expect(pick(IT, 'Toner leer, bitte neuen bringen.')).toBeUndefined();
  });

  test('a password option is found by the words for password', () => {
    const options = ['Password reset', 'Hardware', 'Other'];
    expect(pick(options, 'Olvidé mi contraseña y no puedo entrar.')).toBe('Password reset');
    expect(pick(options, 'Mein Kennwort ist abgelaufen.')).toBe('Password reset');
  });

  test('false friends count only in their language', () => {
    // Spanish "red" (network) is the English colour.
    expect(pick(IT, 'The red light on my screen keeps blinking.')).toBeUndefined();
    expect(pick(IT, 'La red de la oficina no funciona desde esta mañana.')).toBe('Network');
    // "drücken" (press a key) is not "drucken" (print), though both fold to the same letters.
    expect(stem('drücken')).not.toBe(stem('drucken'));
    expect(pick(IT, 'Ich muss immer F9 drücken, damit die Formeln rechnen.')).toBeUndefined();
  });

  test('English tickets still find English options as before', () => {
    expect(pick(IT, 'The printer on floor 2 prints blank pages.')).toBe('Printing');
    expect(pick(IT, 'I need access to the finance share.')).toBe('Access');
    expect(pick(IT, 'Nothing works, please call me.')).toBeUndefined();
  });

  test('every lexicon word folds to a usable stem and no stem names two concepts', () => {
    const concepts = new Map<string, string>();
    for (const group of CATEGORY_LEXICON) {
      for (const words of Object.values(group.words)) {
        for (const word of words.split(' ')) {
          for (const [w] of word.replace(/\*$/, '').matchAll(/[\p{L}\p{N}]+/gu)) {
            if (w.length < 3) continue;
            const s = stem(w);
            expect(s.length, w).toBeGreaterThanOrEqual(3);
            const seen = concepts.get(s);
            if (seen) expect(seen, `${w} (${s})`).toBe(group.concept);
            concepts.set(s, group.concept);
          }
        }
      }
    }
  });
});

describe('through the suggestion pipeline', () => {
  const queue: DeskField = {
    id: 'queue',
    label: 'Queue',
    kind: 'single',
    writable: true,
    options: IT.map((o) => ({ value: o.toLowerCase(), label: o })),
  };
  const context = (text: string): TicketContext => ({
    site: 'rt',
    ticketKey: '1',
    url: 'http://127.0.0.1/Ticket/Display.html?id=1',
    subject: '',
    fields: {},
    messages: [{ author: 'C', role: 'customer', text }],
    unreadable: [],
    deskFields: [queue],
    readAt: 0,
  });

  test('a German ticket gets the English queue, grounded on its own word, at low confidence', async () => {
    const suggestion = await runSuggestion(
      {
        context: context('Guten Morgen, unser Netzwerkdrucker druckt nur noch Streifen. Gruß, Jana'),
        templateId: 'triage',
      },
      { settings: { ...DEFAULT_SETTINGS, learning: { ...DEFAULT_SETTINGS.learning, enabled: false } } },
    );
    const category = suggestion.fields.category;
    expect(category?.value).toBe('Printing');
    expect(category?.confidence).toBeLessThan(0.5);
    expect(category?.evidence?.length).toBeGreaterThan(0);
  });
});
