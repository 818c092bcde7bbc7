import { runContentScript } from '@/lib/content/run';
import { salesforceAdapter } from '@/lib/sites/salesforce';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  main: (ctx) => runContentScript(ctx, salesforceAdapter),
});
