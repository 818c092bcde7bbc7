import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { z } from 'zod';
import { DeskmateError } from '../messaging/envelope';

/**
 * Every provider failure mapped once to the ErrorCode union the panel explains (lib/messaging/envelope.ts).
 * Each message says what to do next.
 */

export interface ProviderErrorContext {
  baseUrl?: string;
  model: string;
  timeoutMs: number;
  /** Our own watchdog fired (no data for timeoutMs), rather than the agent cancelling. */
  timedOut?: boolean;
}

const USE_LOCAL = 'or switch to the local engine in Options.';

/** The endpoint's origin for messages ("http://127.0.0.1:4200"), or words when it has none. */
export function origin(baseUrl?: string): string {
  try {
    return baseUrl ? new URL(baseUrl).origin : 'the endpoint';
  } catch {
    return baseUrl ?? 'the endpoint';
  }
}

/** Seconds from a Retry-After (seconds or HTTP date) or retry-after-ms header. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Math.ceil(Number(ms) / 1000));
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

export function toProviderError(error: unknown, ctx: ProviderErrorContext): DeskmateError {
  if (error instanceof DeskmateError) return error;
  const where = origin(ctx.baseUrl);
  const seconds = Math.round(ctx.timeoutMs / 1000);
  if (error instanceof OpenAI.APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return ctx.timedOut
      ? new DeskmateError(
          'timeout',
          `${where} stopped sending for ${seconds} s. Retry, raise the timeout, ${USE_LOCAL}`,
        )
      : new DeskmateError('cancelled', 'Cancelled.');
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new DeskmateError(
      'timeout',
      `${where} did not answer within ${seconds} s. Retry, raise the timeout, ${USE_LOCAL}`,
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new DeskmateError(
      'network',
      `Could not reach ${where}. Check the base URL and that the server is running and allows this extension, ${USE_LOCAL}`,
    );
  }
  if (error instanceof OpenAI.AuthenticationError) {
    return new DeskmateError('auth', `${where} rejected the API key (401). Fix the key in Options.`);
  }
  if (error instanceof OpenAI.PermissionDeniedError) {
    return new DeskmateError(
      'auth',
      `${where} refused access (403): the key may not have access to ${ctx.model} or this project. Fix the key or its permissions in Options.`,
    );
  }
  if (error instanceof OpenAI.NotFoundError) {
    const aboutModel = error.code === 'model_not_found' || /model/i.test(error.message);
    return aboutModel
      ? new DeskmateError(
          'model_not_found',
          `${where} has no model "${ctx.model}". Pick a model it serves in Options.`,
        )
      : new DeskmateError(
          'provider_error',
          `${where} has no chat-completions endpoint here (404). The base URL usually ends in /v1; fix it in Options.`,
        );
  }
  if (error instanceof OpenAI.RateLimitError) {
    const retryAfter = retryAfterSeconds(error.headers);
    return new DeskmateError(
      'rate_limited',
      `${where} is rate limiting requests${retryAfter ? `; retry in ${retryAfter} s` : '; retry in a moment'}, ${USE_LOCAL}`,
      retryAfter,
    );
  }
  if (error instanceof LengthFinishReasonError) {
    return new DeskmateError(
      'bad_output',
      'The model ran out of output tokens before finishing. Retry with fewer fields.',
    );
  }
  if (error instanceof ContentFilterFinishReasonError) {
    return new DeskmateError(
      'refused',
      `The provider's content filter stopped the answer. Fill this ticket by hand, ${USE_LOCAL}`,
    );
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    if (error.status >= 500) {
      return new DeskmateError(
        'provider_error',
        `${where} failed (${error.status}). Retry in a moment, ${USE_LOCAL}`,
      );
    }
    return new DeskmateError(
      'provider_error',
      `${where} rejected the request (${error.status}): ${error.message.slice(0, 200)}. Try another model, set "Structured output" in Options if the server lacks it, ${USE_LOCAL}`,
    );
  }
  // The streaming helper wraps a failed JSON.parse or zod parse of the answer in an OpenAIError and
  // keeps it as `cause`. By name, not instanceof: zod 4 names its errors ZodError/$ZodError, and a
  // SyntaxError may come from another realm.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const name = cause instanceof Error ? cause.name : '';
  if (name === 'SyntaxError' || /ZodError/.test(name) || cause instanceof z.core.$ZodError) {
    return new DeskmateError(
      'bad_output',
      `The model's answer did not match the template. Retry, or try another model.`,
    );
  }
  if (error instanceof OpenAI.OpenAIError && /without sending any chunks/.test(error.message)) {
    return new DeskmateError(
      'bad_output',
      `${where} did not answer in the OpenAI streaming format. Check that the base URL is an OpenAI-compatible /v1 endpoint, retry, ${USE_LOCAL}`,
    );
  }
  if (error instanceof OpenAI.OpenAIError && /finish_reason|missing role/.test(error.message)) {
    return new DeskmateError('provider_error', 'The answer stopped halfway (the connection closed). Retry.');
  }
  return new DeskmateError(
    'provider_error',
    `The provider failed: ${error instanceof Error ? error.message : String(error)}. Retry, ${USE_LOCAL}`,
  );
}
