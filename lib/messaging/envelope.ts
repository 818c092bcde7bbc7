// No zod here: the envelope is part of every content script (size budget, issues #10 and #16).

/**
 * Error codes the UI knows how to explain. Providers, storage and validation map their failures here
 * once (see lib/llm/errors.ts), so the panel never parses error strings.
 */
export const ERROR_CODES = [
  'invalid_request', // payload failed validation
  'forbidden', // sender may not send this message, or policy forbids it
  'not_found',
  'no_context', // the page is not a ticket the adapter can read
  'auth', // provider rejected the key (401/403)
  'model_not_found',
  'rate_limited',
  'timeout',
  'network',
  'bad_output', // provider answered but not in the template's shape
  'refused',
  'cancelled',
  'provider_error', // 5xx and other provider failures
  'storage_full',
  'storage',
  'policy',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Seconds to wait before retrying, when the provider said so. */
  retryAfter?: number;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** Throw this from a handler to reply with a specific code instead of `internal`. */
export class DeskmateError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DeskmateError';
  }
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof DeskmateError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}),
    };
  }
  // A ZodError or a lib/messaging/check.ts CheckError: both carry zod-shaped issues.
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (error instanceof Error && Array.isArray(issues) && /^(\$?ZodError|CheckError)$/.test(error.name)) {
    return { code: 'invalid_request', message: describeIssues(issues) };
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message))) {
    return {
      code: 'storage_full',
      message: 'The browser storage for Deskmate is full. Export and delete old records.',
    };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * "provider.baseUrl: Invalid URL; retentionDays: expected number". Written here instead of
 * z.prettifyError, which costs every content script about half a kilobyte gzip (issue #10 budget).
 */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`);
  return shown.join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}
