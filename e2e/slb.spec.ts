// The SLB beyond the load-balanced flow: outbound NAT (PortalVM reaching ClientVM leaves as the VIP, its
// answer comes back through the MUX and VFP), and the health probes taking a failed DIP out of rotation
// so the MUX moves new flows to the second portal DIP.
import { expect, test } from './fixtures';

test('outbound NAT: PortalVM pings ClientVM as the VIP; the answer comes back through the MUX', async ({ hoplab, events, page }) => {
  await test.step('send from PortalVM to ClientVM', async () => {
    await hoplab.open('?motion=off');
    await hoplab.send('PortalVM', 'ClientVM');
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  });

  await test.step('the event list names the translation VFP made', async () => {
    const created = events.row(/VFP outbound NAT \(portal-outbound\): ICMP 192\.168\.100\.9:\d+ -> 192\.168\.200\.10 leaves as VIP 192\.168\.133\.74:10000/);
    await expect(created).toHaveCount(1);
    await created.click();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why).toContainText('outbound NAT (rule portal-outbound): VFP on PortalVM.eth0 rewrites the source DIP 192.168.100.9');
    await expect(why).toContainText('without passing the MUX');
  });

  await test.step('the answer reaches the MUX, which knows the port range, and VFP translates it back', async () => {
    await events.row(/MuxVM pa -> CCI_External_vSwitch MuxVM\.pa: VXLAN 192\.168\.233\.6 -> 192\.168\.233\.21 VNI 4096 \[192\.168\.200\.10 -> 192\.168\.133\.74 ICMP echo-reply/).click();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why).toContainText('is in the range 10000-10999 the SLB manager gave HyperVHost for outbound NAT (rule portal-outbound)');
    await events.row(/CCI_External_vSwitch PortalVM\.eth0 -> PortalVM eth0: 192\.168\.200\.10 -> 192\.168\.100\.9 ICMP echo-reply/).click();
    await expect(why).toContainText('rewrites the destination back to DIP 192.168.100.9');
  });
});

test('health probes: with a second portal DIP, failing PortalVM moves new flows to PortalVM2', async ({ hoplab, events, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await page.getByRole('button', { name: 'Second portal DIP' }).click();
  await expect(page.getByRole('button', { name: 'Second portal DIP' })).toHaveAttribute('aria-pressed', 'true');
  await expect(hoplab.node('PortalVM2')).toBeVisible();
  await hoplab.failFromContextMenu('PortalVM');
  await expect(page.getByRole('list', { name: 'What-ifs in this run' })).toContainText('PortalVM fails at');
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  await expect(events.row(/SLB host agent on HyperVHost: DIP 192\.168\.100\.9:443 \(PortalVM\) failed 11 probes in a row/)).toHaveCount(1);
  const out = events.row(/MuxVM: DIP 192\.168\.100\.9:443 is out of rotation for rule portal-https \(in rotation: 192\.168\.100\.10:443\)/);
  await expect(out).toHaveCount(1);
  await events.row(/MuxVM mgmt -> .*VXLAN .* \[192\.168\.200\.10:\d+ -> 192\.168\.133\.74:443 TCP SYN/).first().click();
  await expect(page.getByRole('region', { name: 'Why' })).toContainText('picks DIP 192.168.100.10:443 (1 of 2 DIPs in rotation; 192.168.100.9:443 out: its health probes fail)');
});
