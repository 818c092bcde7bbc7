import { toErrorInfo } from '../messaging/envelope';
import type { KeptValues } from './backend';
import { templateAsJson, templateAsText } from './export-text';
import { valueText } from './model';
import { currentValues, flushDraft, template, useSession } from './session';

/** Fields the agent may send to the page now: accepted, with a value, and a target the page has. */
export function applicableFields(): { id: string; label: string; target: string }[] {
  const tpl = template();
  const { fields, targets } = useSession.getState();
  if (!tpl) return [];
  return tpl.fields
    .filter((f) => f.applyTo && targets.includes(f.applyTo))
    .filter((f) => fields[f.id]?.value !== null && fields[f.id]?.value !== undefined)
    .map((f) => ({ id: f.id, label: f.label, target: f.applyTo! }));
}

async function recordKept(action: KeptValues['action']): Promise<void> {
  const { backend, context, suggestion, ticketHash } = useSession.getState();
  const tpl = template();
  if (!backend || !context || !tpl || !ticketHash) return;
  await flushDraft();
  await backend.recordKept({
    context,
    template: tpl,
    suggestion,
    values: currentValues(),
    ticketHash,
    action,
  });
}

/**
 * Apply into the page: only on the agent's click, only the fields the page can take. Accepting is implied
 * by the click, so the values count as kept (corrections and metrics).
 */
export async function applyToPage(): Promise<void> {
  const { backend, fields } = useSession.getState();
  if (!backend) return;
  const targets = await backend.targets().catch(() => useSession.getState().targets);
  useSession.setState({ targets });
  const todo = applicableFields();
  if (todo.length === 0) {
    useSession.setState({
      notice: { kind: 'error', message: 'Nothing to apply: this page has no field this template can fill.' },
    });
    return;
  }
  const done: string[] = [];
  try {
    for (const f of todo) {
      await backend.apply(f.target as Parameters<typeof backend.apply>[0], valueText(fields[f.id]!.value));
      done.push(f.label);
    }
  } catch (error) {
    const info = toErrorInfo(error);
    useSession.setState({
      error: { ...info, during: 'apply' },
      notice: {
        kind: 'error',
        message: done.length ? `Applied ${done.join(', ')}; then failed: ${info.message}` : info.message,
      },
    });
    if (done.length === 0) return;
  }
  const accepted = { ...useSession.getState().fields };
  for (const f of todo) accepted[f.id] = { ...accepted[f.id]!, accepted: true };
  useSession.setState({ fields: accepted });
  if (!useSession.getState().error) {
    useSession.setState({ notice: { kind: 'ok', message: `Applied to the page: ${done.join(', ')}.` } });
  }
  await recordKept('apply');
}

/** Copy the template as text or JSON to the clipboard. */
export async function copyTemplate(format: 'text' | 'json'): Promise<void> {
  const { backend, context } = useSession.getState();
  const tpl = template();
  if (!backend || !context || !tpl) return;
  const values = currentValues();
  const text = format === 'json' ? templateAsJson(tpl, values, context) : templateAsText(tpl, values);
  try {
    await backend.copy(text);
    useSession.setState({
      notice: { kind: 'ok', message: `Copied as ${format === 'json' ? 'JSON' : 'text'}.` },
    });
    await recordKept(format === 'json' ? 'copy-json' : 'copy-text');
  } catch (error) {
    useSession.setState({ error: { ...toErrorInfo(error), during: 'copy' } });
  }
}
