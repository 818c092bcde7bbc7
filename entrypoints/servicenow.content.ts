import { runContentScript } from '@/lib/content/run';
import { servicenowAdapter } from '@/lib/sites/servicenow';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://*.service-now.com/*'],
  main: (ctx) => runContentScript(ctx, servicenowAdapter),
});
