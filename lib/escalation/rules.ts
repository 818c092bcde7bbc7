import { z } from 'zod';
import { Evidence, RiskCategory } from '../templates/suggestion';
import { foldPattern, keywordPattern } from './fold';

/**
 * Escalation rules as data: defaults (lib/escalation/defaults.ts), user settings and managed policy
 * all use this schema. A rule fires when every `all` condition holds, at least one `any` condition
 * holds (when there are any) and no `none` condition holds. Conditions are flat (no nesting) so a
 * rule stays readable in a policy file and maps onto a plain JSON schema.
 */

/** Which part of the ticket a text condition reads. */
export const TextScope = z.enum([
  /** Subject and the customer's messages: what the customer said. */
  'customer',
  /** Subject and every public message (customer and agent). */
  'thread',
  /** Everything, internal notes and the desk's custom fields included. */
  'all',
]);
export type TextScope = z.infer<typeof TextScope>;

const MAX_PATTERN = 300;

function compiles(source: string): boolean {
  try {
    new RegExp(foldPattern(source), 'giu');
    return true;
  } catch {
    return false;
  }
}

/** Keywords/phrases (folded, whole words, `*` for a stem) and regular expressions (case-insensitive, unicode). */
/**
 * A group that repeats and holds a repetition itself ("(a+)+", "(\\w*)*", "(x+){2,}") can take
 * exponential time on a crafted ticket and freeze the background: such patterns are refused.
 */
export function nestedRepetition(source: string): boolean {
  return /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,)/.test(source);
}

export const TextCondition = z.object({
  kind: z.literal('text'),
  keywords: z
    .array(z.string().min(1).max(120))
    .default([])
    .refine(
      (list) =>
        list.every((k) => {
          try {
            keywordPattern(k);
            return true;
          } catch {
            return false;
          }
        }),
      'Every keyword needs at least one letter or digit.',
    ),
  patterns: z
    .array(z.string().min(1).max(MAX_PATTERN))
    .default([])
    .refine((list) => list.every(compiles), 'Every pattern must be a valid JavaScript regular expression.')
    .refine(
      (list) => !list.some(nestedRepetition),
      'A pattern repeats a group that repeats itself, e.g. (a+)+: it could freeze the browser on some tickets.',
    ),
  scope: TextScope.default('customer'),
});

/** A field equals one of the values (folded comparison). Fields: template fields of the suggestion,
 * the desk's custom fields (by label), or status, priority, queue, subject. Names compare without
 * case, spaces or punctuation ("Refund amount" = "refundAmount" = "refund_amount"). */
export const FieldEqualsCondition = z.object({
  kind: z.literal('field-equals'),
  field: z.string().min(1),
  values: z.array(z.string()).min(1),
});

/** A field's number (or an amount written in it, "€1.299,00") is over a threshold. */
export const FieldOverCondition = z.object({
  kind: z.literal('field-over'),
  field: z.string().min(1),
  over: z.number(),
  /** Count a value equal to the threshold as over. */
  inclusive: z.boolean().default(false),
});

/** A field's date is more than `days` days before the time the ticket was read. */
export const FieldOlderThanCondition = z.object({
  kind: z.literal('field-older-than'),
  field: z.string().min(1),
  days: z.number().min(0),
});

/** A money amount written in the ticket text (any currency, no conversion) is over a threshold,
 * optionally only in a message that also contains one of the `near` keywords. */
export const AmountCondition = z.object({
  kind: z.literal('amount'),
  over: z.number().min(0),
  near: z.array(z.string().min(1)).default([]),
  scope: TextScope.default('customer'),
});

/** The requester's e-mail domain (subdomains included) or address is listed. */
export const RequesterCondition = z.object({
  kind: z.literal('requester'),
  domains: z.array(z.string().min(1)).default([]),
  emails: z.array(z.string().min(1)).default([]),
});

/** The customer is upset: a template field says so, or the local cue finds enough signs of anger. */
export const SentimentCondition = z.object({
  kind: z.literal('sentiment'),
  /** Template field holding the sentiment, compared with `values`. */
  field: z.string().min(1).default('sentiment'),
  values: z.array(z.string()).default(['negative', 'very negative', 'angry', 'frustrated']),
  /** Also use the local cue (anger words in en/es/de/fr, shouting, "!!"); the model cannot switch it off. */
  local: z.boolean().default(true),
  /** Local cue: how many distinct signs of anger make it fire. */
  minCues: z.number().int().min(1).default(3),
});

/** The customer replied at least `atLeast` times since the last agent answer (internal notes are no
 * answer; on a ticket never answered, the opening message is the request, not a reply). */
export const UnansweredCondition = z.object({
  kind: z.literal('unanswered'),
  atLeast: z.number().int().min(1),
});

export const Condition = z.discriminatedUnion('kind', [
  TextCondition,
  FieldEqualsCondition,
  FieldOverCondition,
  FieldOlderThanCondition,
  AmountCondition,
  RequesterCondition,
  SentimentCondition,
  UnansweredCondition,
]);
export type Condition = z.infer<typeof Condition>;
export type ConditionInput = z.input<typeof Condition>;

export const Severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** Where an escalated ticket goes and what the desk should show. */
export const Routing = z.object({
  queue: z.string().min(1).optional(),
  /** A person or team ("Legal", "security@company.example"). */
  assignee: z.string().min(1).optional(),
  /** Priority to set on the ticket when the agent escalates. */
  priority: z.string().min(1).optional(),
  /** The handoff template filled on escalation. */
  handoffTemplateId: z.string().min(1).default('escalation-handoff'),
});
export type Routing = z.infer<typeof Routing>;

export const EscalationRule = z
  .object({
    /** Stable id, used in decisions and to override a default rule (same id). */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Rule ids are lowercase letters, digits, ".", "_" or "-".'),
    /** `false` turns a rule with this id off (e.g. a default rule a team does not want). */
    enabled: z.boolean().default(true),
    severity: Severity,
    /** Shown to the agent in the banner. */
    reason: z.string().min(1),
    all: z.array(Condition).default([]),
    any: z.array(Condition).default([]),
    none: z.array(Condition).default([]),
    routing: Routing.optional(),
    /** The model risk category this rule covers: a model flag of that category is shown on this rule. */
    category: RiskCategory.optional(),
  })
  .refine((r) => !r.enabled || r.all.length + r.any.length > 0, {
    message: 'A rule needs at least one condition in "all" or "any".',
  });
export type EscalationRule = z.infer<typeof EscalationRule>;
export type EscalationRuleInput = z.input<typeof EscalationRule>;

/** Where a flag came from: a deterministic rule, or a model risk signal over its threshold. */
export const FlagSource = z.enum(['rule', 'model']);

/** One reason to escalate, as the banner shows it and the decision log keeps it. */
export const EscalationFlag = z.object({
  /** The rule id, or `model:<category>` for a model risk signal. */
  ruleId: z.string(),
  source: FlagSource,
  severity: Severity,
  reason: z.string(),
  /** Quotes from the ticket (never from the model): what made it fire. */
  evidence: z.array(Evidence).default([]),
  routing: Routing.optional(),
  /** For model flags: the model's confidence. */
  confidence: z.number().min(0).max(1).optional(),
  /** For rule flags: model signals over the threshold that agree with the rule (same category). */
  agreeing: z
    .array(
      z.object({
        category: z.string(),
        confidence: z.number().min(0).max(1),
        rationale: z.string().optional(),
      }),
    )
    .optional(),
});
export type EscalationFlag = z.infer<typeof EscalationFlag>;

/** A model risk signal under the threshold: shown, not flagged. */
export const EscalationHint = z.object({
  category: z.string(),
  confidence: z.number().min(0).max(1),
  /** Only quotes that are in the ticket; `ungrounded` counts the ones the model invented. */
  evidence: z.array(Evidence).default([]),
  ungrounded: z.number().int().min(0).default(0),
  rationale: z.string().optional(),
});
export type EscalationHint = z.infer<typeof EscalationHint>;

/** Inputs that are missing, contradictory or late, with what to ask. */
export const EdgeKind = z.enum(['missing', 'contradictory', 'late']);
export const EdgeItem = z.object({
  kind: EdgeKind,
  /** Stable code for tests and metrics: `unreadable`, `required-field`, `conflict`, `loading`, `stale`... */
  code: z.string(),
  field: z.string().optional(),
  message: z.string(),
  /** What to ask, and whom: the customer (a question to send) or the agent (something to check). */
  ask: z.string(),
  askWhom: z.enum(['customer', 'agent']),
});
export type EdgeItem = z.infer<typeof EdgeItem>;

export const EscalationResult = z.object({
  flags: z.array(EscalationFlag),
  hints: z.array(EscalationHint),
  edges: z.array(EdgeItem),
});
export type EscalationResult = z.infer<typeof EscalationResult>;

/** Problems of a list of rules as the settings editor shows them ("[0] any.0.keywords: ..."), empty when valid. */
export function ruleProblems(rules: readonly unknown[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    const parsed = EscalationRule.safeParse(rule);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`[${i}]${issue.path.length ? ` ${issue.path.join('.')}` : ''}: ${issue.message}`);
      }
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`[${i}] id: "${parsed.data.id}" is used twice.`);
    ids.add(parsed.data.id);
  });
  return problems;
}
