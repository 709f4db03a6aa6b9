// Where a flow whose answer died is marked: on the node where the answer died, as the engine says, not on the
// last node the request reached. PortalVM's gateway is NCVM, which does not forward: the SYN arrives, PortalVM
// answers, and NCVM drops the SYN-ACK.
import AxeBuilder from '@axe-core/playwright';
import { writeFile } from 'node:fs/promises';
import { POC_TOPOLOGY } from '../src-engine/scenarios/poc';
import { elementBoxes } from './boxes';
import { expect, test } from './fixtures';

test('the drop marker stands under NCVM, where the answer died, not under PortalVM, which the request reached', async ({ hoplab, page }, info) => {
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

  // On the diagram: just under NCVM's box, its left edge inside it; clear of PortalVM's.
  const under = async (id: string) => {
    const [mark] = await elementBoxes(page, '.drop-marker-flow');
    const box = await hoplab.node(id).boundingBox();
    if (!mark || !box) return `no ${mark ? id : 'marker'} drawn`;
    return mark.x >= box.x && mark.x < box.x + box.width && mark.y >= box.y + box.height - 1 && mark.y < box.y + box.height + 24;
  };
  await expect.poll(() => under('NCVM')).toBe(true);
  expect(await under('PortalVM')).toBe(false);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
});
