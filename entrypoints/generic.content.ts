import { runGenericDesk } from '@/lib/sites/generic/run';

export default defineContentScript({
  // Registered at run time with the patterns of the described desks (lib/sites/registration.ts).
  registration: 'runtime',
  matches: ['https://example.invalid/*'],
  main: (ctx) => runGenericDesk(ctx),
});
