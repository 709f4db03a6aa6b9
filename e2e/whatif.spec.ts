// What-if: MuxVM fails. A first attempt inside BGPVM's hold time falls into the black hole (SYNs
// forwarded to the dead MUX, retransmitted, given up); BGPVM's TCP gives up on its unacknowledged
// KEEPALIVE (before the hold timer would), the session drops, the VIP routes go, and a second attempt
// dies in the loop the static routes leave. Restoring MuxVM brings the lesson back.
import { writeFile } from 'node:fs/promises';
import { POC_TOPOLOGY } from '../src-engine/scenarios/poc';
import { expect, test } from './fixtures';

test('fail MuxVM: the BGP withdrawal plays out and the flow fails with its reason; restore it', async ({ hoplab, playback, events, page }) => {
  await test.step('run the preset', async () => {
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  });

  await test.step('fail MuxVM from its context menu: the run is computed again with the what-if', async () => {
    await hoplab.failFromContextMenu('MuxVM');
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'pending');
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'ttl-exceeded');
    await expect(hoplab.flowStatus).toContainText('Flow failed: TTL exceeded');
    await expect(hoplab.flowStatus).toContainText(/attempt 1 at [\d.]+ s failed: node down; attempt 2 at [\d.]+ s failed: TTL exceeded/);
    await expect(page.getByRole('list', { name: 'What-ifs in this run' })).toContainText('MuxVM fails at');
  });

  await test.step('the events show the failure, the session drop and the route removal', async () => {
    await expect(events.row('MuxVM fails')).toHaveCount(1);
    // Windows TCP gives up on BGPVM's unacknowledged KEEPALIVE (5 retransmissions) before the 180 s hold timer.
    await expect(events.row(/BGPVM gives up on its connection to 192.168.100.6/).first()).toBeAttached();
    await expect(events.row('BGPVM removes 192.168.133.74/32')).toHaveCount(1);
    await events.row('BGPVM removes 192.168.133.74/32').click();
    await expect(hoplab.node('MuxVM')).toHaveAttribute('data-down', 'true');
    // Down, then (BGPVM peers passively) listening again: Idle, then Active (RFC 4271 8.2.2), never Established.
    await expect(page.locator('.bgp-label')).toContainText(/· (Idle|Active)/);
  });

  await test.step('at the end, the packet stays where it died, with the reason', async () => {
    await playback.timeline.focus();
    await page.keyboard.press('End');
    const died = page.getByRole('note', { name: /The flow died at BGPVM/ });
    await expect(died).toBeVisible();
    await expect(died).toContainText('flow (attempt 2) died: TTL exceeded');
    await expect(died).toHaveAccessibleName(/routing loop between NATVM and BGPVM/);
    const hole = page.getByRole('note', { name: /The flow died at MuxVM/ });
    await expect(hole).toContainText('flow died');
    await expect(hole).toHaveAccessibleName(/black hole: BGPVM still routes 192.168.133.74\/32 to MuxVM.*This is why BFD/);
    // The run's last frames are the SLB host agent's health probes of PortalVM (control plane): pick the
    // loop's end in the event list to read the flow's outcome.
    await events.row(/BGPVM: TTL expired for 192\.168\.200\.10 -> 192\.168\.133\.74/).last().click();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why.locator('.outcome')).toContainText('failed: TTL exceeded');
    await expect(why.locator('.outcome')).toContainText('routing loop between NATVM and BGPVM');
  });

  await test.step('restore MuxVM from its details: the flow is delivered again', async () => {
    const details = await hoplab.openDetails('MuxVM');
    await details.getByRole('button', { name: 'Restore MuxVM' }).click();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'pending');
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
    await expect(page.getByRole('list', { name: 'What-ifs in this run' })).toHaveCount(0);
  });
});

test('the event filters hide a protocol, and choosing an event moves the playhead there', async ({ hoplab, playback, events }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await test.step('hide ARP', async () => {
    await expect(events.row(/ARP who has/).first()).toBeVisible();
    await events.filter('ARP').click();
    await expect(events.filter('ARP')).toHaveAttribute('aria-pressed', 'false');
    await expect(events.row(/ARP who has/)).toHaveCount(0);
  });
  await test.step('an event selects its step; the step highlights its event', async () => {
    const vx = events.row(/VXLAN 192.168.233.6 -> 192.168.233.21/).first();
    await vx.click();
    await expect(vx).toHaveAttribute('aria-selected', 'true');
    await expect(hoplab.nodeIn('sender')).toHaveAttribute('data-id', 'MuxVM');
    const at = await playback.settled();
    expect(await playback.stepForward()).toBeGreaterThan(at);
    await expect(vx).toHaveAttribute('aria-selected', 'false');
    await expect(events.current.first()).toContainText('192.168.100.9');
  });
});

test('HTTPS after the handshake, then the PA network at MTU 1500: the full-size ClientHello dies at MuxVM, explained; undo it', async ({ hoplab, events, page }) => {
  const why = page.getByRole('region', { name: 'Why' });
  await test.step('the preset: the ClientHello names the portal, the server answers with its first flight', async () => {
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
    await events.row(/TLS ClientHello \(SNI portal\.azurestack\.local\)/).first().click();
    await expect(why).toContainText('server_name extension (SNI)');
    await events.row(/192\.168\.100\.9:443 -> .*TLS ServerHello/).first().click();
    await expect(why).toContainText('segment 1 of 2 holds ServerHello and the start of Certificate');
  });

  await test.step('set the PA network to 1500 from the what-if bar: the flow fails, too big for the MTU', async () => {
    await page.getByRole('button', { name: "What if the PA network's MTU were 1500?" }).click();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'pending');
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'too-big');
    await expect(hoplab.flowStatus).toContainText('Flow failed: packet too big for the MTU');
    await expect(page.getByRole('list', { name: 'What-ifs in this run' })).toContainText('pa network MTU 1500');
    await expect(events.row(/MuxVM drops a 1550-byte VXLAN packet/)).toHaveCount(6);
    await expect(events.row(/ClientVM retransmits 1460 bytes/)).toHaveCount(5);
    await events.row(/TLS ClientHello/).first().click();
    await expect(why).toContainText('only that direction crosses the MUX and its VXLAN leg');
  });

  await test.step('undo it: delivered again', async () => {
    await page.getByRole('button', { name: 'Undo: pa network MTU 1500' }).click();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'pending');
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  });
});

test('a second portal DIP with no free address after PortalVM\'s: the event list says why none was added', async ({ hoplab, events, page }, info) => {
  // PortalVM moved to 192.168.100.254, the last host address of its /24: no room after it for PortalVM2.
  const file = info.outputPath('portal-at-254.json');
  await writeFile(file, JSON.stringify(POC_TOPOLOGY).replaceAll('"192.168.100.9"', '"192.168.100.254"').replaceAll('"192.168.100.9/24"', '"192.168.100.254/24"'));
  await hoplab.open('?motion=off');
  await page.getByLabel('Topology file').setInputFiles(file);
  await expect(hoplab.node('PortalVM')).toContainText('192.168.100.254/24');
  await hoplab.runPreset();
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  await page.getByRole('button', { name: 'Second portal DIP' }).click();
  await expect(page.getByRole('button', { name: 'Second portal DIP' })).toHaveAttribute('aria-pressed', 'true');
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  await expect(
    events.row("What-if: no second portal DIP added: PortalVM's 192.168.100.254 is the last host address of its /24 (.255 is the broadcast), so the rule portal-https keeps its one DIP"),
  ).toHaveCount(1);
  await expect(hoplab.node('PortalVM2')).toHaveCount(0);
});
