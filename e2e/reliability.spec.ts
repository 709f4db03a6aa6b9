// Nothing lost, and an engine that can die: the user's topology, flow and view survive a reload; a corrupt
// saved state is reported, not crashed on; the worker is killed in the middle of a run and the app restarts
// it, says so, and keeps working with the user's state intact; the published page runs under its
// Content-Security-Policy with no violation.
import { writeFile } from 'node:fs/promises';
import { POC_TOPOLOGY } from '../src-engine/scenarios/poc';
import { expect, test } from './fixtures';

test('the loaded topology, the flow and the step survive a reload; "Reset to the POC" forgets them', async ({ hoplab, playback, page }, info) => {
  await hoplab.open();
  await test.step('load a topology file and run a flow in it', async () => {
    const doc = structuredClone(POC_TOPOLOGY) as { name: string; nodes: { id: string; role: string }[] };
    doc.name = 'Kept across reloads';
    doc.nodes.find((n) => n.id === 'SQLVM')!.role = 'a role only this file has';
    const file = info.outputPath('kept.json');
    await writeFile(file, JSON.stringify(doc));
    await page.getByLabel('Topology file').setInputFiles(file);
    await expect(hoplab.node('SQLVM')).toContainText('a role only this file has');
    await hoplab.runPreset();
  });
  // Each step waits until the page shows it, so the step it returns is the one the page will keep.
  await playback.stepForward();
  const step = await playback.stepForward();
  await test.step('reload: the same topology, flow and step come back', async () => {
    // The state is written as the user works; give it the moment it is debounced by, then reload.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('hoplab/state@1')?.includes('a role only this file has') ?? false)).toBe(true);
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('hoplab/state@1') ?? '{}').view?.step)).toBe(step - 1);
    // The address is a link too (it wins over the kept state on reload), written on its own short delay.
    await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(step - 1));
    await page.reload();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
    await expect(hoplab.node('SQLVM')).toContainText('a role only this file has');
    await expect(hoplab.flowStatus).toContainText('ClientVM → https://portal.azurestack.local');
    await expect.poll(() => playback.step()).toBe(step);
  });
  await test.step('reset to the POC, reload: the POC, with no flow', async () => {
    await page.getByRole('button', { name: 'Reset to the POC' }).click();
    await expect(hoplab.node('SQLVM')).not.toContainText('a role only this file has');
    await expect(hoplab.flowStatus).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reset to the POC' })).toBeDisabled();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('hoplab/state@1')?.includes('a role only this file has'))).toBe(false);
    await page.reload();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
    await expect(hoplab.node('SQLVM')).toBeVisible();
    await expect(hoplab.node('SQLVM')).not.toContainText('a role only this file has');
    await expect(hoplab.flowStatus).toHaveCount(0);
  });
});

test('a corrupt saved state is reported and set aside; the POC opens and works', async ({ hoplab, playback, page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('hoplab/state@1', '{"version":1,"view":{"speed":"fast"');
    }
  });
  await hoplab.open();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read back' });
  await expect(alert).toContainText('it is not valid JSON');
  await expect(alert).toContainText('hoplab/state@1.unreadable');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('hoplab/state@1.unreadable'))).toBe('{"version":1,"view":{"speed":"fast"');
  await hoplab.runPreset();
  await expect.poll(() => playback.total()).toBeGreaterThan(10);
});

test('the engine worker is killed in the middle of a run: the app restarts it, says so, and keeps the user state', async ({ hoplab, playback, page }) => {
  await hoplab.open();
  await hoplab.runPreset();
  await expect.poll(() => playback.total()).toBeGreaterThan(10);
  await playback.stepForward();
  await expect.poll(() => page.workers().length, 'the engine worker').toBeGreaterThanOrEqual(1);
  const [first] = page.workers();
  await test.step('fail MuxVM (a second run starts) and end the worker while it works', async () => {
    const closed = page.waitForEvent('worker');
    await hoplab.failFromContextMenu('MuxVM');
    // The worker ends itself, as a crash or the browser reclaiming it would: no message, no error event.
    await first!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);
    await closed; // its successor has started
  });
  await test.step('the user is told, the topology and the view are intact, and the engine answers again', async () => {
    await expect(page.getByRole('status').filter({ hasText: 'The engine stopped and was restarted' })).toBeVisible();
    await expect(hoplab.node('PortalVM')).toBeVisible();
    await expect(hoplab.flowStatus).toBeVisible();
    // Whatever the run in flight became, the app works: run the flow again, and ask the new worker for tables.
    await hoplab.runPreset();
    await expect(hoplab.flowStatus).toContainText('ClientVM → https://portal.azurestack.local');
    await expect(playback.play).toBeEnabled();
    const details = await hoplab.openDetails('BGPVM');
    await expect(details.getByRole('table').first()).toBeVisible();
  });
});

test('the published page carries a Content-Security-Policy, and the app, its worker and the download work under it', async ({ hoplab, playback, page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await hoplab.open();
  const csp = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(csp).toHaveAttribute('content', /script-src 'self'/);
  await expect(csp).not.toHaveAttribute('content', /unsafe-eval/);
  await hoplab.runPreset();
  await expect.poll(() => playback.total()).toBeGreaterThan(10);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download pcapng' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pcapng$/);
  // An inline script is refused: the policy is in force, not just present.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
  // The only violation is the one provoked here; the app itself caused none.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(['script-src-elem inline']);
  await expect.poll(() => hoplab.consoleErrors.length).toBe(1);
  expect(hoplab.consoleErrors[0]).toContain("Executing inline script violates the following Content Security Policy directive 'script-src 'self''");
  hoplab.consoleErrors.length = 0;
});
