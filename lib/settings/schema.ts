import { z } from 'zod';
import { EscalationRule } from '../escalation/rules';
import { GenericDeskConfig } from '../sites/generic/config';
import { BindingRule } from '../templates/bind';

/**
 * User-facing settings, one schema per domain. Managed policy (lib/policy) uses the same shapes:
 * effective = locked policy > user > policy default > these defaults (lib/settings/effective.ts).
 * Parts marked "validated by lib/<domain>" hold data whose full schema lives in that domain.
 */
/**
 * How the endpoint is asked for structured output (docs/structured-output.md). `auto`: json_schema
 * first, then JSON mode, then plain text, whichever the endpoint accepts (remembered per endpoint and
 * model, lib/llm/output-mode.ts). Another value: only that mode, for servers known to need it.
 */
export const StructuredOutput = z.enum(['auto', 'json_schema', 'json_object', 'text']);
export type StructuredOutput = z.infer<typeof StructuredOutput>;

export const ProviderSettings = z.object({
  /** `local`: the built-in engine, no network. `openai`: any OpenAI-compatible endpoint. */
  kind: z.enum(['local', 'openai']).default('local'),
  baseUrl: z.string().url().optional(),
  model: z.string().min(1).default('gpt-4.1-mini'),
  /** Kept in storage.local (trusted contexts only), never sent to a content script or the page. */
  apiKey: z.string().optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  maxRetries: z.number().int().min(0).max(5).default(2),
  structuredOutput: StructuredOutput.default('auto'),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const RedactionPattern = z.object({
  name: z.string().min(1),
  /** A JavaScript regular expression source, matched case-insensitively. */
  pattern: z.string().min(1),
});

export const RedactionSettings = z.object({
  enabled: z.boolean().default(true),
  email: z.boolean().default(true),
  phone: z.boolean().default(true),
  card: z.boolean().default(true),
  iban: z.boolean().default(true),
  nationalId: z.boolean().default(true),
  custom: z.array(RedactionPattern).default([]),
});

export const SiteToggle = z.object({
  enabled: z.boolean().default(true),
  /** Match patterns; default: the site's own (lib/sites/catalog.ts). */
  matches: z.array(z.string()).optional(),
});

export const SitesSettings = z.object({
  sites: z.record(z.string(), SiteToggle).default({}),
  /** Desks described by selectors (lib/sites/generic/config.ts). */
  genericDesks: z.array(GenericDeskConfig).default([]),
});

export const TemplateMode = z.enum(['shadow', 'assist']);
export const TemplatesSettings = z.object({
  disabledBuiltins: z.array(z.string()).default([]),
  /** Custom templates as JSON; validated by lib/templates/custom. */
  custom: z.array(z.unknown()).default([]),
  modes: z.record(z.string(), TemplateMode).default({}),
  /** A field is pre-accepted (auto) once its measured accuracy >= threshold over >= minTickets tickets. */
  auto: z
    .object({
      threshold: z.number().min(0).max(1).default(0.95),
      minTickets: z.number().int().min(1).default(30),
      /** A shadow template moves to assist by itself once ready; off: the team lead promotes (lib/metrics). */
      promote: z.boolean().default(true),
    })
    .default({ threshold: 0.95, minTickets: 30, promote: true }),
  owners: z.record(z.string(), z.object({ name: z.string(), contact: z.string() })).default({}),
  /** Which desk field a template field binds to, per site; options never suggested (lib/templates/bind.ts). */
  bindings: z.array(BindingRule).default([]),
});

export const EscalationSettings = z.object({
  /** Rules as data (lib/escalation/rules.ts), added to the defaults; a rule with a default's id replaces it. */
  rules: z.array(EscalationRule).default([]),
  /** Model risk signals below this confidence are shown as hints, not flags. */
  signalThreshold: z.number().min(0).max(1).default(0.6),
});

export const LearningSettings = z.object({
  enabled: z.boolean().default(true),
  useCorrectionsInPrompts: z.boolean().default(true),
});

/**
 * The team report (docs/team-report.md): who an agent is in their exports, and what a lead's report
 * keeps. `realNames` and `agentIdPattern` count only when the managed policy sets them
 * (lib/team/identity.ts): an agent cannot allow their own real name.
 */
export const TeamSettings = z.object({
  /** The agent's id in exports; empty: the pseudonym generated once on this browser ("agent-7f3a9c"). */
  agentId: z.string().trim().max(64).default(''),
  /** Policy only: agent ids may be people's names (otherwise they must look like pseudonyms). */
  realNames: z.boolean().default(false),
  /** Policy only: a regular expression agent ids must match (e.g. "^T[0-9]{4}$"); empty: "agent-…". */
  agentIdPattern: z
    .string()
    .max(200)
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'Not a valid regular expression')
    .default(''),
  /** The team report keeps the (redacted) ticket text of loaded exports; false drops it on load. */
  ticketText: z.boolean().default(true),
});
export type TeamSettings = z.infer<typeof TeamSettings>;

export const Settings = z.object({
  provider: ProviderSettings.default(ProviderSettings.parse({})),
  redaction: RedactionSettings.default(RedactionSettings.parse({})),
  sites: SitesSettings.default(SitesSettings.parse({})),
  templates: TemplatesSettings.default(TemplatesSettings.parse({})),
  escalation: EscalationSettings.default(EscalationSettings.parse({})),
  learning: LearningSettings.default(LearningSettings.parse({})),
  retentionDays: z.number().int().min(1).max(3650).default(365),
  exportAllowed: z.boolean().default(true),
  team: TeamSettings.default(TeamSettings.parse({})),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
