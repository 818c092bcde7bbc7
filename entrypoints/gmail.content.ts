import { runContentScript } from '@/lib/content/run';
import { gmailAdapter } from '@/lib/sites/gmail';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://mail.google.com/*'],
  main: (ctx) => runContentScript(ctx, gmailAdapter),
});
