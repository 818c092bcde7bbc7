import { browser } from 'wxt/browser';
import { type TicketContext, ticketText } from '../context/ticket-context';
import { send, sendToTab } from '../messaging/client';
import { DeskmateError } from '../messaging/envelope';
import { onPanelEvent } from '../messaging/panel-events';
import type { MetricEvent } from '../metrics/event-schema';
import { applyEvents, compareFields } from '../metrics/shadow';
import type { TextTarget } from '../sites/fields';
import type { TemplateInfo as EngineTemplateInfo } from '../templates/define';
import type { KeptValues, PanelBackend } from './backend';
import type { FieldBinding, TemplateField, TemplateInfo } from './model';

const KINDS: Record<string, TemplateField['kind']> = {
  enum: 'enum',
  text: 'text',
  'long-text': 'longText',
  number: 'number',
  money: 'number',
  date: 'date',
  entity: 'entity',
  list: 'list',
  boolean: 'boolean',
};

/** Progress in words: which fields have arrived so far while the provider streams. */
function progressText(fields: string[]): string {
  if (fields.length === 0) return 'waiting for the provider…';
  return `received ${fields.length} field${fields.length === 1 ? '' : 's'} (${fields.slice(-3).join(', ')})…`;
}

/** The engine's template description, as the panel shows it. */
export function toPanelTemplate(
  info: Omit<EngineTemplateInfo, 'fields'> & {
    fields: Array<
      Pick<
        EngineTemplateInfo['fields'][number],
        'name' | 'label' | 'kind' | 'required' | 'description' | 'applyTo'
      > & { options?: readonly string[]; binding?: EngineTemplateInfo['fields'][number]['binding'] }
    >;
  },
  mode: { mode: 'shadow' | 'assist'; autoFields: string[] },
): TemplateInfo {
  return {
    id: info.id,
    name: info.name,
    version: info.version,
    description: info.description,
    mode: mode.mode,
    autoFields: mode.autoFields,
    fields: info.fields.map((f) => ({
      id: f.name,
      label: f.label,
      kind: KINDS[f.kind] ?? 'text',
      required: f.required,
      description: f.description,
      ...(f.options ? { options: [...f.options] } : {}),
      ...(f.applyTo ? { applyTo: f.applyTo } : {}),
      ...(f.binding && !f.applyTo ? { binding: panelBinding(f.binding) } : {}),
    })),
  };
}

/** Only what the panel shows and needs to write (the excluded options are already gone from `options`). */
function panelBinding(b: NonNullable<EngineTemplateInfo['fields'][number]['binding']>): FieldBinding {
  if ('reason' in b) return { reason: b.reason };
  return {
    deskField: b.deskField,
    deskLabel: b.deskLabel,
    writable: b.writable,
    ...(b.whyNot ? { whyNot: b.whyNot } : {}),
  };
}

async function modeOf(templateId: string): Promise<{ mode: 'shadow' | 'assist'; autoFields: string[] }> {
  try {
    return await send('metrics.mode', { templateId });
  } catch {
    // Metrics unavailable: assist (pre-filled for review) is the safe default; nothing is auto-accepted.
    return { mode: 'assist', autoFields: [] };
  }
}

/** Copy text: the async clipboard first; the docked iframe may not be allowed it, then execCommand. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok)
      throw new DeskmateError(
        'internal',
        'The browser did not allow copying. Select the text and copy it by hand.',
      );
  }
}

/** The real backend of the panel: messages to the background and to the tab it serves. */
export function createBackend(tabId: () => number | undefined): PanelBackend {
  const tab = () => {
    const id = tabId();
    if (id === undefined) throw new DeskmateError('no_context', 'No tab to work on.');
    return id;
  };
  let lastQuote = '';
  return {
    async listTemplates(context: TicketContext) {
      const { templates, suggested } = await send('templates.list', { context });
      const modes = await Promise.all(templates.map((t) => modeOf(t.id)));
      return { templates: templates.map((t, i) => toPanelTemplate(t, modes[i]!)), suggestedId: suggested };
    },
    run({ previous, ...request }) {
      return send('suggest.run', { ...request, ...(previous ? { previous } : {}) });
    },
    async cancel(requestId) {
      await send('suggest.cancel', { requestId });
    },
    onProgress(callback) {
      return onPanelEvent('suggest.progress', (p) =>
        callback(p.requestId, progressText(Object.keys(p.fields))),
      );
    },
    async targets() {
      return (await sendToTab(tab(), 'page.targets', {})).targets as TextTarget[];
    },
    async apply(target, value) {
      const result = await sendToTab(tab(), 'page.apply', { target, value });
      if (!result.ok) throw new DeskmateError('invalid_request', result.reason);
    },
    async setFields(values) {
      const { results, read } = await sendToTab(tab(), 'page.setFields', { values });
      return { results, ...(read.ok ? { context: read.context } : {}) };
    },
    async highlight(quote) {
      if (quote === lastQuote) return true;
      lastQuote = quote;
      try {
        return (await sendToTab(tab(), 'page.highlight', { quote })).found;
      } catch {
        return false;
      }
    },
    async recordKept(kept) {
      await recordKept(kept, (event) =>
        send('events.record', event).then(
          () => {},
          () => {},
        ),
      );
    },
    recordEvent(event: MetricEvent) {
      send('events.record', event).catch(() => {
        // Metrics must never get in the agent's way.
      });
    },
    copy: copyText,
    openOptions(section) {
      void browser.tabs.create({
        url: browser.runtime.getURL(`/options.html${section ? `#${section}` : ''}`),
      });
    },
  };
}

/**
 * Corrections first (memory), then the apply events in order (lib/metrics/shadow.ts applyEvents): the
 * last one, `shadow.recorded`, may promote the template, so it must come after the corrections exist.
 * Copying counts like applying: the template's values left the panel, by the agent's action.
 */
async function recordKept(kept: KeptValues, record: (event: MetricEvent) => Promise<void>): Promise<void> {
  const { context, template, suggestion, values, ticketHash } = kept;
  let agreement: { field: string; agreed: boolean }[] | undefined;
  if (suggestion) {
    const keptValues = Object.fromEntries(Object.entries(values).filter(([id]) => id in suggestion.fields));
    await send('corrections.record', {
      suggestion,
      kept: keptValues,
      text: ticketText(context),
      enumFields: template.fields.filter((f) => f.kind === 'enum').map((f) => f.id),
    }).catch(() => {
      // A failed record must not undo the agent's apply; the draft still holds the values.
    });
    agreement = compareFields(suggestion, keptValues);
  }
  const events = applyEvents({
    ref: { site: context.site, ticketHash },
    templateId: template.id,
    mode: template.mode,
    ...(suggestion ? { suggestion } : {}),
    values,
    autoFields: template.autoFields,
    ...(agreement ? { agreement } : {}),
  });
  for (const event of events) await record(event);
}
