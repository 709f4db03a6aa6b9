// The BGP session's label rides the top of its arc, in the host's title band: it never covers the title of
// the speakers' network or of the host, on a laptop (where the diagram's text is enlarged) and on a
// projector, before a run and at its end (the label then names the session's state).
import type { Page } from '@playwright/test';
import { elementBoxes, overlap, restingLabelCovers, strokeSamples, textBoxes } from './boxes';
import { CANONICAL_LINK, canonicalSteps, secondMuxSteps } from './canonicalSteps';
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
    await expect(page.locator('.bgp-label')).toContainText('eBGP MuxVM AS64628 ↔ BGPVM AS64647');
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
  { step: STEPS.probeArpFlood, what: "the switch floods PortalVM's ARP request to both management rows" },
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

/** The devices drawn as sending or receiving whose badge is not shown. */
function hiddenBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.react-flow__node [data-hop]')].flatMap((el) => {
      const badge = el.querySelector('.hop-badges');
      const shown = badge && badge.getClientRects().length > 0 && getComputedStyle(badge).visibility !== 'hidden';
      return shown ? [] : [el.closest('.react-flow__node')?.getAttribute('data-id') ?? '?'];
    }),
  );
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
        // Every sender and receiver shows its badge: none yields to a resting token (in the management flood the
        // front row's did, under the back row's packets).
        await expect.poll(() => hiddenBadges(page), { message: `${look.what}: hidden badges` }).toEqual([]);
        // Every title is shown: none yields to a resting token (the PA network's did at the VXLAN leg).
        for (const title of await page.locator('.react-flow__node :is(.net-label, .host-label)').all()) await expect(title).toBeVisible();
      });
    }
  });
}

// The BGP sessions' arcs and labels against the host's title and the management network's: each label's text
// inside its pill, the pills apart and inside the host, and no arc or pill within 2 px of either title's glyphs.
// The arc touched the end of "host" at 1280x800 and 768x1024, and the label's text overflowed its pill into it;
// with a second MUX the two labels overlapped, one over the host's border; the arcs rose through "vEthernet"
// and "VLAN" of the management network's title.

/** What is wrong with the BGP sessions' labels and arcs, measured on screen. */
async function bgpProblems(page: Page): Promise<string[]> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const host = document.querySelector('.react-flow__node-host')!.getBoundingClientRect();
    const pills = [...document.querySelectorAll('.bgp-label')].map((g) => {
      const pill = g.querySelector('rect')!.getBoundingClientRect();
      const text = g.querySelector('text')!.getBoundingClientRect();
      const name = g.textContent ?? '';
      if (text.left < pill.left - 0.5 || text.right > pill.right + 0.5) out.push(`"${name}" overflows its pill (${Math.round(text.left)}–${Math.round(text.right)} in ${Math.round(pill.left)}–${Math.round(pill.right)})`);
      if (pill.left < host.left - 0.5 || pill.right > host.right + 0.5 || pill.top < host.top - 0.5) out.push(`"${name}" is not inside the host's box`);
      return { name, pill };
    });
    pills.forEach((a, i) => pills.slice(i + 1).forEach((b) => {
      if (Math.min(a.pill.right, b.pill.right) > Math.max(a.pill.left, b.pill.left) && Math.min(a.pill.bottom, b.pill.bottom) > Math.max(a.pill.top, b.pill.top)) out.push(`"${a.name}" overlaps "${b.name}"`);
    }));
    return { out, pills: pills.map((p) => ({ what: `the label "${p.name}"`, x: p.pill.x, y: p.pill.y, w: p.pill.width, h: p.pill.height })) };
  });
  const title = (await textBoxes(page, { within: '.host-label' })).filter((t) => t.what.startsWith('host-label'));
  if (title.length === 0) return ['no host title'];
  // The speakers' network's title too: the arcs rise through its band (they crossed "vEthernet" and "VLAN").
  const mgmt = (await textBoxes(page, { within: '.net-management .net-label' })).filter((t) => !/^(vlan-tag|tunnel-label|bgp-label)/.test(t.what));
  if (mgmt.length === 0) return ['no management title'];
  const near = [...title, ...mgmt].map((t) => ({ ...t, x: t.x - 2, y: t.y - 2, w: t.w + 4, h: t.h + 4 }));
  const arcs = await strokeSamples(page, '.react-flow__edge.edge-bgp path.react-flow__edge-path', 2);
  if (arcs.length < 50) return [`only ${arcs.length} points along the BGP arcs`];
  const touched = new Set<string>();
  for (const thing of [...arcs, ...problems.pills]) for (const t of near) if (overlap(thing, t)) touched.add(`${thing.what} touches ${t.what}`);
  return [...problems.out, ...touched];
}

for (const size of [{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 1920, height: 1080 }, { width: 1024, height: 768 }]) {
  test(`at ${size.width}x${size.height} the BGP sessions' arcs and labels keep clear of the titles and of each other, one MUX or two`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    for (const knobs of ['', '&knobs=secondMux']) {
      await test.step(knobs ? 'two MUXes' : 'the POC', async () => {
        await hoplab.open(`${CANONICAL_LINK}${knobs}&step=0`);
        await expect(page.locator('.bgp-label')).toHaveCount(knobs ? 2 : 1);
        await expect.poll(() => bgpProblems(page), { message: 'before the sessions are up' }).toEqual([]);
        await hoplab.toEnd();
        for (const label of await page.locator('.bgp-label').all()) await expect(label).toContainText('AS64628 ↔ BGPVM AS64647 · Established');
        await expect.poll(() => bgpProblems(page), { message: 'at the end' }).toEqual([]);
      });
    }
  });
}

// A device's name and addresses lie inside its box at every size, where the text is set larger as the diagram
// is zoomed out (at 1280x800 a VIP's address ran 17 px past its box's edge, ClientVM's and the host's PA 1 to 4 px).

/** Each text of a device, a port or a VIP that runs outside its box. */
function textOutsideBoxes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const node of document.querySelectorAll('.react-flow__node:is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)')) {
      const box = node.getBoundingClientRect();
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !(n.textContent ?? '').trim() || el.closest('.hop-badges') || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        // What is seen of it: a text its line clips (a role cut with an ellipsis) counts as far as it is shown.
        const clips: DOMRect[] = [];
        for (let a: Element | null = el; a && a !== node; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') clips.push(a.getBoundingClientRect());
        for (const whole of range.getClientRects()) {
          const r = clips.reduce((v, c) => new DOMRect(Math.max(v.left, c.left), v.top, Math.max(0, Math.min(v.right, c.right) - Math.max(v.left, c.left)), v.height), whole);
          if (r.width === 0) continue;
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
            out.push(`${node.getAttribute('data-id')}: "${(n.textContent ?? '').trim()}" ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)}`);
          }
        }
      }
    }
    return out;
  });
}

test("every device's name and addresses lie inside its box, at each screen's zoom", async ({ hoplab, page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 1024, height: 768 }, { width: 768, height: 1024 }, { width: 390, height: 844 }, { width: 640, height: 400 }]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size);
      // With a second MUX, drawn once its run is made: every kind of box, MuxVM2's PA port too.
      await hoplab.open(`${CANONICAL_LINK}&knobs=secondMux&step=0`);
      await expect(page.locator('.step-readout')).toContainText('Step 1 of');
      await expect(page.locator('.react-flow__node[data-id="port:MuxVM2:pa"]')).toBeAttached();
      await expect(page.locator('.react-flow__node:is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)'), 'the VMs, the ports and the VIPs are drawn').toHaveCount(17);
      await expect.poll(() => textOutsideBoxes(page)).toEqual([]);
    });
  }
});

// A VIP's "announces" tie to the MUX beside it looped up over MuxVM into its top; it runs straight from the VIP's
// left side into the MUX's right side, level, never above the MUX. The VIP of the row in front turns up the channel
// beside the VIP pool and meets the MUX's side too. With a second MUX the nearer one is met straight.

/** The announce tie's path on screen: its box, where it starts and ends, and the MUX's and the VIP's boxes. */
function announceTie(page: Page, vip: string, mux: string) {
  return page.evaluate(([v, m]) => {
    const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="announce:${v}:${m}"] path.tie`);
    if (!path) return undefined;
    const ctm = path.getScreenCTM()!;
    const at = (d: number) => new DOMPoint(path.getPointAtLength(d).x, path.getPointAtLength(d).y).matrixTransform(ctm);
    const len = path.getTotalLength();
    const points = Array.from({ length: 41 }, (_, i) => at((len * i) / 40));
    const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
    return {
      top: Math.min(...points.map((p) => p.y)),
      bottom: Math.max(...points.map((p) => p.y)),
      start: points[0]!,
      end: points[points.length - 1]!,
      mux: box(`.react-flow__node[data-id="${m}"]`).toJSON() as DOMRect,
      vip: box(`.react-flow__node[data-id="vip:${v}"]`).toJSON() as DOMRect,
    };
  }, [vip, mux] as const);
}

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}x${size.height} the VIP's "announces" tie runs straight into the MUX's side, one MUX or two`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    for (const { knobs, mux } of [{ knobs: '', mux: 'MuxVM' }, { knobs: '&knobs=secondMux', mux: 'MuxVM2' }]) {
      await test.step(mux, async () => {
        await hoplab.open(`${CANONICAL_LINK}${knobs}&step=0`);
        await expect(page.locator(`.react-flow__edge[data-id="announce:192.168.133.74:${mux}"]`)).toBeAttached();
        const tie = (await announceTie(page, '192.168.133.74', mux))!;
        expect(tie.bottom - tie.top, 'level: no loop').toBeLessThan(1.5);
        expect(Math.abs(tie.start.x - tie.vip.left), "it leaves the VIP's left side").toBeLessThan(1.5);
        expect(Math.abs(tie.end.x - tie.mux.right), "it meets the MUX's right side").toBeLessThan(1.5);
        expect(tie.top, 'inside the MUX box, not above it').toBeGreaterThan(tie.mux.top);
        // The VIP of the front row: up the channel beside the pool, then across into the same side, never above the MUX.
        const front = (await announceTie(page, '192.168.133.1', mux))!;
        expect(Math.abs(front.end.x - front.mux.right), "the front row's VIP meets the MUX's right side").toBeLessThan(1.5);
        expect(front.top, 'never above the MUX').toBeGreaterThan(front.mux.top);
      });
    }
  });
}

// With a second MUX standing between the VIP pool and MuxVM, the ties to MuxVM looped up over MuxVM2 (through its
// badge lane and the BGP arcs). Each tie reaches its own MUX's side without crossing another device's box.

/** The devices' boxes (VMs, ports, VIPs) other than its ends that a VIP's tie to a MUX passes through, and where it ends. */
function tieThrough(page: Page, vip: string, mux: string) {
  return page.evaluate(([v, m]) => {
    const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="announce:${v}:${m}"] path.tie`);
    if (!path) return undefined;
    const ctm = path.getScreenCTM()!;
    const len = path.getTotalLength();
    const points = Array.from({ length: 201 }, (_, i) => path.getPointAtLength((len * i) / 200).matrixTransform(ctm));
    const through = new Set<string>();
    for (const node of document.querySelectorAll('.react-flow__node:is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)')) {
      const id = node.getAttribute('data-id') ?? '?';
      if (id === m || id === `vip:${v}`) continue;
      const r = node.getBoundingClientRect();
      if (points.some((p) => p.x > r.left + 1 && p.x < r.right - 1 && p.y > r.top + 1 && p.y < r.bottom - 1)) through.add(id);
    }
    const box = document.querySelector(`.react-flow__node[data-id="${m}"]`)!.getBoundingClientRect();
    const end = points[points.length - 1]!;
    // Where it ends against the MUX's right side, to the pixel.
    return { through: [...through], endX: Math.round(end.x - box.right) || 0, endInside: end.y > box.top && end.y < box.bottom };
  }, [vip, mux] as const);
}

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }]) {
  test(`at ${size.width}x${size.height} with two MUXes each "announces" tie reaches its own MUX's side, crossing no other device`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    await hoplab.open(`${CANONICAL_LINK}&knobs=secondMux&step=0`);
    await expect(page.locator('.react-flow__edge.edge-announce')).toHaveCount(4);
    for (const mux of ['MuxVM', 'MuxVM2']) {
      for (const vip of ['192.168.133.74', '192.168.133.1']) {
        await expect.poll(() => tieThrough(page, vip, mux), { message: `${vip} to ${mux}` }).toEqual({ through: [], endX: 0, endInside: true });
      }
    }
  });
}

// A drop marker's label wraps before the next marker on its row, and at 768x1024 BGPVM's ARP failure ("ARP for
// 192.168.100.6 failed after 3 tries", beside MuxVM's "MuxVM is down") wrapped onto four lines, down over xRPVM's
// name in the row below. No marker covers a device's name or addresses, or another marker.

/** What the drop markers' boxes cover: a device's text (by its glyphs) or another marker. */
async function markerCovers(page: Page): Promise<string[]> {
  const marks = await elementBoxes(page, '.drop-marker', 'text');
  if (marks.length === 0) return ['no drop marker is drawn'];
  const names = await textBoxes(page, { within: ':is(.react-flow__node-vm, .react-flow__node-port, .react-flow__node-vip)', skip: '.hop-badges' });
  return marks.flatMap((m) => [...names.filter((n) => overlap(m, n)).map((n) => `"${m.what}" covers ${n.what}`), ...marks.filter((o) => o !== m && overlap(m, o)).map((o) => `"${m.what}" covers "${o.what}"`)]);
}

for (const size of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}x${size.height}, when MuxVM dies, BGPVM's ARP failure and MuxVM's drop are marked clear of every device's name`, async ({ hoplab, lessons, page }) => {
    await page.setViewportSize(size);
    await hoplab.open('?motion=off&lesson=mux-dies&chapter=3');
    // The run shows a round trip before the lesson places the playhead at its chapter: End waits for the chapter.
    await expect(lessons.chapterTitle).toHaveText('BGPVM gives up on MuxVM');
    await hoplab.toEnd();
    const marks = page.getByRole('note', { name: /^(The flow died|Dropped) at / });
    await expect(marks.filter({ hasText: 'ARP for 192.168.100.6 failed after 3 tries' })).toBeVisible();
    await expect(marks.filter({ hasText: 'MuxVM is down' })).toBeVisible();
    await expect.poll(() => markerCovers(page)).toEqual([]);
  });
}

// In presenter mode the diagram is drawn larger than 100% (about 1.14 at 1920x1080), so its text is set at full size
// with the provenance marks shown: the VIP's name and its rule's "DOC" mark ran 26 px past the VIP's box, and an
// address's mark 5 to 8 px past ClientVM's, BGPVM's transit port's, MuxVM's and the host's PA ports' boxes. And a
// label resting beside the wire its frame came up (BGPVM's lit wire, as the BGP OPEN reaches it) kept 4 units from
// the wire's middle, so the ring of the frame the panels show (3 px, 2 px out) lay over the lit wire.

/** The lit wires a resting label beside a wire (left or right of it) meets, its ring (outline) included. */
async function ringsOverLitWires(page: Page): Promise<string[]> {
  const rings = await page.evaluate(() =>
    [...document.querySelectorAll('.token.token-arrived:is(.token-side-left, .token-side-right):not(.token-merged) .token-pill')].map((pill) => {
      const r = pill.getBoundingClientRect();
      const style = getComputedStyle(pill);
      const out = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
      const z = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
      const o = out * z;
      return { what: `the label "${pill.textContent}"`, x: r.x - o, y: r.y - o, w: r.width + 2 * o, h: r.height + 2 * o };
    }),
  );
  if (rings.length === 0) return ['no label rests beside a wire'];
  const wires = await strokeSamples(page, '.react-flow__edge.edge-nic path.bus-active', 1);
  if (wires.length === 0) return ['no wire is lit'];
  const met = new Set<string>();
  for (const r of rings) for (const w of wires) if (overlap(r, w, 0)) met.add(`${r.what} meets the lit wire of ${w.what}`);
  return [...met];
}

test("presenter mode at 1920x1080: every device's text, marks shown, inside its box, and a label beside BGPVM's lit wire keeps its ring off it", async ({ hoplab, lessons, page, playback }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&lesson=vip-route&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('OPEN: the routers introduce themselves');
  await lessons.presenter();
  // Drawn larger than 100%: the marks are shown.
  await expect(page.locator('.react-flow[data-legible="full"] .react-flow__node-vip .mark')).not.toHaveCount(0);
  await expect.poll(() => textOutsideBoxes(page)).toEqual([]);
  // The OPEN reaches BGPVM: its label rests right of BGPVM's lit wire, the ACK's left of it.
  const opened = page.locator('.token.token-arrived.token-side-right', { hasText: 'BGP OPEN' });
  const atBgpvm = page.locator('.react-flow__node[data-id="BGPVM"] [data-hop="receiver"]');
  for (let i = 0; i < 4 && !((await opened.count()) && (await atBgpvm.count())); i++) {
    const at = await playback.step();
    await playback.forward.click();
    await expect.poll(() => playback.step()).toBe(at + 1);
  }
  await expect(opened).toHaveCount(1);
  await expect(atBgpvm).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[data-id="nic:BGPVM:mgmt"] path.bus-active')).toBeAttached();
  await expect.poll(() => ringsOverLitWires(page)).toEqual([]);
});

// A MUX's pair of VXLAN envelopes rests past the links' VLAN tags below the switch, over the PA network's ports: at
// 1024x768 and 768x1024 (text at its largest) the envelopes' bottoms were 1.4 units above MuxVM's and the host's PA
// boxes, one MUX or two. They rest as clear of a box as any label resting beside one (5 units).

const MUX2 = await secondMuxSteps();

/** The least gap (flow units) between a resting VXLAN envelope and a port box in its columns, and what it is. */
function envelopeGap(page: Page) {
  return page.evaluate(() => {
    const z = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    const envelopes = [...document.querySelectorAll('.token.token-arrived .token-envelope')].map((e) => e.getBoundingClientRect());
    if (envelopes.length === 0) return 'no envelope rests';
    let least = { gap: Infinity, what: '' };
    for (const port of document.querySelectorAll('.react-flow__node-port')) {
      const p = port.getBoundingClientRect();
      for (const e of envelopes) {
        if (Math.min(e.right, p.right) - Math.max(e.left, p.left) <= 0 || p.top < e.top) continue;
        const gap = (p.top - e.bottom) / z;
        if (gap < least.gap) least = { gap, what: port.getAttribute('data-id') ?? '?' };
      }
    }
    return least.gap >= 5 ? 'clear' : `${least.gap.toFixed(1)} units above ${least.what}`;
  });
}

for (const size of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
  test(`at ${size.width}x${size.height} a MUX's pair of VXLAN envelopes rests 5 units or more above the PA ports, one MUX or two`, async ({ hoplab, page }) => {
    await page.setViewportSize(size);
    for (const { knobs, step } of [{ knobs: '', step: STEPS.vxlanPair }, { knobs: '&knobs=secondMux', step: MUX2.vxlanPair }]) {
      await test.step(knobs ? 'two MUXes' : 'the POC', async () => {
        await hoplab.open(`${CANONICAL_LINK}${knobs}&step=${step - 1}`);
        await expect(page.locator('.step-readout')).toContainText(`Step ${step} of`);
        await expect(page.locator('.token.token-arrived .token-envelope')).toHaveCount(2);
        await expect.poll(() => envelopeGap(page)).toBe('clear');
      });
    }
  });
}

// On a phone the drawing is wider than its area, and the view centres on the frame: in "Two MUXes", chapter 1, both
// MUXes' KEEPALIVEs and UPDATEs reach BGPVM at once, and the pair of "×2" labels side by side (400 px) ran past both
// sides of the 390 px area. Where a pair is wider than the area, each label wraps its TTL onto a second line.

/** Each resting label with `text` in it that runs past a side of the diagram's area. */
function labelsPastTheArea(page: Page, text: string): Promise<string[]> {
  return page.evaluate((has) => {
    const area = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.token.token-arrived:not(.token-merged) .token-body')]
      .map((b) => ({ text: b.textContent ?? '', r: b.getBoundingClientRect() }))
      .filter(({ text, r }) => text.includes(has) && (r.left < area.left - 0.5 || r.right > area.right + 0.5))
      .map(({ text, r }) => `"${text}" ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(area.left)}–${Math.round(area.right)}`);
  }, text);
}

test('on a phone (390x844), "Two MUXes" chapter 1: the pair of "×2" labels at BGPVM lies inside the diagram\'s area, covering nothing', async ({ hoplab, lessons, page, playback }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await hoplab.open('?motion=off&lesson=two-muxes&chapter=1');
  await expect(lessons.chapterTitle).toHaveText('Two routes to one VIP');
  const pair = page.locator('.token.token-arrived:not(.token-merged)', { hasText: '×2' });
  for (let i = 0; i < 4 && (await pair.count()) < 2; i++) {
    const at = await playback.step();
    await playback.forward.click();
    await expect.poll(() => playback.step()).toBe(at + 1);
  }
  await expect(pair).toHaveCount(2);
  await expect(pair.filter({ hasText: 'BGP KEEPALIVE' })).toHaveCount(1);
  await expect(pair.filter({ hasText: 'BGP UPDATE' })).toHaveCount(1);
  await expect.poll(() => labelsPastTheArea(page, '×2')).toEqual([]);
  await expect.poll(() => restingLabelCovers(page)).toEqual([]);
});
