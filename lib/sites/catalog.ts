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
  // Desks described by an admin or a user (lib/sites/generic): registered with their own patterns.
  {
    id: 'generic',
    name: 'Described desks',
    script: 'content-scripts/generic.js',
    defaultMatches: [],
  },
  // Hosted desks: their SaaS origins (wxt.config.ts HOSTED_DESK_MATCHES).
  {
    id: 'zendesk',
    name: 'Zendesk Agent Workspace',
    script: 'content-scripts/zendesk.js',
    defaultMatches: ['https://*.zendesk.com/*'],
  },
  {
    id: 'salesforce',
    name: 'Salesforce Service Console',
    script: 'content-scripts/salesforce.js',
    defaultMatches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  },
  {
    id: 'freshdesk',
    name: 'Freshdesk',
    script: 'content-scripts/freshdesk.js',
    defaultMatches: ['https://*.freshdesk.com/*'],
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    script: 'content-scripts/hubspot.js',
    defaultMatches: ['https://app.hubspot.com/*'],
  },
  {
    id: 'jira',
    name: 'Jira Service Management',
    script: 'content-scripts/jira.js',
    defaultMatches: ['https://*.atlassian.net/*'],
  },
  {
    id: 'servicenow',
    name: 'ServiceNow',
    script: 'content-scripts/servicenow.js',
    defaultMatches: ['https://*.service-now.com/*'],
  },
  {
    id: 'intercom',
    name: 'Intercom',
    script: 'content-scripts/intercom.js',
    defaultMatches: ['https://app.intercom.com/*'],
  },
  {
    id: 'helpscout',
    name: 'Help Scout',
    script: 'content-scripts/helpscout.js',
    defaultMatches: ['https://secure.helpscout.net/*'],
  },
  {
    id: 'front',
    name: 'Front',
    script: 'content-scripts/front.js',
    defaultMatches: ['https://app.frontapp.com/*'],
  },
  {
    id: 'gmail',
    name: 'Gmail',
    script: 'content-scripts/gmail.js',
    defaultMatches: ['https://mail.google.com/*'],
  },
];
