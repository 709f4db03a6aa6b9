import { expect, test } from './fixtures';

const VMS = ['ADVM', 'ACSVM', 'BGPVM', 'MuxVM', 'NATVM', 'NCVM', 'PortalVM', 'SQLVM', 'xRPVM', 'ClientVM'];

test('the built site, served from a sub-path, draws the POC topology from the worker', async ({ hoplab, page }) => {
  await test.step('open the app from /hoplab/ and wait for the worker', async () => {
    await hoplab.open();
    expect(new URL(page.url()).pathname).toBe('/hoplab/');
  });

  await test.step('the switch and the two scopes are labelled', async () => {
    await expect(page.getByText('CCI_External_vSwitch', { exact: true })).toBeVisible();
    await expect(page.getByText('Management 192.168.100.0/24 ("vEthernet 1001")')).toBeVisible();
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
    const workers = page.workers();
    expect(workers.length).toBeGreaterThanOrEqual(1);
    expect(workers.some((w) => /worker-.*\.js$/.test(w.url()))).toBe(true);
  });
});
