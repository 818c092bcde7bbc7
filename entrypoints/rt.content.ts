import { runContentScript } from '@/lib/content/run';
import { rtAdapter } from '@/lib/sites/rt';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  main: (ctx) => runContentScript(ctx, rtAdapter),
});
