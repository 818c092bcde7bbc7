import { execFileSync } from 'node:child_process';

/** Build the extension once for the whole e2e run (set DESKMATE_SKIP_BUILD=1 to reuse a build). */
export default function setup(): void {
  if (process.env.DESKMATE_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: process.env });
}
