import { runContentScript } from '@/lib/content/run';
import { intercomAdapter } from '@/lib/sites/intercom';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://app.intercom.com/*'],
  main: (ctx) => runContentScript(ctx, intercomAdapter),
});
