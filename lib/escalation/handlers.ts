import { db } from '../db/db';
import { redactForMemory } from '../memory/redaction';
import { DeskmateError } from '../messaging/envelope';
import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { recordEvent } from '../metrics/events';
import { getEffectiveSettings } from '../settings/effective';
import { decisionsBetween, recordDecision } from './decisions';
import { effectiveRules } from './defaults';
import { evaluate } from './evaluate';
import { exportDecisions } from './export';

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
    const settings = await getEffectiveSettings();
    if (!settings.exportAllowed)
      throw new DeskmateError('policy', 'Your administrator does not allow exports.');
    let content = '';
    let count = 0;
    for await (const chunk of exportDecisions(decisionsBetween(db(), since, until), format)) {
      content += chunk;
      count++;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    return {
      filename: `deskmate-decisions-${stamp}.${format}`,
      mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      content,
      count: format === 'csv' ? count - 1 : count,
    };
  },
};
