import { describe, expect, test } from 'vitest';
import { cueScore, IMPACT_CUE, mostRelevant, PROBLEM_CUE, withoutGreeting } from '@/lib/engine/salient';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { runSuggestion } from '@/lib/suggest/pipeline';
import { demoContext } from '../suggest/demo-context';

describe('the sentence that says the most, not the first one', () => {
  test('a refund reason in four languages, whatever the product', () => {
    const cases: [string[], string][] = [
      [
        [
          'Hello team,',
          'I bought a kettle from you in May.',
          'The lid is cracked and it leaks everywhere.',
          'Thanks, Jo',
        ],
        'The lid is cracked and it leaks everywhere.',
      ],
      [
        [
          'Guten Tag,',
          'ich habe letzte Woche einen Rucksack bestellt.',
          'Leider ist der Reißverschluss kaputt.',
        ],
        'Leider ist der Reißverschluss kaputt.',
      ],
      [
        [
          'Buenas tardes.',
          'Compré unas botas en su tienda.',
          'Me llegaron dañadas y la talla es incorrecta.',
        ],
        'Me llegaron dañadas y la talla es incorrecta.',
      ],
      [['Bonjour,', "J'ai commandé une chaise.", 'Elle est arrivée cassée.'], 'Elle est arrivée cassée.'],
    ];
    for (const [sentences, reason] of cases) expect(mostRelevant(sentences, PROBLEM_CUE)).toBe(reason);
  });

  test('the sentence with more markers wins over an earlier weaker one; "because" adds to a problem only', () => {
    expect(cueScore('I want to return it because I like it.', PROBLEM_CUE)).toBe(0);
    expect(cueScore('I return it because it is broken.', PROBLEM_CUE)).toBeGreaterThan(
      cueScore('It is broken.', PROBLEM_CUE),
    );
    expect(
      mostRelevant(['The box was wrong.', 'The screen is cracked and the speaker is damaged.'], PROBLEM_CUE),
    ).toBe('The screen is cracked and the speaker is damaged.');
    // A stem must start a word: "dent" does not match inside "student".
    expect(cueScore('Our student account', PROBLEM_CUE)).toBe(0);
  });

  test('impact: who is blocked and what is at stake', () => {
    expect(
      mostRelevant(
        [
          'Hi,',
          'Since Monday the VPN drops.',
          'Twelve colleagues in accounting are blocked before the deadline.',
        ],
        IMPACT_CUE,
      ),
    ).toBe('Twelve colleagues in accounting are blocked before the deadline.');
    expect(
      mostRelevant(
        ['Hallo,', 'Der Drucker ist offline.', 'Niemand kann heute Rechnungen drucken.'],
        IMPACT_CUE,
      ),
    ).toBe('Niemand kann heute Rechnungen drucken.');
    expect(mostRelevant(['Thanks for the quick reply.'], IMPACT_CUE)).toBeUndefined();
  });

  test('a greeting in front of the sentence is not part of the value', () => {
    expect(withoutGreeting('Hello, the jug arrived cracked.')).toBe('The jug arrived cracked.');
    expect(withoutGreeting('Buenas tardes, llegó roto.')).toBe('Llegó roto.');
    expect(withoutGreeting('Dear support team, it is broken.')).toBe('It is broken.');
    expect(withoutGreeting('Hi!')).toBe('Hi!');
    expect(withoutGreeting('High temperatures broke it.')).toBe('High temperatures broke it.');
  });

  test('in a template: no such sentence leaves the field missing with why', async () => {
    const context = {
      ...demoContext(1002),
      messages: [
        { author: 'Kim', role: 'customer' as const, text: 'Hello. Please refund order A-10517. Thanks!' },
      ],
    };
    const s = await runSuggestion({ context, templateId: 'refund-request' }, { settings: DEFAULT_SETTINGS });
    expect(s.fields.reason).toMatchObject({
      status: 'missing',
      note: 'No sentence in the ticket says what is wrong.',
    });
    expect(s.fields.reason?.question).toBeTruthy();
  });
});
