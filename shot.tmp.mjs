import { chromium } from '@playwright/test';
const [,, url, out, w='1280', h='800', actions=''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage','--disable-background-networking','--disable-component-update','--no-first-run','--disable-sync','--disable-quic'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on('console', m => { if (m.type()==='error') console.log('console:', m.text()); });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForSelector('[data-status="ready"]', { timeout: 20000 });
for (const a of actions.split(';').filter(Boolean)) {
  const [kind, arg] = a.split('=');
  if (kind === 'click') await page.getByRole('button', { name: arg, exact: true }).first().click();
  else if (kind === 'radio') await page.getByRole('radio', { name: arg }).click();
  else if (kind === 'key') await page.keyboard.press(arg);
  else if (kind === 'wait') await page.waitForSelector(arg, { timeout: 20000 });
  else if (kind === 'ms') await page.waitForTimeout(+arg);
}
await page.waitForTimeout(400);
await page.screenshot({ path: out });
console.log(await page.evaluate(() => location.search));
await browser.close();
