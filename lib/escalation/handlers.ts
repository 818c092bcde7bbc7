import { db } from '../db/db';
import { backgroundExportGuard } from '../export/allowed';
import { exportFileName, exportStream } from '../export/stream';
import { redactForMemory } from '../memory/redaction';
import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { recordEvent } from '../metrics/events';
import { getEffectiveSettings } from '../settings/effective';
import { agentIdentity } from '../team/handlers';
import { recordDecision } from './decisions';
import { effectiveRules } from './defaults';
import { evaluate } from './evaluate';

/** escalation.evaluate, decisions.record, decisions.export (lib/escalation/messages.ts). */
export const escalationHandlers: Partial<Handlers<typeof backgroundMessages>> = {
  async 'escalation.evaluate'({ context, suggestion }) {
    const settings = await getEffectiveSettings();
    return evaluate(context, suggestion, {
      rules: effectiveRules(settings.escalation.rules),
      signalThreshold: settings.escalation.signalThreshold,
    });
  },
  async 'decisions.record'(request) {
    const settings = await getEffectiveSettings();
    const decision = await recordDecision(db(), request, (text) => redactForMemory(text, settings));
    // The metrics side (escalation and override rates) counts the same decision; a metrics failure
    // must not lose the decision, which is already stored.
    await recordEvent({
      type: decision.action,
      site: decision.site,
      ticketHash: decision.ticketHash,
      ...(decision.templateId ? { templateId: decision.templateId } : {}),
      data: { flags: request.flags.length },
    }).catch(() => undefined);
    return { id: decision.id };
  },
  async 'decisions.export'({ format, since, until }) {
    // The same writer as the correction log (lib/export): one CSV dialect, formula cells neutralised;
    // it refuses (policy) before reading anything when the effective settings forbid export.
    const reader = exportStream(
      db(),
      'decisions',
      format,
      { from: since, to: until },
      backgroundExportGuard,
      async () => (await agentIdentity()).agentId,
    ).getReader();
    // Keep the byte-order mark the CSV writer puts first: Excel needs it to read UTF-8.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let content = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      content += decoder.decode(value, { stream: true });
    }
    content += decoder.decode();
    const count = await db()
      .decisions.where('time')
      .between(since ?? 0, until ?? Number.MAX_SAFE_INTEGER, true, false)
      .count();
    return {
      filename: exportFileName('decisions', format),
      mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson',
      content,
      count,
    };
  },
};
