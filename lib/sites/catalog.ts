/**
 * Every site script the extension ships, with the pages it runs on by default. All are registered at
 * run time (lib/sites/registration.ts) so settings and policy decide where they run: a site that is
 * not allowed never gets a content script.
 */
export interface SiteEntry {
  id: string;
  name: string;
  /** Built file, from entrypoints/<id>.content.ts. */
  script: string;
  /** Hosted desks have fixed origins; self-hosted ones (RT, Redmine) default to loopback. */
  defaultMatches: string[];
}

export const SITES: SiteEntry[] = [
  {
    id: 'demo',
    name: 'Deskmate demo desk',
    script: 'content-scripts/demo.js',
    defaultMatches: ['http://127.0.0.1/*', 'http://localhost/*'],
  },
  // Self-hosted desks default to loopback; admins add their own hosts in settings or policy. Their
  // detect() is strict (RT's and Redmine's own page markers), so only one script claims a page.
  {
    id: 'rt',
    name: 'Request Tracker 5',
    script: 'content-scripts/rt.js',
    defaultMatches: ['http://127.0.0.1/*', 'http://localhost/*'],
  },
  {
    id: 'redmine',
    name: 'Redmine 5',
    script: 'content-scripts/redmine.js',
    defaultMatches: ['http://127.0.0.1/*', 'http://localhost/*'],
  },
];
