// The lesson the app exists for: ClientVM opens https://portal.azurestack.local, hop by hop.
import { expect, test } from './fixtures';

const SWITCH = 'CCI_External_vSwitch';

test('the preset flow, stepped hop by hop: the right node lights up and the inspector shows the right headers', async ({ hoplab, playback, inspector }) => {
  await test.step('open with motion off (tokens jump) and run the preset in the worker', async () => {
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    // The outcome is not told before the packet has moved.
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'pending');
    await expect(hoplab.flowStatus).toContainText('Flow under way');
    await expect(playback.play).toBeEnabled();
    await expect(playback.speed).toBeVisible();
    await expect(playback.timeline).toBeVisible();
  });

  const seen: string[] = [];
  let sawMux = false;
  let sawPortal = false;
  let sawReturnRewrite = false;

  await test.step('step through every hop of the DNS lookup, the SYN and the SYN-ACK', async () => {
    for (let i = 0; i < 80; i++) {
      const { node, end, part } = await inspector.hop(await playback.stepForward());
      if (node) {
        // The node whose decision sent this frame is the one drawn as sending it.
        await expect(hoplab.nodeIn('sender')).toHaveAttribute('data-id', node);
        seen.push(`${part.split('·')[0]!.trim()}: ${node}`);
      }
      if (node === 'MuxVM' && part.startsWith('TCP')) {
        sawMux = true;
        await test.step('at MuxVM: VXLAN, UDP 4789, VNI 4096, an inner packet to the VIP 192.168.133.74', async () => {
          await expect(hoplab.node('MuxVM')).toHaveAttribute('data-hop', 'sender');
          await expect(inspector.layer('vxlan')).toBeVisible();
          await expect(inspector.field('udp', 'Destination port')).toContainText('4789');
          await expect(inspector.field('vxlan', 'VXLAN network identifier \\(VNI\\)')).toContainText('4096');
          await expect(inspector.field('ipv4', 'Destination address', 1)).toContainText('192.168.133.74');
          await expect(inspector.changes).toContainText('Outer headers added: Ethernet II, IPv4, UDP, VXLAN');
        });
      }
      if (end === 'PortalVM' && part.startsWith('TCP')) {
        sawPortal = true;
        await test.step('at PortalVM: the destination rewritten to the DIP 192.168.100.9', async () => {
          await expect(hoplab.nodeIn('receiver')).toHaveAttribute('data-id', 'PortalVM');
          await expect(inspector.field('ipv4', 'Destination address')).toContainText('192.168.100.9');
          await expect(inspector.field('ipv4', 'Destination address')).toContainText('was 192.168.133.74');
          await expect(inspector.changes).toContainText('Outer headers removed: Ethernet II, IPv4, UDP, VXLAN');
          await expect(inspector.layer('vxlan')).toHaveCount(0);
        });
      }
      if (part.includes('the answer') && part.startsWith('TCP') && node === SWITCH && !sawReturnRewrite) {
        sawReturnRewrite = true;
        await test.step('on the way back: the source rewritten to the VIP 192.168.133.74, and no MuxVM hop', async () => {
          await expect(inspector.field('ipv4', 'Source address')).toContainText('192.168.133.74');
          await expect(inspector.field('ipv4', 'Source address')).toContainText('was 192.168.100.9');
          await expect(inspector.pathStrip()).toBeVisible();
          await expect(inspector.pathStrip()).not.toContainText('MuxVM');
          await expect(inspector.pathStrip()).toContainText('PortalVM');
        });
      }
      if (end === 'ClientVM' && part.startsWith('TCP') && part.includes('the answer')) break;
    }
  });

  await test.step('the hops came in the canonical order', async () => {
    expect(sawMux && sawPortal && sawReturnRewrite).toBe(true);
    const tcp = seen.filter((s) => s.startsWith('TCP') && !s.includes('the answer')).map((s) => s.split(': ').pop());
    expect(tcp).toEqual(['ClientVM', SWITCH, 'NATVM', SWITCH, 'BGPVM', SWITCH, 'MuxVM', SWITCH]);
    const back = seen.filter((s) => s.includes('the answer') && s.startsWith('TCP')).map((s) => s.split(': ').pop());
    expect(back).toEqual(['PortalVM', SWITCH, 'BGPVM', SWITCH]);
    expect(seen.some((s) => s.startsWith('DNS lookup') && s.endsWith('BGPVM'))).toBe(true);
  });

  await test.step("the selected field's bytes are highlighted, and a byte selects its field", async () => {
    await playback.stepBack();
    const dst = inspector.field('ipv4', 'Destination address');
    await dst.click();
    await expect(dst).toHaveAttribute('aria-pressed', 'true');
    await expect(inspector.bytes).toHaveAttribute('data-selected-start', '30');
    await expect(inspector.bytes.locator('.b.sel')).toHaveCount(8); // four hex bytes and their four characters
    await inspector.bytes.locator('[data-offset="23"]').first().click(); // the IPv4 protocol byte
    await expect(inspector.field('ipv4', 'Protocol')).toHaveAttribute('aria-pressed', 'true');
    await expect(inspector.bytes).toContainText('Protocol: bytes 23–23');
  });
});
