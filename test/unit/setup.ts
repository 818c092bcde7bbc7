import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessage, type MessageKey } from '@/lib/i18n/t';

beforeEach(() => {
  fakeBrowser.reset();
  // The fake browser has no i18n: answer from en/messages.json as an English browser would, so
  // components render (and tests read) the English strings. A test may swap in another locale.
  fakeBrowser.i18n.getMessage = (name: string, substitutions?: unknown) =>
    englishMessage(name as MessageKey, substitutions as string[] | undefined);
});
