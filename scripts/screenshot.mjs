#!/usr/bin/env node
// Regenerates the README's screenshots: builds nothing, serves dist/ and shoots it in headless Chromium.
//   npm run build && npm run screenshot                 (every picture the README shows, into docs/)
// It runs under tsx: the canonical run's steps are found by what their frames are (e2e/canonicalSteps.ts), so a
// change that adds frames to the run moves no picture off its subject.
//   npm run screenshot -- --out x.png --query "?..." [--width 1280 --height 800 --scheme dark --click Overlay]
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './browser.mjs';
import { parseScriptArgs } from './cli.mjs';
import { CANONICAL_LINK, canonicalSteps } from '../e2e/canonicalSteps';

const USAGE = `Usage: npm run screenshot                         (every README picture, into docs/; run npm run build first)
       npm run screenshot -- --out FILE.png [--query "?scenario=poc..."] [--width 1280] [--height 800]
                                 [--scheme light|dark] [--click BUTTON]... [--wait TEXT] [--port 4399]`;
const values = parseScriptArgs('screenshot', USAGE, {
  out: { type: 'string' },
  query: { type: 'string' },
  width: { type: 'string', default: '1280' },
  height: { type: 'string', default: '800' },
  scheme: { type: 'string', default: 'light' },
  port: { type: 'string', default: '4399' },
  wait: { type: 'string', default: '' },
  click: { type: 'string', multiple: true, default: [] },
});
for (const key of ['width', 'height', 'port']) {
  const n = Number(values[key]);
  if (!Number.isInteger(n) || n < 1 || (key === 'port' && n > 65535)) {
    console.error(`screenshot: --${key} must be a whole number of 1 or more${key === 'port' ? ' (at most 65535)' : ''}, got "${values[key]}".\n${USAGE}`);
    process.exit(2);
  }
}
if (!['light', 'dark'].includes(values.scheme)) {
  console.error(`screenshot: --scheme must be light or dark, got "${values.scheme}".\n${USAGE}`);
  process.exit(2);
}

const STEPS = await canonicalSteps();
/** The canonical flow at the VXLAN leg: the SYN, wrapped by MuxVM, in the tunnel to the host's PA (links count steps from 0). */
const VXLAN = `${CANONICAL_LINK}&step=${STEPS.vxlanSyn - 1}`;
/** The last step of the canonical run (the TLS exchange and the FINs included): the forward path and the Direct Server Return drawn together. */
const RETURN = `${CANONICAL_LINK}&step=${STEPS.total - 1}`;

/** The README's pictures: the underlay at the VXLAN leg (light and dark), the overlay, the return path, a tablet. */
const SHOTS = values.out
  ? [{ out: values.out, query: values.query ?? VXLAN, width: Number(values.width), height: Number(values.height), scheme: values.scheme, click: values.click }]
  : [
      { out: 'docs/screenshot.png', query: VXLAN, width: 1280, height: 800, scheme: 'light', click: [] },
      { out: 'docs/screenshot-dark.png', query: VXLAN, width: 1280, height: 800, scheme: 'dark', click: [] },
      { out: 'docs/screenshot-overlay.png', query: RETURN, width: 1280, height: 800, scheme: 'light', click: ['Overlay'] },
      { out: 'docs/screenshot-overlay-dark.png', query: RETURN, width: 1280, height: 800, scheme: 'dark', click: ['Overlay'] },
      { out: 'docs/screenshot-return.png', query: RETURN, width: 1920, height: 1080, scheme: 'light', click: [] },
      { out: 'docs/screenshot-tablet.png', query: VXLAN, width: 768, height: 1024, scheme: 'light', click: [] },
    ];

const executablePath = findChromium();
if (!executablePath) {
  console.error('screenshot: no Chromium found. Install one (apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(2);
}
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', values.port, '--base', '/hoplab/'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: shot.scheme === 'dark' ? 'dark' : 'light' });
    page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
    await page.goto(`http://127.0.0.1:${values.port}/hoplab/${shot.query}`);
    await page.getByTestId('engine-status').and(page.locator('[data-status="ready"]')).waitFor();
    for (const name of shot.click) await page.getByRole('button', { name, exact: true }).click();
    if (values.wait) await page.locator(values.wait).first().waitFor();
    // A link with a step opens a run: wait for its step to show, then for the panels that load on demand.
    if (/[?&]step=/.test(shot.query)) await page.locator('.step-readout').filter({ hasText: /Step \d+ of/ }).waitFor({ timeout: 60_000 });
    // Panels off the first screen load on demand: wait until none still says it is loading.
    await page.waitForFunction(() => !/Loading/.test(document.body.innerText), undefined, { timeout: 30_000 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: shot.out });
    console.log(`wrote ${shot.out}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
