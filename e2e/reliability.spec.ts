// Nothing lost, and an engine that can die: the user's topology, flow and view survive a reload; a corrupt
// saved state is reported, not crashed on; the worker is killed in the middle of a run and the app restarts
// it, says so, and keeps working with the user's state intact; the published page runs under its
// Content-Security-Policy with no violation.
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { generateTopology } from '../src-engine/scenarios/generate';
import { POC_TOPOLOGY } from '../src-engine/scenarios/poc';
import { expect, test } from './fixtures';

interface Kept {
  state?: { view?: { step?: number }; topology?: { source: string; id: number } };
  topology?: { id: number; doc: unknown };
}

/**
 * What the page keeps in IndexedDB (database "hoplab", store "kept"). Read only once the app has opened it
 * (opening a database that does not exist yet would create it without the app's store).
 */
const kept = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Kept>((resolve, reject) => {
        const open = indexedDB.open('hoplab');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB would not open'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kept');
          const state = tx.objectStore('kept').get('state@1');
          const topology = tx.objectStore('kept').get('topology@1');
          tx.oncomplete = () => {
            db.close();
            resolve({ state: state.result as Kept['state'], topology: topology.result as Kept['topology'] });
          };
        };
      }),
  );
const keptText = async (page: Page) => JSON.stringify(await kept(page));

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
    await expect.poll(async () => (await keptText(page)).includes('a role only this file has')).toBe(true);
    await expect.poll(async () => (await kept(page)).state?.view?.step).toBe(step - 1);
    // Nothing in localStorage any more: the state is in IndexedDB.
    expect(await page.evaluate(() => localStorage.getItem('hoplab/state@1'))).toBeNull();
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
    await expect.poll(async () => (await keptText(page)).includes('a role only this file has')).toBe(false);
    expect((await kept(page)).topology).toBeUndefined();
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

test('a corrupt state in IndexedDB is reported and set aside; the POC opens and works', async ({ hoplab, playback, page }) => {
  // Seeded before the app's first script: its requests queue behind these.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const open = indexedDB.open('hoplab');
    open.onupgradeneeded = () => open.result.createObjectStore('kept');
    open.onsuccess = () => {
      const tx = open.result.transaction('kept', 'readwrite');
      tx.objectStore('kept').put({ version: 1, topology: { source: 'lost.json', id: 5 }, view: { speed: 1, motion: 'on', largeText: false, hidden: [] } }, 'state@1');
      tx.oncomplete = () => open.result.close();
    };
  });
  await hoplab.open();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read back' });
  await expect(alert).toContainText('the saved topology is missing');
  await expect(alert).toContainText('IndexedDB (database "hoplab", entry "state@1.unreadable")');
  await expect.poll(async () => (await kept(page)).state?.topology).toBeUndefined();
  await hoplab.runPreset();
  await expect.poll(() => playback.total()).toBeGreaterThan(10);
});

test('a state kept in localStorage by an earlier version opens, and moves to IndexedDB', async ({ hoplab, page }) => {
  const doc = structuredClone(POC_TOPOLOGY) as { name: string; nodes: { id: string; role: string }[] };
  doc.nodes.find((n) => n.id === 'SQLVM')!.role = 'kept by an earlier version';
  const old = { version: 1, topology: { doc, source: 'old.json' }, view: { speed: 1, motion: 'on', largeText: false, hidden: [] } };
  await page.addInitScript((text) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('hoplab/state@1', text);
  }, JSON.stringify(old));
  await hoplab.open();
  await expect(hoplab.node('SQLVM')).toContainText('kept by an earlier version');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('hoplab/state@1'))).toBeNull();
  expect(await keptText(page)).toContain('kept by an earlier version');
  await page.reload();
  await expect(hoplab.node('SQLVM')).toContainText('kept by an earlier version');
});

test('the largest documented topology (4,000 VMs) is kept and opens again on reload', async ({ hoplab, page }, info) => {
  test.slow(); // 4,000 VMs to validate, lay out and draw, twice
  const doc = generateTopology({ vms: 4000, vips: 20, seed: 1 });
  const file = info.outputPath('4000.json');
  await writeFile(file, JSON.stringify(doc));
  await hoplab.open();
  await page.getByLabel('Topology file').setInputFiles(file);
  await expect(hoplab.node('Client0')).toBeAttached({ timeout: 30_000 });
  await expect.poll(async () => (await kept(page)).state?.topology?.source, { timeout: 30_000 }).toBe('4000.json');
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(hoplab.node('Client0')).toBeAttached({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Reset to the POC' })).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
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
