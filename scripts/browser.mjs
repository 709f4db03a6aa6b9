// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own cache.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

function playwrightCacheChromium() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return undefined;
  for (const dir of readdirSync(root).filter((d) => d.startsWith('chromium-')).sort().reverse()) {
    for (const sub of ['chrome-linux64/chrome', 'chrome-linux/chrome']) {
      const candidate = join(root, dir, sub);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The path of a usable Chromium, or undefined. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return playwrightCacheChromium();
}

/**
 * What every page benchmark needs before it starts: the `vite build --mode bench` build (the benchmark page
 * modes exist only there) and a Chromium. Returns the Chromium's path, or exits with a message naming what is
 * missing and how to get it.
 */
export function benchPreflight(name) {
  if (!existsSync('dist-bench/index.html')) {
    console.error(`${name}: dist-bench/ is not built. Run "npx vite build --mode bench" first (the benchmark page modes exist only in that build).`);
    process.exit(2);
  }
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(`${name}: no Chromium found. Install one (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(2);
  }
  return executablePath;
}
