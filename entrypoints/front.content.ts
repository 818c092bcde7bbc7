import { runContentScript } from '@/lib/content/run';
import { frontAdapter } from '@/lib/sites/front';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://app.frontapp.com/*'],
  main: (ctx) => runContentScript(ctx, frontAdapter),
});
