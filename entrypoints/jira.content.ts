import { runContentScript } from '@/lib/content/run';
import { jiraAdapter } from '@/lib/sites/jira';

export default defineContentScript({
  // Registered at run time from settings/policy (lib/sites/registration.ts); these are the defaults.
  registration: 'runtime',
  matches: ['https://*.atlassian.net/*'],
  main: (ctx) => runContentScript(ctx, jiraAdapter),
});
