import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

/** Firefox (MV3) builds too: same app, Firefox's own manifest shape, store zip. */
test('the Firefox MV3 build has a gecko id, an event page, a sidebar and no Chrome-only keys', () => {
  const out = mkdtempSync(join(tmpdir(), 'deskmate-ff-'));
  try {
    execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], {
      env: { ...process.env, DESKMATE_OUT_DIR: out },
      stdio: 'pipe',
    });
    const manifest = JSON.parse(readFileSync(join(out, 'firefox-mv3', 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko.id).toBe('deskmate@deskmate.dev');
    expect(manifest.key).toBeUndefined();
    expect(manifest.permissions).not.toContain('sidePanel');
    expect(manifest.background.scripts).toEqual(['background.js']);
    expect(manifest.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(manifest.storage.managed_schema).toBe('managed_schema.json');
    expect(existsSync(join(out, 'firefox-mv3', 'managed_schema.json'))).toBe(true);
    expect(existsSync(join(out, 'deskmate-0.1.0-firefox.zip'))).toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);
