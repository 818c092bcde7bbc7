import { z } from 'zod';
import { escalationMessages } from '../escalation/messages';
import { memoryMessages } from '../memory/messages';
import { EventMode, MetricEvent } from '../metrics/event-schema';
import { panelMessages } from '../panel/messages';
import { SettingsPatch, SettingsView } from '../policy/view';
import { sitesMessages } from '../sites/messages';
import { suggestMessages } from '../suggest/messages';
import { teamMessages } from '../team/messages';
import type { Input, MessageSpec } from './spec';

/**
 * Messages the background answers. Domains add theirs here (one spread per domain) so there is one
 * typed map for the whole extension.
 */
export const backgroundMessages = {
  'app.ping': {
    from: ['content', 'panel', 'options'],
    request: z.object({}),
    response: z.object({ version: z.string(), extensionId: z.string() }),
  },
  /** Effective settings (no API key), where each value came from, locks, policy status (lib/policy). */
  'settings.get': { from: ['panel', 'options'], request: z.object({}), response: SettingsView },
  /** Change the user's settings; locked paths are refused with a `policy` error (lib/policy). */
  'settings.save': { from: ['options'], request: SettingsPatch, response: SettingsView },
  /** Record a metrics event (no ticket text); a `shadow.recorded` may promote the template (lib/metrics). */
  'events.record': {
    from: ['panel'],
    request: MetricEvent,
    response: z.object({ id: z.number(), promoted: z.boolean() }),
  },
  /** A template's mode and its pre-accepted (auto) fields, from settings and measured accuracy. */
  'metrics.mode': {
    from: ['panel', 'options'],
    request: z.object({ templateId: z.string().min(1) }),
    response: z.object({ mode: EventMode, autoFields: z.array(z.string()) }),
  },
  /** The team lead sets a template's mode from the readiness view; refused when policy locks it. */
  'metrics.setMode': {
    from: ['options'],
    request: z.object({ templateId: z.string().regex(/^[A-Za-z0-9_:-]{1,80}$/), mode: EventMode }),
    response: z.object({ mode: EventMode }),
  },
  ...memoryMessages,
  ...escalationMessages,
  ...suggestMessages,
  ...panelMessages,
  ...sitesMessages,
  ...teamMessages,
} satisfies Record<string, MessageSpec>;

export type BackgroundMessages = typeof backgroundMessages;
export type RequestOf<M extends Record<string, MessageSpec>, K extends keyof M> = Input<M[K]['request']>;
export type ResponseOf<M extends Record<string, MessageSpec>, K extends keyof M> = z.output<M[K]['response']>;
