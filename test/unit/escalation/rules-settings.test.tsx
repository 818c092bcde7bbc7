import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { EscalationRulesSettings } from '@/components/escalation/EscalationRulesSettings';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { ruleProblems } from '@/lib/escalation/rules';
import { mountEach } from '../mount';

describe('ruleProblems', () => {
  test('says where each problem is; duplicates are refused', () => {
    expect(ruleProblems(DEFAULT_RULES)).toEqual([]);
    const problems = ruleProblems([
      { id: 'a', severity: 'loud', reason: 'r', any: [{ kind: 'text', keywords: ['x'] }] },
      { id: 'b', severity: 'info', reason: 'r', any: [{ kind: 'text', patterns: ['(oops'] }] },
      { id: 'c', severity: 'info', reason: 'r', any: [{ kind: 'unanswered', atLeast: 2 }] },
      { id: 'c', severity: 'info', reason: 'r', any: [{ kind: 'unanswered', atLeast: 3 }] },
    ]);
    expect(problems[0]).toMatch(/^\[0\] severity: /);
    expect(problems[1]).toBe(
      '[1] any.0.patterns: Every pattern must be a valid JavaScript regular expression.',
    );
    expect(problems[2]).toBe('[3] id: "c" is used twice.');
  });
});

describe('EscalationRulesSettings', () => {
  const dom = mountEach();
  const defaults = DEFAULT_RULES.map(({ id, severity, reason }) => ({ id, severity, reason }));
  function edit(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
    const proto =
      el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    act(() => {
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  test('validates as you type and saves only valid rules and threshold', () => {
    const onSave = vi.fn();
    act(() =>
      dom.root.render(
        <EscalationRulesSettings
          defaults={defaults}
          rules={[]}
          signalThreshold={0.6}
          isLocked={() => false}
          validate={ruleProblems}
          onSave={onSave}
        />,
      ),
    );
    expect(dom.host.querySelectorAll('tbody tr')).toHaveLength(DEFAULT_RULES.length);
    const textarea = dom.host.querySelector('textarea') as HTMLTextAreaElement;
    const save = dom.host.querySelector('button[type="submit"]') as HTMLButtonElement;
    edit(textarea, '{ "id": "press"');
    expect(dom.host.querySelector('[data-testid="escalation-rules-problems"]')?.textContent).toMatch(
      /Not valid JSON/,
    );
    expect(save.disabled).toBe(true);
    edit(textarea, JSON.stringify({ id: 'vip-requester', enabled: false, severity: 'info', reason: 'off' }));
    expect(dom.host.querySelector('[data-rule-id="vip-requester"]')?.textContent).toContain('(turned off)');
    edit(dom.host.querySelector('input[type="number"]') as HTMLInputElement, '1.5');
    expect(save.disabled).toBe(true);
    edit(dom.host.querySelector('input[type="number"]') as HTMLInputElement, '0.7');
    act(() => save.click());
    expect(onSave).toHaveBeenCalledWith({
      rules: [{ id: 'vip-requester', enabled: false, severity: 'info', reason: 'off' }],
      signalThreshold: 0.7,
    });
  });

  test('what policy locks is read-only and marked', () => {
    act(() =>
      dom.root.render(
        <EscalationRulesSettings
          defaults={defaults}
          rules={[]}
          signalThreshold={0.6}
          isLocked={(p) => p === 'escalation.rules'}
          validate={ruleProblems}
          onSave={vi.fn()}
        />,
      ),
    );
    expect((dom.host.querySelector('textarea') as HTMLTextAreaElement).disabled).toBe(true);
    expect((dom.host.querySelector('input[type="number"]') as HTMLInputElement).disabled).toBe(false);
    expect(dom.host.textContent).toContain('Managed by your organization');
  });
});
