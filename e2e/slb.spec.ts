// The SLB beyond the load-balanced flow: outbound NAT (PortalVM reaching ClientVM leaves as the VIP, its
// answer comes back through the MUX and VFP), and the host agent's health probes taking a failed DIP out of
// the MUX's rotation.
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
    await events.row(/CCI_External_vSwitch\s*BGPVM\s*ICMP\s*192\.168\.133\.74 -> 192\.168\.200\.10 ICMP echo-request/).click();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why).toContainText('outbound NAT (rule portal-outbound): VFP on PortalVM.eth0 rewrites the source DIP 192.168.100.9');
    await expect(why).toContainText('without passing the MUX');
  });

  await test.step('the answer reaches the MUX, which knows the port range, and VFP translates it back', async () => {
    await events.row(/MuxVM\s*CCI_External_vSwitch\s*VXLAN\s*VXLAN 192\.168\.233\.6 -> 192\.168\.233\.21 VNI 4096 \[192\.168\.200\.10 -> 192\.168\.133\.74 ICMP echo-reply/).click();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why).toContainText('is in the range 10000-10999 the SLB manager gave HyperVHost for outbound NAT (rule portal-outbound)');
    await events.row(/CCI_External_vSwitch\s*PortalVM\s*ICMP\s*192\.168\.200\.10 -> 192\.168\.100\.9 ICMP echo-reply/).click();
    await expect(why).toContainText('rewrites the destination back to DIP 192.168.100.9');
  });
});

// These runs hold minutes of probes, so the event list shows only the rows in view: the checks read the flow's
// status, whose title is the engine's account of how the flow ended.
test('health probes: PortalVM fails, the host agent reports it, and with no healthy DIP the flow is refused', async ({ hoplab }) => {
  await hoplab.open('?from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&whatif=fail%3APortalVM%401000000&motion=off');
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'no-healthy-dip');
  await expect(hoplab.flowStatus).toHaveAttribute('title', /health probes/);
});

test('health probes: with a second portal DIP the MUX moves the flow to the healthy one', async ({ hoplab }) => {
  await hoplab.open('?from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&whatif=fail%3APortalVM%401000000&knobs=secondDip&motion=off');
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  await expect(hoplab.flowStatus).toHaveAttribute('title', /PortalVM2 .*HyperVHost's SLB host agent had no answer to 11 health probes in a row and reported DIP 192\.168\.100\.9:443 down/);
});
