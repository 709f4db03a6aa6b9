// A large topology (hundreds of VMs, drawn for scale): the From field suggests the sources instead of
// listing them all (a list of thousands of options is slow to build, to style and to pick from), says so
// when the typed source is not one of them, and runs a flow from one that is.
import { writeFile } from 'node:fs/promises';
import { axe } from './axe';
import { generateTopology } from '../src-engine/scenarios/generate';
import { expect, test } from './fixtures';

test('on a 300-VM topology From suggests the sources, refuses one that is not there, and sends from one that is', async ({ hoplab, page }, info) => {
  const doc = generateTopology({ vms: 300, vips: 4, seed: 1 });
  const file = info.outputPath('large.json');
  await writeFile(file, JSON.stringify(doc));
  await hoplab.open();
  await page.getByLabel('Topology file').setInputFiles(file);
  await expect(hoplab.node('Client0')).toBeAttached();
  const form = page.getByRole('form', { name: 'Send traffic' });
  const from = form.getByLabel('From');
  await test.step('From is a field whose suggestions are the sources, built when it is first focused', async () => {
    await expect(form.locator('select')).toHaveCount(0);
    await expect(page.locator('datalist#send-sources')).toHaveCount(0);
    await from.focus();
    await expect(page.locator('datalist#send-sources option')).toHaveCount(doc.nodes.filter((n) => n.interfaces.length > 0).length);
    await expect(page.locator('datalist#send-sources option[value="Client0"]')).toHaveCount(1);
  });
  const vip = doc.slb!.rules[0]!.vip;
  await test.step('a source that is not in the topology is named under the field, and nothing runs', async () => {
    await from.fill('Client9999');
    await form.getByLabel('To').fill(`${vip}:443`);
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('alert')).toContainText('There is no VM named "Client9999" to send from');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(hoplab.flowStatus).toHaveCount(0);
    expect((await axe(page).include('form[aria-label="Send traffic"]').analyze()).violations).toEqual([]);
  });
  await test.step('a source from the suggestions sends the flow', async () => {
    await from.fill('Client0');
    await expect(from).not.toHaveAttribute('aria-invalid', 'true');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(hoplab.flowStatus).toContainText(`Client0 → ${vip}:443`);
  });
});

/** What the page shows while a large drawing is partial (see the test below), gathered after every change to the page. */
interface Partial {
  batches: number;
  vmsPainted: number;
  wiresPainted: number;
  /** The nodes in the page when the large drawing is first seen; -1 until then. */
  nodesAtFirst: number;
  /** What the drawing's status said while VMs were mounted but not painted. */
  status: string;
}

/** Runs in the page: watches the diagram while it is partial (web/diagram/TopologyView.tsx) into window.__partial. */
function watchPartial() {
  const seen: Partial = { batches: 0, vmsPainted: 0, wiresPainted: 0, nodesAtFirst: -1, status: '' };
  Object.assign(window, { __partial: seen });
  new MutationObserver(() => {
    const flow = document.querySelector('.react-flow[data-drawing="partial"]');
    if (flow && seen.nodesAtFirst < 0) seen.nodesAtFirst = flow.querySelectorAll('.react-flow__node').length;
    const vms = flow ? [...flow.querySelectorAll('.react-flow__node-vm')] : [];
    if (!flow || vms.length === 0) return;
    seen.batches++;
    seen.status = flow.querySelector('[role=status].drawing-status')?.textContent ?? '';
    seen.vmsPainted += vms.filter((n) => n.checkVisibility({ visibilityProperty: true })).length;
    if (flow.querySelector('.react-flow__edges')?.checkVisibility({ visibilityProperty: true })) seen.wiresPainted++;
  }).observe(document, { subtree: true, childList: true });
}

test("a large topology's VMs and wires are not painted while its VMs are handed over in batches, then they are; reopened, its drawing mounts before its nodes", async ({ hoplab, page }, info) => {
  // 1,000 VMs: ten batches of 100 (web/diagram/TopologyView.tsx), with frames between them.
  const doc = generateTopology({ vms: 1000, vips: 4, seed: 1 });
  const file = info.outputPath('large.json');
  await writeFile(file, JSON.stringify(doc));
  await hoplab.open();
  // Each batch painted into the drawing had the browser raster its layer again.
  await page.evaluate(watchPartial);
  await page.addInitScript(watchPartial);
  await page.getByLabel('Topology file').setInputFiles(file);
  const partial = () => page.evaluate(() => (window as unknown as { __partial: Partial }).__partial);
  const drawnWhole = async () => {
    // Seen partial with VMs mounted, then drawn whole.
    await expect.poll(async () => (await partial()).batches).toBeGreaterThan(0);
    await expect(page.locator('.react-flow')).toHaveCount(1);
    await expect(page.locator('[data-drawing="partial"]')).toHaveCount(0);
    const seen = await partial();
    expect(seen.vmsPainted).toBe(0);
    expect(seen.wiresPainted).toBe(0);
    // The empty drawing says why, and says no more once it is whole.
    expect(seen.status).toBe(`Drawing ${doc.nodes.filter((n) => n.kind === 'vm').length.toLocaleString('en')} VMs…`);
    await expect(page.locator('.drawing-status')).toHaveCount(0);
    // Drawn whole: the VMs in view and the wires are painted.
    await expect(hoplab.node('Client0')).toBeVisible();
    expect(await page.locator('.react-flow__edges').evaluate((e) => e.checkVisibility({ visibilityProperty: true }))).toBe(true);
    return seen;
  };
  await drawnWhole();
  // Opened again, the kept topology is drawn at once: React Flow mounts with no node in the page (it reads its own
  // size as it mounts, and that read laid out every node mounted with it, in the same task), the nodes follow.
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
  expect((await drawnWhole()).nodesAtFirst).toBe(0);
});
