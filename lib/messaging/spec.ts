import type { z } from 'zod';
import type { Check } from './check';

/**
 * The shape of a message, shared by every domain's message file and the protocol that composes them:
 * domains import this file, lib/messaging/protocol.ts imports the domains, never the other way.
 */

/** Which extension context sent a message; the background decides what each may ask for. */
export type SenderRole = 'content' | 'panel' | 'options' | 'background';

/** A request check: zod in extension pages and the background, lib/messaging/check.ts in content scripts. */
export type RequestSchema = z.core.$ZodType | Check<unknown>;
/** What a sender passes. */
export type Input<S> = S extends Check<infer T> ? T : S extends z.core.$ZodType ? z.input<S> : never;
/** What a handler receives after the check. */
export type Output<S> = S extends Check<infer T> ? T : S extends z.core.$ZodType ? z.output<S> : never;

export interface MessageSpec {
  /** Contexts allowed to send it. Content scripts run beside untrusted pages: allow them little. */
  from: readonly SenderRole[];
  request: RequestSchema;
  response: z.core.$ZodType;
}
