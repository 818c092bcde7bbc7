import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';

/**
 * The manifest `key` pins the extension ID (see keys/README.md) so admins can target it in policy.
 * Firefox ignores `key`; it uses the gecko id below.
 */
const publicKey = readFileSync('keys/public-key.b64', 'utf8').trim();

/** Hosted desks we ship adapters for; self-hosted desks (RT, Redmine, generic) come from settings/policy. */
export const HOSTED_DESK_MATCHES = [
  'https://*.zendesk.com/*',
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://*.freshdesk.com/*',
  'https://app.hubspot.com/*',
  'https://*.atlassian.net/*',
  'https://*.service-now.com/*',
  'https://app.intercom.com/*',
  'https://secure.helpscout.net/*',
  'https://app.frontapp.com/*',
  'https://mail.google.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Separate output folders let several builds (tests, benchmarks) run side by side.
  outDir: process.env.DESKMATE_OUT_DIR ?? '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Deskmate',
    // public/_locales holds the UI strings (docs/i18n.md); the browser needs the default named, and
    // falls back to it for a key a translation lacks.
    default_locale: 'en',
    description: '__MSG_extDescription__',
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'deskmate@deskmate.dev', strict_min_version: '128.0' } } }
      : { key: publicKey }),
    permissions: [
      'storage',
      'scripting',
      'tabs',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Loopback is listed so the demo desk and locally installed desks work without a prompt.
    host_permissions: [...HOSTED_DESK_MATCHES, 'http://127.0.0.1/*', 'http://localhost/*'],
    // Provider endpoints and admin-described desks are requested at run time (or granted by policy).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    web_accessible_resources: [
      // The docked panel is an extension-origin iframe; the bridge runs in the page only for rich editors.
      { resources: ['sidepanel.html', 'main-world.js'], matches: ['<all_urls>'] },
    ],
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandTogglePanel__',
      },
    },
    action: { default_title: 'Deskmate' },
  }),
});
