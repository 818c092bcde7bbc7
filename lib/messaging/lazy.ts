import type { z } from 'zod/mini';
import type { RequestSchema, SenderRole } from './spec';

/**
 * Build a value on first use, then keep it. Content scripts use this for their zod schemas: building
 * schemas was most of a content script's start-up time (about 5 ms of the 10-12 ms it took to
 * evaluate each site script, in the page's own task at document_start, issue #10), and a page load
 * that no panel talks to needs none of them.
 */
// Marked free of side effects for the bundler: a schema built with these and never used (the generic
// desk's messages in another site's script) is dropped from that script.
/* @__NO_SIDE_EFFECTS__ */
export function once<T extends object>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** Who may send a message, and its request schema, built the first time such a message arrives. */
export interface RequestSpec<Req extends RequestSchema = RequestSchema> {
  readonly from: readonly SenderRole[];
  readonly request: Req;
}

/* @__NO_SIDE_EFFECTS__ */
export function lazyRequest<Req extends RequestSchema>(
  from: readonly SenderRole[],
  build: () => Req,
): RequestSpec<Req> {
  const request = once(build);
  return {
    from,
    get request() {
      return request();
    },
  };
}

/** The same message with the schema of its reply, for the side that receives the reply. */
/* @__NO_SIDE_EFFECTS__ */
export function withResponse<Req extends RequestSchema, Res extends z.core.$ZodType>(
  spec: RequestSpec<Req>,
  build: () => Res,
): RequestSpec<Req> & { readonly response: Res } {
  const response = once(build);
  return {
    from: spec.from,
    get request() {
      return spec.request;
    },
    get response() {
      return response();
    },
  };
}
