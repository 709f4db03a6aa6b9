import { expect, test } from './fixtures';

const VMS = ['ADVM', 'ACSVM', 'BGPVM', 'MuxVM', 'NATVM', 'NCVM', 'PortalVM', 'SQLVM', 'xRPVM', 'ClientVM'];

test('the built site, served from a sub-path, draws the POC topology from the worker', async ({ hoplab, page }) => {
  await test.step('open the app from /hoplab/ and wait for the worker', async () => {
    await hoplab.open();
    expect(new URL(page.url()).pathname).toBe('/hoplab/');
  });

  await test.step('the switch and the two scopes are labelled', async () => {
    await expect(page.getByText('CCI_External_vSwitch', { exact: true })).toBeVisible();
    // Zoomed out to fit the laptop, the management title leaves its alias for zooming in (the BGP arcs rise beside it).
    const mgmt = page.locator('.net-management .net-label');
    await expect(mgmt.locator('.title')).toContainText('Management 192.168.100.0/24');
    await expect(mgmt).toContainText('VLAN 1001');
    await expect(mgmt.locator('.net-alias')).toBeHidden();
    const zoomIn = page.getByRole('button', { name: /zoom in/i });
    for (let i = 0; i < 4; i++) await zoomIn.click();
    await expect(page.locator('.react-flow')).toHaveAttribute('data-legible', 'full');
    await expect(mgmt.locator('.net-alias')).toHaveText('("vEthernet 1001")');
    await expect(mgmt.locator('.net-alias')).toBeVisible();
    await page.getByRole('button', { name: /fit view/i }).click();
    await expect(page.getByText('Transit 192.168.200.0/24')).toBeVisible();
  });

  await test.step('every one of the ten VMs is drawn with its address', async () => {
    for (const vm of VMS) await expect(hoplab.node(vm), vm).toBeVisible();
    await expect(hoplab.node('ClientVM')).toContainText('192.168.200.10/24');
    await expect(hoplab.node('PortalVM')).toContainText('192.168.100.9/24');
    await expect(hoplab.node('BGPVM')).toContainText('192.168.100.1/24');
    // BGPVM's transit arm is drawn in the transit network, MuxVM's PA in the PA network.
    await expect(hoplab.node('port:BGPVM:transit')).toContainText('192.168.200.2/24');
    await expect(page.locator('.net-transit')).toContainText('Transit');
  });

  await test.step('overlay and underlay: the PA network holds both PAs, joined by the VXLAN tunnel into VFP', async () => {
    await expect(hoplab.node('port:MuxVM:pa')).toContainText('192.168.233.6/24');
    await expect(hoplab.node('port:HyperVHost:pa')).toContainText('192.168.233.21/24');
    const tunnel = page.locator('.react-flow__edge[data-id="tunnel:MuxVM:HyperVHost"]');
    await expect(tunnel.locator('.tunnel-label')).toHaveText(['VXLAN', 'VNI 4096']);
    await expect(page.locator('.react-flow__node[data-id="HyperVHost"]')).toHaveCount(0);
    await expect(hoplab.node('vip:192.168.133.74')).toContainText('announced by MuxVM');
    await page.getByRole('button', { name: 'Overlay', exact: true }).click();
    await expect(hoplab.node('port:MuxVM:pa')).toBeHidden();
    await expect(hoplab.node('vip:192.168.133.74')).toBeVisible();
    await page.getByRole('button', { name: 'Underlay', exact: true }).click();
    await expect(hoplab.node('port:MuxVM:pa')).toBeVisible();
  });

  await test.step('the topology came from the worker, which the page started as a module worker', async () => {
    await expect.poll(() => page.workers().some((w) => /worker-.*\.js$/.test(w.url()))).toBe(true);
  });
});

/** Runs in the page: what the diagram held when React Flow first appeared and when its nodes first did (into window.__firstDrawing). */
function watchFirstDrawing() {
  const seen = { nodesAtFirst: -1, edgesWithFirstNodes: -1 };
  Object.assign(window, { __firstDrawing: seen });
  new MutationObserver(() => {
    const flow = document.querySelector('.react-flow');
    if (!flow) return;
    const nodes = flow.querySelectorAll('.react-flow__node').length;
    if (seen.nodesAtFirst < 0) seen.nodesAtFirst = nodes;
    if (nodes > 0 && seen.edgesWithFirstNodes < 0) seen.edgesWithFirstNodes = flow.querySelectorAll('.react-flow__edge').length;
  }).observe(document, { subtree: true, childList: true });
}

// The first screen's drawing comes in three tasks a frame apart, not one: React Flow alone (it lays the page out as
// it reads its size), then the nodes (measured by React Flow in the frame after), then the edges. In one task, on a
// loaded machine, they held the page for 50 to 70 ms of CPU.
test("the POC's first drawing mounts React Flow, then its nodes, then its edges, and every edge is drawn", async ({ hoplab, page }) => {
  await page.addInitScript(watchFirstDrawing);
  await hoplab.open();
  await expect(hoplab.node('ClientVM')).toBeVisible();
  // Every edge of the POC: the NIC wires, the BGP sessions, the VIP ties and the tunnel.
  await expect(page.locator('.react-flow__edge')).toHaveCount(17);
  expect(await page.evaluate(() => (window as unknown as { __firstDrawing: { nodesAtFirst: number; edgesWithFirstNodes: number } }).__firstDrawing)).toEqual({ nodesAtFirst: 0, edgesWithFirstNodes: 0 });
});

/** Records the diagram's text scale (--fz, see LegibleText.tsx) when its first node enters the page. */
function watchFirstTextScale() {
  new MutationObserver((_, observer) => {
    const flow = document.querySelector<HTMLElement>('.react-flow');
    if (!flow?.querySelector('.react-flow__node')) return;
    Object.assign(window, { __fzWithFirstNodes: flow.style.getPropertyValue('--fz') });
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
}

// The first nodes are laid out once, at their final text size: the fit is computed from their bounds as they mount
// (AutoFit), before the browser lays anything out. Fitted only after React Flow had measured them (fitView's promise),
// they were laid out at 100% and again, 1.75 times larger, in the same task: the longest-running task of the page's
// load (29 to 47 ms of CPU), with twice the fonts asked of the browser's font service, each a wait on it.
test("the POC's first nodes are laid out at the text size of the fitted view, not at 100% first", async ({ hoplab, page }) => {
  await page.addInitScript(watchFirstTextScale);
  await hoplab.open();
  await expect(hoplab.node('ClientVM')).toBeVisible();
  // At 1280 x 800 the POC is fitted below 100%: its labels are set larger.
  const flow = page.locator('.react-flow');
  await expect(flow).toHaveAttribute('data-legible', 'scaled');
  // Polled: on a busy machine the area may still grow to the drawing's height (and the fit follow) after "scaled".
  await expect.poll(() => flow.evaluate((el) => el.style.getPropertyValue('--fz'))).toBe('1.75');
  expect(await page.evaluate(() => (window as unknown as { __fzWithFirstNodes?: string }).__fzWithFirstNodes)).toBe('1.75');
});

// After a run the forward path and the Direct Server Return are drawn together and told apart: the forward one
// solid, the return dashed in its own colour, each named in the key above the diagram; in both views.
test('at the end of the run the forward path and the Direct Server Return are drawn together, told apart', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await hoplab.toEnd();
  for (const view of ['Underlay', 'Overlay']) {
    await test.step(view, async () => {
      await page.getByRole('button', { name: view, exact: true }).click();
      const forward = page.locator('.trails > path.trail-forward');
      const back = page.locator('.trails > path.trail-back');
      // Drawn: paths of some length (a straight vertical one has an empty box, so Playwright calls it hidden).
      const drawn = (l: typeof forward) => l.evaluateAll((els) => els.filter((e) => (e as SVGPathElement).getTotalLength() > 20).length);
      await expect.poll(() => drawn(forward), { message: 'the forward path is drawn' }).toBeGreaterThan(0);
      await expect.poll(() => drawn(back), { message: 'the return path is drawn' }).toBeGreaterThan(0);
      const look = (l: typeof forward) => l.first().evaluate((el) => ({ stroke: getComputedStyle(el).stroke, dash: getComputedStyle(el).strokeDasharray }));
      const [f, b] = [await look(forward), await look(back)];
      expect(f.dash, 'the forward path is solid').toBe('none');
      expect(b.dash, 'the return path is dashed').not.toBe('none');
      expect(b.stroke, 'in a colour of its own').not.toBe(f.stroke);
      const key = page.getByRole('list', { name: 'Paths of the flow' });
      await expect(key).toContainText('forward');
      await expect(key).toContainText('return: Direct Server Return');
    });
  }
});
