// Where a flow whose answer died is marked: on the node where the answer died, as the engine says, not on the
// last node the request reached. PortalVM's gateway is NCVM, which does not forward: the SYN arrives, PortalVM
// answers, and NCVM drops the SYN-ACK.
import { axe } from './axe';
import { writeFile } from 'node:fs/promises';
import { POC_TOPOLOGY } from '../src-engine/scenarios/poc';
import { elementBoxes, overlap, textBoxes } from './boxes';
import { expect, test } from './fixtures';

test('the drop marker stands under NCVM, where the answer died, not under PortalVM, which the request reached', async ({ hoplab, page }, info) => {
  // A topology loaded, a run, its end, boxes and a whole-page audit: over a minute on a loaded machine.
  test.setTimeout(120_000);
  await hoplab.open('?motion=off');
  const doc = structuredClone(POC_TOPOLOGY) as { nodes: { id: string; routes?: { via: string }[] }[] };
  const portal = doc.nodes.find((n) => n.id === 'PortalVM')!;
  portal.routes = portal.routes!.map((r) => ({ ...r, via: '192.168.100.5' }));
  const file = info.outputPath('portal-via-ncvm.json');
  await writeFile(file, JSON.stringify(doc));
  await page.getByLabel('Topology file').setInputFiles(file);
  await expect(page.getByRole('button', { name: 'Reset to the POC' })).toBeEnabled();

  await hoplab.runPreset();
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'not-a-router');
  const died = page.getByRole('note', { name: /^The flow died at / });
  await expect(died).toHaveCount(1);
  await expect(died).toHaveAccessibleName(/^The flow died at NCVM: sent to a host that does not forward: PortalVM accepts the connection: a service listens on TCP 443, but the answer never came back: NCVM does not forward packets/);
  await expect(died).toContainText('flow died: sent to a host that does not forward');
  // NCVM's own drop stands on the same marker, under the flow's line: its reason is on the diagram too (the flow's
  // marker had hidden it), and read with the flow's.
  const own = died.locator('.drop-own');
  await expect(own).toHaveText('NCVM is not a router: packet to 192.168.200.10 dropped');
  await expect(own).toBeVisible();
  await expect(died).toHaveAccessibleName(/\. Dropped there too: NCVM is not a router: packet to 192\.168\.200\.10 dropped$/);
  await expect(page.getByRole('note', { name: /^Dropped at NCVM/ })).toHaveCount(0);
  // Both lines lie inside the marker's box, which covers no device's name or address.
  await expect.poll(async () => {
    const [mark] = await elementBoxes(page, '.drop-marker-flow');
    const [line] = await elementBoxes(page, '.drop-marker-flow .drop-own');
    if (!mark || !line) return 'not drawn';
    const inside = line.x >= mark.x - 0.5 && line.x + line.w <= mark.x + mark.w + 0.5 && line.y >= mark.y - 0.5 && line.y + line.h <= mark.y + mark.h + 0.5;
    const names = await textBoxes(page, { within: ':is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)', skip: '.hop-badges' });
    const covered = names.filter((n) => overlap(mark, n)).map((n) => n.what);
    // Nor a shown badge: PortalVM's "receives" under it yields, as under a resting packet.
    const badges = (await elementBoxes(page, '.react-flow__node .hop-badges', 'text')).filter((b) => overlap(mark, b)).map((b) => `badge ${b.what}`);
    return inside ? [...covered, ...badges] : 'the own line is outside the marker';
  }).toEqual([]);

  // On the diagram: just under NCVM's box, its left edge inside it; clear of PortalVM's.
  const under = async (id: string) => {
    const [mark] = await elementBoxes(page, '.drop-marker-flow');
    const box = await hoplab.node(id).boundingBox();
    if (!mark || !box) return `no ${mark ? id : 'marker'} drawn`;
    return mark.x >= box.x && mark.x < box.x + box.width && mark.y >= box.y + box.height - 1 && mark.y < box.y + box.height + 24;
  };
  await expect.poll(() => under('NCVM')).toBe(true);
  expect(await under('PortalVM')).toBe(false);

  const found = await axe(page).analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
});
