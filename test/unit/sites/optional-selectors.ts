/**
 * Selector keys that match nothing in their site's saved fixtures, each with the reason. The meta-test
 * (meta.test.ts) fails for any other key without a match, and for a key listed here that does match
 * (the entry is stale) or that no longer exists.
 */
export const OPTIONAL_SELECTORS: Record<string, Record<string, string>> = {};
