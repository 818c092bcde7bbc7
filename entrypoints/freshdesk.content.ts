import { runContentScript } from '@/lib/content/run';
import { freshdeskAdapter } from '@/lib/sites/freshdesk';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://*.freshdesk.com/*'],
  main: (ctx) => runContentScript(ctx, freshdeskAdapter),
});
