// npm run demo: build, start the demo desk on 127.0.0.1, launch Chromium with Deskmate.
// With a display: a normal window you can use (Ctrl+C to stop). Without one: headless, it walks one
// ticket end to end and saves screenshots to a folder it prints. No API key needed (local engine).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoDesk } from '../test/demo-desk/server.mjs';
import { walkDemo } from '../test/e2e/demo-walk';
import { launch } from '../test/e2e/harness';

const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');

execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' });
console.log('Building the extension...');
execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });

const desk = await startDemoDesk({ port: Number(process.env.DEMO_PORT ?? 4100) }).catch(() =>
  startDemoDesk(),
);
console.log(`Demo desk: ${desk.baseUrl}`);
const session = await launch({ headless: !headed });

if (headed) {
  const page = await session.context.newPage();
  await page.goto(`${desk.baseUrl}/tickets/1002`);
  console.log('Chromium is open with Deskmate on a demo ticket. Press Ctrl+C to stop.');
  const stop = async () => {
    await session.close();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  session.context.on('close', stop);
} else {
  const dir = resolve('artifacts', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const shot = async (
    page: import('playwright-core').Page,
    name: string,
    clip?: { x: number; y: number; width: number; height: number },
  ) => {
    const file = join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
    console.log(`  saved ${file}`);
  };
  try {
    await walkDemo({ session, baseUrl: desk.baseUrl, shot });
    console.log(`\nScreenshots: ${dir}`);
  } finally {
    await session.close();
    await desk.close();
  }
}
