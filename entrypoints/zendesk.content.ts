import { runContentScript } from '@/lib/content/run';
import { zendeskAdapter } from '@/lib/sites/zendesk';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://*.zendesk.com/*'],
  main: (ctx) => runContentScript(ctx, zendeskAdapter),
});
