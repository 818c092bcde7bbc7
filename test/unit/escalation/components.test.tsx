import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { EdgeCases } from '@/components/escalation/EdgeCases';
import { EscalationBanner, type EscalationBannerProps } from '@/components/escalation/EscalationBanner';
import type { EdgeItem, EscalationFlag } from '@/lib/escalation/rules';
import { mountEach } from '../mount';

const dom = mountEach();

const legal: EscalationFlag = {
  ruleId: 'legal-threat',
  source: 'rule',
  severity: 'critical',
  reason: 'The customer mentions legal action.',
  evidence: [{ quote: 'my lawyer will call', messageIndex: 0 }],
  routing: {
    queue: 'Legal',
    assignee: 'Legal team',
    priority: 'urgent',
    handoffTemplateId: 'escalation-handoff',
  },
};
const angry: EscalationFlag = {
  ruleId: 'angry-customer',
  source: 'rule',
  severity: 'info',
  reason: 'Upset.',
  evidence: [],
};
const model: EscalationFlag = {
  ruleId: 'model:churn',
  source: 'model',
  severity: 'warning',
  reason: 'Churn.',
  evidence: [],
  confidence: 0.72,
};

function render(props: Partial<EscalationBannerProps> = {}) {
  const all: EscalationBannerProps = { flags: [legal], onEscalate: vi.fn(), onDismiss: vi.fn(), ...props };
  act(() => dom.root.render(<EscalationBanner {...all} />));
  return all;
}
const button = (name: RegExp) =>
  [...dom.host.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as HTMLButtonElement;
function type(el: HTMLTextAreaElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('EscalationBanner', () => {
  test('shows every reason with severity, source, routing and evidence; critical is an alert', () => {
    render({ flags: [legal, model, angry] });
    expect(dom.host.querySelector('[role="alert"]')?.textContent).toBe('Needs a human decision: 3 reasons');
    const items = [...dom.host.querySelectorAll('[data-rule-id]')].map((li) => li.textContent);
    expect(items[0]).toContain('Critical The customer mentions legal action.');
    expect(items[0]).toContain('Rule: legal-threat · Route to: queue Legal · Legal team · priority urgent');
    expect(items[0]).toContain('my lawyer will call');
    expect(items[1]).toContain('Model signal (72%)');
    render({
      flags: [
        { ...legal, agreeing: [{ category: 'legal', confidence: 0.81, rationale: 'Threatens to sue.' }] },
      ],
    });
    expect(dom.host.querySelector('[data-rule-id="legal-threat"]')?.textContent).toContain(
      'The model agrees (81%): Threatens to sue.',
    );
    expect(dom.host.querySelector('section')?.getAttribute('aria-labelledby')).toBe(
      dom.host.querySelector('h2')?.id,
    );
  });

  test('warnings only: a status, not an alert; nothing at all when there is nothing to say', () => {
    render({ flags: [angry] });
    expect(dom.host.querySelector('[role="alert"]')).toBeNull();
    expect(dom.host.querySelector('[role="status"]')?.textContent).toContain('1 reason');
    render({ flags: [], hints: [] });
    expect(dom.host.innerHTML).toBe('');
  });

  test('hints are listed apart and give no Escalate button', () => {
    render({
      flags: [],
      hints: [{ category: 'legal', confidence: 0.3, evidence: [{ quote: 'court' }], ungrounded: 0 }],
    });
    expect(dom.host.textContent).toContain('1 hint from the model');
    expect(dom.host.textContent).toContain('legal (30%)');
    expect(button(/Escalate/)).toBeUndefined();
  });

  test('Escalate calls back; Dismiss asks for a reason first (Escape cancels)', () => {
    const props = render();
    act(() => button(/^Escalate$/).click());
    expect(props.onEscalate).toHaveBeenCalledOnce();

    act(() => button(/Dismiss…/).click());
    const textarea = dom.host.querySelector('textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(textarea);
    expect(dom.host.querySelector(`label[for="${textarea.id}"]`)?.textContent).toBe(
      'Why is no escalation needed?',
    );
    const submit = button(/Dismiss with this reason/);
    expect(submit.disabled).toBe(true);
    type(textarea, '   ');
    expect(submit.disabled).toBe(true);
    type(textarea, '  Known test account  ');
    expect(submit.disabled).toBe(false);
    act(() => submit.click());
    expect(props.onDismiss).toHaveBeenCalledWith('Known test account');

    act(() => button(/Dismiss…/).click());
    act(() => {
      dom.host
        .querySelector('textarea')
        ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(dom.host.querySelector('textarea')).toBeNull();
    expect(button(/^Escalate$/)).toBeDefined();
  });

  test('after the decision: what was written and what to do by hand, no more actions', () => {
    render({
      outcome: {
        action: 'escalated',
        applied: ['priority', 'internal-note'],
        skipped: [{ target: 'queue', reason: 'this desk page has no such field' }],
      },
    });
    expect(dom.host.querySelector('[data-testid="escalation-outcome"]')?.textContent).toBe(
      'Escalated. Written to the desk: priority, internal-note. Do by hand: queue (this desk page has no such field).',
    );
    expect(button(/^Escalate$/)).toBeUndefined();
  });

  test('evidence can be shown in the page', () => {
    const onQuote = vi.fn();
    render({ onQuote });
    act(() => button(/^Show$/).click());
    expect(onQuote).toHaveBeenCalledWith('my lawyer will call');
  });
});

describe('EdgeCases', () => {
  const edges: EdgeItem[] = [
    { kind: 'late', code: 'loading', message: 'Still loading.', ask: 'Wait.', askWhom: 'agent' },
    {
      kind: 'missing',
      code: 'required-field',
      field: 'orderNumber',
      message: 'No order number.',
      ask: 'What is your order number?',
      askWhom: 'customer',
    },
    {
      kind: 'contradictory',
      code: 'conflict',
      field: 'x',
      message: 'Two values.',
      ask: 'Which one?',
      askWhom: 'customer',
    },
  ];

  test('groups missing, contradictory and late inputs, with what to ask', () => {
    const onUseQuestion = vi.fn();
    act(() => dom.root.render(<EdgeCases edges={edges} onUseQuestion={onUseQuestion} />));
    expect([...dom.host.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Missing',
      'Contradictory',
      'Late or changed',
    ]);
    expect(dom.host.querySelector('[data-edge-code="required-field"]')?.textContent).toContain(
      'Ask the customer: What is your order number?',
    );
    expect(dom.host.querySelector('[data-edge-code="loading"]')?.textContent).toContain('Check: Wait.');
    act(() => button(/Use this question/).click());
    expect(onUseQuestion).toHaveBeenCalledWith('What is your order number?');
  });

  test('renders nothing without edge cases', () => {
    act(() => dom.root.render(<EdgeCases edges={[]} />));
    expect(dom.host.innerHTML).toBe('');
  });
});
