import { runContentScript } from '@/lib/content/run';
import { hubspotAdapter } from '@/lib/sites/hubspot';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://app.hubspot.com/*'],
  main: (ctx) => runContentScript(ctx, hubspotAdapter),
});
