import { runContentScript } from '@/lib/content/run';
import { helpscoutAdapter } from '@/lib/sites/helpscout';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://secure.helpscout.net/*'],
  main: (ctx) => runContentScript(ctx, helpscoutAdapter),
});
