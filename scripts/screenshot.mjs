#!/usr/bin/env node
// Regenerates the README's screenshot: builds nothing, serves dist/ and shoots it in headless Chromium.
//   npm run build && npm run screenshot [-- --out docs/screenshot.png --query "?..." --width 1280 --height 800]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './browser.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshot.png' },
    // The README's view: the canonical flow stopped where VFP has delivered the SYN to PortalVM.
    query: { type: 'string', default: '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&step=53&motion=off' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
    port: { type: 'string', default: '4399' },
    wait: { type: 'string', default: '' },
    click: { type: 'string', multiple: true, default: [] },
  },
});

const executablePath = findChromium();
if (!executablePath) {
  console.error('screenshot: no Chromium found. Install one (apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(2);
}
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', values.port, '--base', '/hoplab/'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  await page.goto(`http://127.0.0.1:${values.port}/hoplab/${values.query}`);
  await page.getByTestId('engine-status').and(page.locator('[data-status="ready"]')).waitFor();
  for (const name of values.click) await page.getByRole('button', { name }).click();
  if (values.wait) await page.locator(values.wait).first().waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: values.out });
  console.log(`wrote ${values.out}`);
} finally {
  await browser.close();
  server.kill();
}
