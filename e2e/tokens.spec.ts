// Packets never hide the network: at the busy steps of the canonical run (the BGP exchange, the ARP
// flood, the VXLAN leg, the Direct Server Return) every token, resting where its frame arrived, keeps
// clear of the diagram's labels and of the other tokens, and shows the TTL; a VXLAN frame shows the
// packet inside it.
import type { Page } from '@playwright/test';
import { elementBoxes, overlap, restingLabelCovers, yieldsToNothing, type Box, type Cover } from './boxes';
import { CANONICAL_LINK as RUN, canonicalSteps, secondMuxSteps } from './canonicalSteps';
import { everyStep } from './everyStep';
import { expect, test } from './fixtures';

// The busy steps, found by what their frames are (a new frame earlier in the run moves their numbers).
const STEPS = await canonicalSteps();

/** The labels a token must keep clear of (their elements' boxes). */
const LABELS = '.react-flow__node :is(.vm-name, .vm-addrs, .vm-role, .vm-note, .switch-name, .switch-sub, .port-name, .port-addr, .vfp, .net-label, .host-label, .hop-badges), .react-flow__edge .vlan-tag';

/** The tokens' boxes (named by their text) and the visible labels' boxes, as drawn. */
async function boxes(page: Page): Promise<{ tokens: Box[]; labels: Box[] }> {
  return { tokens: await elementBoxes(page, '.token .token-body', 'text'), labels: await elementBoxes(page, LABELS) };
}

/** What is wrong with the tokens as drawn: one without its TTL, one over a label or over another token. */
function covered({ tokens, labels }: { tokens: Box[]; labels: Box[] }): string[] {
  if (labels.length <= 20) return [`only ${labels.length} labels are drawn`];
  return tokens.flatMap((t) => [
    ...(/TTL \d+|^ARP/.test(t.what) ? [] : [`"${t.what}" shows no TTL`]),
    ...labels.filter((l) => overlap(t, l, 1)).map((l) => `"${t.what}" covers ${l.what}`),
    ...tokens.filter((o) => o !== t && overlap(t, o, 1)).map((o) => `"${t.what}" covers "${o.what}"`),
  ]);
}

const BUSY = [
  { step: STEPS.bgpUpdateSent, what: 'the BGP exchange: MuxVM sends a KEEPALIVE and the UPDATE at once', tokens: 2 },
  { step: STEPS.bgpUpdateForwarded, what: 'the switch forwards both to BGPVM', tokens: 2 },
  { step: STEPS.probeArpFlood, what: "PortalVM's ARP request (to answer the first health probe) flooded to every management port", tokens: 7 },
  { step: STEPS.clientArpFlood, what: "ClientVM's ARP request flooded to the transit ports", tokens: 2 },
  { step: STEPS.vxlanSyn, what: 'the VXLAN leg: the SYN wrapped by MuxVM, in the tunnel to the host', tokens: 1 },
  { step: STEPS.dsrSynAck, what: 'the Direct Server Return: the SYN-ACK leaves BGPVM for ClientVM', tokens: 1 },
];

for (const busy of BUSY) {
  test(`${busy.what}: tokens cover no label and no other token`, async ({ hoplab, page }) => {
    await hoplab.open(`${RUN}&step=${busy.step - 1}`);
    await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step} of`);
    await expect(page.locator('.token')).toHaveCount(busy.tokens);
    await expect(page.locator('.token:not(.token-arrived)')).toHaveCount(0);
    // The diagram may still be fitting itself to the window: wait until what is drawn is right.
    await expect.poll(async () => covered(await boxes(page)), { message: 'every token shows its TTL (ARP has none) and covers no label and no other token' }).toEqual([]);
  });
}

test('a packet inside a packet stays readable: the VXLAN envelope names its VNI around the inner SYN and its TTL', async ({ hoplab, page }) => {
  await hoplab.open(`${RUN}&step=${STEPS.vxlanSyn - 1}`);
  await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.vxlanSyn} of`);
  const token = page.locator('.token-vxlan');
  await expect(token.locator('.token-envelope-text')).toHaveText('VXLAN VNI 4096');
  await expect(token.locator('.token-pill')).toHaveText('TCP SYN · TTL 126');
  // Legible at laptop size: 12 CSS px or more on screen, whatever the diagram's zoom.
  await expect
    .poll(() =>
      token.locator('.token-pill').evaluate((el) => {
        const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
        return parseFloat(getComputedStyle(el).fontSize) * new DOMMatrix(getComputedStyle(vp).transform).a;
      }),
    )
    .toBeGreaterThanOrEqual(12);
});

// A second MUX, when switched on, is drawn and wired: a frame that reaches MuxVM2 is drawn arriving there, on
// its management NIC and on its PA NIC (before, the packet vanished into an undrawn MuxVM2).
const MUX2 = await secondMuxSteps();

/** For each token, the device box (a VM, a port, a VIP) its bead lies nearest, and how far from it in CSS px. */
function nearestBoxes(page: Page): Promise<{ token: string; box: string; px: number }[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.react-flow__node:is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)')].map((n) => ({ id: n.getAttribute('data-id') ?? '?', r: n.getBoundingClientRect() }));
    return [...document.querySelectorAll('.token')].map((t) => {
      const b = t.querySelector('.token-bead')!.getBoundingClientRect();
      const x = b.left + b.width / 2;
      const y = b.top + b.height / 2;
      const dist = (r: DOMRect) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
      const near = boxes.reduce((a, c) => (dist(c.r) < dist(a.r) ? c : a));
      return { token: t.querySelector('.token-body')?.textContent ?? '', box: near.id, px: Math.round(dist(near.r)) };
    });
  });
}

for (const at of [
  { step: MUX2.synAtMux2, box: 'MuxVM2', what: "the client's SYN reaches MuxVM2's management NIC" },
  { step: MUX2.paArpAtMux2, box: 'port:MuxVM2:pa', what: "the host's ARP reply reaches MuxVM2's PA NIC" },
]) {
  test(`with a second MUX, ${at.what}: its packet is drawn arriving there`, async ({ hoplab, page }) => {
    await hoplab.open(`${RUN}&knobs=secondMux&step=${at.step - 1}`);
    await expect(page.locator('.step-readout')).toContainText(`Step ${at.step} of`);
    await expect(page.locator(`.react-flow__node[data-id="${at.box}"]`)).toBeVisible();
    await expect(page.locator('.token.token-arrived').first()).toBeAttached();
    await expect
      .poll(async () => (await nearestBoxes(page)).filter((t) => t.box === at.box && t.px <= 40).length, { message: `a token rests beside ${at.box}` })
      .toBeGreaterThan(0);
  });
}

// With a second MUX the busy steps double, and at 1280x800 the drawing fills its area's width: every resting token
// keeps inside the drawing (the host's box) and the diagram's area, clear of the labels and of the other tokens. Late
// in the run the pair resting at NATVM hung 74 px off the drawing's left edge (and the view panned after it, cutting
// the VIP pool off); MuxVM2's two VXLAN frames hung off its right edge; two frames reaching one NIC from different
// ports rested one on the other; four from BGPVM queued up over the names of the row behind.

/** The tokens' boxes that reach outside the host's box or the diagram's area. */
function outside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('.react-flow__node-host')!.getBoundingClientRect();
    const area = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.token .token-body')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const out: string[] = [];
      if (r.left < host.left - 0.5 || r.right > host.right + 0.5) out.push(`"${el.textContent}" (${Math.round(r.left)}–${Math.round(r.right)}) leaves the drawing (${Math.round(host.left)}–${Math.round(host.right)})`);
      if (r.left < area.left || r.right > area.right || r.top < area.top || r.bottom > area.bottom) out.push(`"${el.textContent}" leaves the diagram's area`);
      return out;
    });
  });
}

const TWO_MUX_BUSY = [
  { step: MUX2.synsFromBothMuxes, what: "both MUXes' BGP SYNs reach BGPVM", tokens: 2 },
  { step: MUX2.bgpToBothMuxes, what: 'BGPVM sends two BGP messages to each MUX', tokens: 4 },
  { step: MUX2.paArpAtMux2, what: "the host's ARP reply reaches MuxVM2's PA", tokens: 1 },
  { step: MUX2.vxlanPair, what: 'MuxVM2 sends two VXLAN frames to the host', tokens: 2 },
  { step: MUX2.natPairLate, what: 'late in the run, two frames reach NATVM', tokens: 2 },
];

test('with a second MUX at 1280x800, resting tokens stay inside the drawing, clear of the labels and of each other', async ({ hoplab, page }) => {
  for (const busy of TWO_MUX_BUSY) {
    await test.step(busy.what, async () => {
      await hoplab.open(`${RUN}&knobs=secondMux&step=${busy.step - 1}`);
      await expect(page.locator('.step-readout')).toContainText(`Step ${busy.step} of`);
      await expect(page.locator('.token.token-arrived')).toHaveCount(busy.tokens);
      await expect.poll(() => outside(page), { message: 'inside the drawing and the area' }).toEqual([]);
      await expect.poll(async () => covered(await boxes(page)), { message: 'clear of the labels and of each other' }).toEqual([]);
    });
  }
});

// The links' VLAN tags against the resting labels. A tag under a resting label used to yield (it was hidden while
// the label rested there): at the Direct Server Return "TCP SYN-ACK · TTL 127", resting on the switch's edge at
// BGPVM's transit arm, hid ClientVM's and BGPVM's "1002" at 1920x1080 and at 1280x800. A label resting on the
// switch's edge now moves clear of the tags, beside them or onto the switch's bar beside its name.

for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }]) {
  test(`at ${size.width}x${size.height} the Direct Server Return's SYN-ACK, resting on the switch, covers no VLAN tag, shown or hidden`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    await hoplab.open(`${RUN}&step=${STEPS.dsrSynAck - 1}`);
    await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.dsrSynAck} of`);
    await expect(page.locator('.token.token-arrived .token-body')).toHaveText('TCP SYN-ACK · TTL 127');
    await expect(page.locator('.react-flow__edge .vlan-tag').filter({ hasText: '1002' })).toHaveCount(3);
    await expect.poll(async () => (await restingLabelCovers(page)).map((c) => c.what)).toEqual([]);
    for (const tag of await page.locator('.react-flow__edge .vlan-tag').all()) await expect(tag).toBeVisible();
  });
}

// Every step of the canonical run and of the two-MUX run, at a projector's, a laptop's, a small laptop's and a
// tablet's size: no resting label covers a device's name or addresses, a title, a VIP, a shown badge, or another
// label, and no VLAN tag, shown or hidden under it (274 of the 792 step views hid one: labels at a device in the row
// next to the switch, pairs too wide for the bar's free stretch, the VXLAN envelope; then 16: a MUX sending two VXLAN
// frames at once, whose pair of envelopes found no stretch clear of the MUXes' PA tags); and no tag or badge yields
// where no label is (BGPVM's transit "1002" did beside that pair, its width estimated larger than drawn).

/** What the resting labels cover (`covers`, read once), tags and badges hidden under them included, and what yields to no label. */
async function allCovers(page: Page, covers: readonly Cover[]): Promise<string[]> {
  return [...covers.map((c) => c.what), ...(await yieldsToNothing(page))];
}

// The pair of VXLAN envelopes a MUX sends at once (canonical step 72, two-MUX step 76), at the sizes where the
// labels are largest: it covers no tag (one "1003" yielded, at every size), and no tag yields beside it.
for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
  test(`at ${size.width}x${size.height} a MUX's pair of VXLAN envelopes covers no VLAN tag, and no tag yields beside it`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    for (const { knobs, step } of [{ knobs: '', step: STEPS.vxlanPair }, { knobs: '&knobs=secondMux', step: MUX2.vxlanPair }]) {
      await hoplab.open(`${RUN}${knobs}&step=${step - 1}`);
      await expect(page.locator('.step-readout')).toContainText(`Step ${step} of`);
      await expect(page.locator('.token.token-arrived.token-vxlan')).toHaveCount(2);
      await expect.poll(async () => allCovers(page, await restingLabelCovers(page)), { message: `${knobs ? 'two MUXes' : 'the POC'}, step ${step}` }).toEqual([]);
    }
  });
}

for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
  test(`at ${size.width}x${size.height}, every step of both runs: the resting labels cover no name, title, VIP, tag, badge or label`, async ({ hoplab, page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    for (const { knobs, total } of [{ knobs: '', total: STEPS.total }, { knobs: '&knobs=secondMux', total: MUX2.run.total }]) {
      await hoplab.open(`${RUN}${knobs}&step=0`);
      for await (const step of everyStep(page, total)) {
        // The shown covers are waited for (the diagram may still be fitting itself); the hidden ones are read in the same look.
        let covers: Cover[] = [];
        await expect
          .poll(
            async () => {
              covers = await restingLabelCovers(page);
              return covers.filter((c) => !c.hidden).map((c) => c.what);
            },
            { message: `${knobs ? 'two MUXes' : 'the POC'}, step ${step}` },
          )
          .toEqual([]);
        expect(await allCovers(page, covers), `${knobs ? 'two MUXes' : 'the POC'}, step ${step}: tags hidden under a label, or yielding to none`).toEqual([]);
      }
    }
  });
}
