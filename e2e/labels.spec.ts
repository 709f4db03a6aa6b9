// The BGP session's label rides the top of its arc, in the host's title band: it never covers the title of
// the speakers' network or of the host, on a laptop (where the diagram's text is enlarged) and on a
// projector, before a run and at its end (the label then names the session's state).
import type { Page } from '@playwright/test';
import { elementBoxes, overlap, strokeSamples, textBoxes } from './boxes';
import { CANONICAL_LINK, canonicalSteps } from './canonicalSteps';
import { expect, test } from './fixtures';

/** The titles (as text, measured by their glyphs, not their boxes) that the BGP label's pill covers. */
function coveredTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pill = document.querySelector('.bgp-label rect');
    if (!pill) return ['no BGP label'];
    const a = pill.getBoundingClientRect();
    const covered: string[] = [];
    for (const title of document.querySelectorAll('.net-label, .host-label')) {
      const range = document.createRange();
      range.selectNodeContents(title);
      for (const b of range.getClientRects()) {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) covered.push(title.textContent ?? '');
      }
    }
    return [...new Set(covered)];
  });
}

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}x${size.height} the BGP session's label covers no network's title`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    await hoplab.open('?motion=off');
    await expect(page.locator('.bgp-label')).toContainText('eBGP AS64628 ↔ AS64647');
    await expect.poll(() => coveredTitles(page)).toEqual([]);
    await hoplab.runPreset();
    await hoplab.toEnd();
    await expect(page.locator('.bgp-label')).toContainText('Established');
    await expect.poll(() => coveredTitles(page)).toEqual([]);
  });
}

// The device badges and the titles, against what is drawn near them. A badge ("sends", "receives") hangs
// outside its device's box on the side away from the switch, so it never covers the device's name (the
// diagram's text is enlarged when it is zoomed out: at 1280x800 a badge inside the box covered "MuxVM").
// Below the switch a network's title sits along its bottom edge, so the wires, the tunnel and the paths
// coming down from the switch never cross it (they crossed "192" of the Transit title, and the PA title).

/** The canonical run's steps these checks look at: senders and receivers above and below the switch. */
const STEPS = await canonicalSteps();
const LOOK_AT = [
  { step: 1, what: 'MuxVM sends its first ARP request' },
  { step: STEPS.clientArpFlood - 1, what: 'ClientVM, below the switch, sends its ARP request' },
  { step: STEPS.clientArpFlood, what: "the switch floods ClientVM's ARP request to NATVM and BGPVM's transit arm" },
  { step: STEPS.vxlanSyn, what: 'the VXLAN leg (MuxVM sends)' },
  { step: STEPS.vfpSyn, what: 'VFP delivers the SYN to PortalVM' },
  { step: STEPS.dsrSynAck, what: 'BGPVM sends the SYN-ACK by Direct Server Return' },
  { step: STEPS.total, what: 'the last step (every path drawn)' },
];

/** What a badge covers: any other text of the diagram, or a token. */
async function badgeCovers(page: Page): Promise<string[]> {
  const badges = await elementBoxes(page, '.react-flow__node .hop-badges .badge');
  if (badges.length === 0) return ['no badge is drawn'];
  const others = [...(await textBoxes(page, { skip: '.hop-badges' })), ...(await elementBoxes(page, '.token .token-body'))];
  return badges.flatMap((b) => others.filter((o) => overlap(b, o)).map((o) => `${b.what} covers ${o.what}`));
}

/** What crosses a network's or the host's title (its glyphs): NIC wires, the VXLAN tunnel, the run's paths. */
async function titleCrossings(page: Page): Promise<string[]> {
  const titles = await textBoxes(page, { within: ':is(.net-label, .host-label)' });
  if (titles.length < 4) return [`only ${titles.length} title texts are drawn`];
  const lines = await strokeSamples(page, '.react-flow__edge.edge-nic path.react-flow__edge-path, .react-flow__edge.edge-tunnel :is(.tunnel-pipe, .tunnel-core), .trails > path');
  if (lines.length < 200) return [`only ${lines.length} points along the lines`];
  const crossed = new Set<string>();
  for (const l of lines) for (const t of titles) if (overlap(l, t)) crossed.add(`${l.what} crosses ${t.what}`);
  return [...crossed];
}

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }]) {
  test(`at ${size.width}x${size.height} no device's badge covers a name, a title or a token, and no line crosses a title`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    for (const look of LOOK_AT) {
      await test.step(look.what, async () => {
        await hoplab.open(`${CANONICAL_LINK}&step=${look.step - 1}`);
        await expect(page.locator('.step-readout')).toContainText(`Step ${look.step} of`);
        await expect(page.locator('.token').first()).toBeAttached();
        // The diagram may still be fitting itself to its area: polled until what is drawn is right.
        await expect.poll(() => badgeCovers(page), { message: `${look.what}: badges` }).toEqual([]);
        await expect.poll(() => titleCrossings(page), { message: `${look.what}: titles` }).toEqual([]);
        // Every title is shown: none yields to a resting token (the PA network's did at the VXLAN leg).
        for (const title of await page.locator('.react-flow__node :is(.net-label, .host-label)').all()) await expect(title).toBeVisible();
      });
    }
  });
}
