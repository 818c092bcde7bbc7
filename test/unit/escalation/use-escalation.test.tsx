import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import {
  type EscalationBackend,
  type EscalationView,
  useEscalation,
} from '@/components/escalation/use-escalation';
import type { TicketContext } from '@/lib/context/ticket-context';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { evaluate } from '@/lib/escalation/evaluate';
import { says } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  root = createRoot(host);
});
afterEach(() => act(() => root.unmount()));

function fakeBackend() {
  const calls = { apply: [] as string[], record: [] as string[] };
  const backend: EscalationBackend = {
    evaluate: vi.fn(async (context: TicketContext) =>
      evaluate(context, undefined, { rules: DEFAULT_RULES, signalThreshold: 0.6 }),
    ),
    record: async (r) => {
      calls.record.push(r.action);
      return { id: calls.record.length };
    },
    targets: async () => ['internal-note'],
    setFields: async (values) => ({ results: values.map(({ id }) => ({ id, ok: true as const })) }),
    apply: async (target) => {
      calls.apply.push(target);
    },
  };
  return { backend, calls };
}

let view: EscalationView | undefined;
function Probe(props: {
  backend: EscalationBackend;
  context: TicketContext;
  handoff?: (id: string) => Promise<undefined>;
}) {
  view = useEscalation(props.backend, props.context, undefined, props.handoff);
  return null;
}
const flush = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

test('evaluates on load, escalates through the handoff, and a new ticket starts clean', async () => {
  const { backend, calls } = fakeBackend();
  const handoff = vi.fn(async () => undefined);
  const first = says('My lawyer will write to you.', { ticketKey: 'A' });
  act(() => root.render(<Probe backend={backend} context={first} handoff={handoff} />));
  await flush();
  expect(view?.result?.flags.map((f) => f.ruleId)).toEqual(['legal-threat']);
  expect(calls.apply).toEqual([]);

  act(() => view?.escalate());
  await flush();
  expect(handoff).toHaveBeenCalledWith('escalation-handoff');
  expect(calls.apply).toEqual(['internal-note']);
  expect(view?.outcome).toMatchObject({ action: 'escalated', applied: ['internal note'] });

  act(() =>
    root.render(<Probe backend={backend} context={says('Where is my parcel?', { ticketKey: 'B' })} />),
  );
  await flush();
  expect(view?.outcome).toBeUndefined();
  expect(view?.result?.flags).toEqual([]);
  expect(calls.record).toEqual(['escalated']);
});

test('a failing background is shown as an error, and nothing is recorded', async () => {
  const { backend, calls } = fakeBackend();
  backend.evaluate = async () => {
    throw new Error('The extension was reloaded.');
  };
  act(() => root.render(<Probe backend={backend} context={says('hi')} />));
  await flush();
  expect(view?.error).toBe('The extension was reloaded.');
  act(() => view?.dismiss('x'));
  await flush();
  expect(calls.record).toEqual([]);
});
