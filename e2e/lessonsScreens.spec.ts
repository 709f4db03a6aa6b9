// A lesson on the two screens a class meets it on: a student's phone, where the question and the packet it asks
// about must be on screen together, and a projector in presenter mode, where the back row reads the packets'
// labels. Measured as boxes and sizes, not pixels.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { attributionCovers, restingLabelCovers } from './boxes';
import { everyStep } from './everyStep';
import { expect, test } from './fixtures';

const PHONE = { width: 390, height: 844 };

/** axe-core on the whole page: no violation of any impact. */
async function auditAll(page: Page) {
  const r = await axe(page).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

/**
 * The empty rows between the strip above the drawing and the drawing's top, and between its bottom and the area's
 * bottom, in CSS px (the drawing is the network's outer box, as drawn).
 */
function bands(page: Page) {
  return page.evaluate(() => {
    const strip = document.querySelector('.diagram-tools')!.getBoundingClientRect();
    const area = document.querySelector('.react-flow')!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0);
    const top = Math.min(...boxes.map((r) => r.top));
    const bottom = Math.max(...boxes.map((r) => r.bottom));
    return { above: Math.round(top - strip.bottom), below: Math.round(area.bottom - bottom) };
  });
}

/**
 * What of the lesson's moment is not on screen at once: the open question (or the caption when none is asked), the
 * current frame's resting labels and the devices it lights, and the playback controls. Each name is a failure.
 */
function notTogether(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const vh = window.innerHeight;
    const vw = window.innerWidth;
    const area = document.querySelector('.react-flow__renderer')!.getBoundingClientRect();
    const top = Math.max(0, area.top);
    const bottom = Math.min(vh, area.bottom);
    const whole = (what: string, r: DOMRect) => {
      if (r.top < -1 || r.bottom > vh + 1 || r.left < -1 || r.right > vw + 1) out.push(`${what} is not wholly in the window (top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)} of ${vh})`);
    };
    // Wholly in the window, and its top and bottom edges not under something else (the chapter buttons, sticky at the lesson's foot).
    const seen = (what: string, el: Element) => {
      const r = el.getBoundingClientRect();
      whole(what, r);
      for (const y of [r.top + 3, r.bottom - 3]) {
        const at = document.elementFromPoint(r.left + Math.min(r.width / 2, 30), y);
        if (!at || !(el.contains(at) || at.contains(el))) out.push(`${what} is covered at y ${Math.round(y)} by ${at?.className ?? 'nothing'}`);
      }
    };
    const forms = [...document.querySelectorAll('.lesson-bar form.quiz')];
    const asked = forms.at(-1);
    const box = document.querySelector('.lesson-bar')!;
    // A chapter opens on its caption, at the lesson box's top; a question asked then is below it, a scroll away.
    if (asked && (box.scrollTop > 0 || box.scrollHeight <= box.clientHeight)) {
      seen('the question', asked.querySelector('.quiz-prompt')!);
      seen('the choices', asked.querySelector('[role="radiogroup"]')!);
      const check = asked.querySelector('button[type="submit"]');
      if (check) seen('"Check answer"', check);
    } else {
      const caption = document.querySelector('.lesson-bar .caption')!.getBoundingClientRect();
      // Its first lines at least: a long caption may scroll in its box.
      if (caption.top < -1 || caption.top + 40 > vh) out.push(`the caption's start is out of the window (top ${Math.round(caption.top)})`);
    }
    for (const t of document.querySelectorAll('.token.token-arrived:not(.token-merged) .token-body')) {
      const r = t.getBoundingClientRect();
      if (r.top < top - 1 || r.bottom > bottom + 1 || r.left < area.left - 1 || r.right > area.right + 1) out.push(`the packet "${t.textContent}" is not in the diagram's visible part (${Math.round(r.left)} to ${Math.round(r.right)} across, ${Math.round(r.top)} to ${Math.round(r.bottom)} down; visible ${Math.round(area.left)} to ${Math.round(area.right)}, ${Math.round(top)} to ${Math.round(bottom)})`);
    }
    const lit = [...document.querySelectorAll('.react-flow__node:has([data-hop])')].filter((n) => !n.classList.contains('react-flow__node-switch'));
    for (const n of lit) {
      const r = n.getBoundingClientRect();
      const seen = Math.min(r.bottom, bottom) - Math.max(r.top, top);
      if (seen < Math.min(20, r.height)) out.push(`the lit device ${n.getAttribute('data-id')} is not in the diagram's visible part`);
    }
    if (!document.querySelector('.token.token-arrived')) out.push('no packet rests on the diagram');
    for (const sel of ['.playback button.play', '.playback .timeline input', '.playback .step-readout']) {
      const el = document.querySelector(sel);
      if (!el) out.push(`no ${sel}`);
      else whole(sel, el.getBoundingClientRect());
    }
    return out;
  });
}

/** 'no band' when the drawing keeps only its own margin (the fit's padding) above it, and that and the attribution's line below it; else the bands. */
async function noBand(page: Page) {
  const b = await bands(page);
  return b.above >= -1 && b.above <= 14 && b.below >= -1 && b.below <= 32 ? 'no band' : `above ${b.above} px, below ${b.below} px`;
}

test('on a phone the list of lessons fits its dialog: every title, goal and progress line within its card, nothing scrolled sideways', async ({ hoplab, page }) => {
  await page.setViewportSize(PHONE);
  await hoplab.open('?scenario=poc&motion=off');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const list = page.getByRole('dialog', { name: 'Lessons' });
  await expect(list.getByRole('button', { name: 'The way back: Direct Server Return', exact: true })).toBeVisible();
  const overflow = () =>
    list.evaluate((d) => {
      const out: string[] = [];
      if (d.scrollWidth > d.clientWidth) out.push(`the dialog scrolls sideways (${d.scrollWidth} px of content in ${d.clientWidth})`);
      for (const card of d.querySelectorAll('.lesson-list li')) {
        const edge = card.getBoundingClientRect().right;
        for (const part of card.querySelectorAll('button, p')) {
          const r = part.getBoundingClientRect();
          if (r.right > edge + 0.5 || part.scrollWidth > part.clientWidth + 1) out.push(`"${part.textContent!.slice(0, 30)}" runs ${Math.round(Math.max(r.right - edge, part.scrollWidth - part.clientWidth))} px past its card`);
        }
      }
      return out;
    });
  await expect.poll(overflow).toEqual([]);
  await auditAll(page);
});

test('on a phone the drawing starts under the strip above it and fills its area: no empty band above or below it', async ({ hoplab, lessons, page }) => {
  await page.setViewportSize(PHONE);
  await hoplab.open('?scenario=poc&motion=off');
  await expect(page.locator('.react-flow__node-vm').first()).toBeVisible();
  // The drawing's own margin (the fit's padding), no more.
  await expect.poll(() => noBand(page)).toBe('no band');
  await hoplab.open('?scenario=poc&motion=off&lesson=vip-route&chapter=1');
  await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
  await expect.poll(() => noBand(page)).toBe('no band');
});

test('on a phone the lesson\'s question, the packet it asks about and the playback controls are on screen together', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize(PHONE);
  await hoplab.open('?scenario=poc&motion=off&speed=4&lesson=vip-route&chapter=1');
  await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
  // The chapter opens: its caption, MuxVM's SYN on the diagram, Play.
  await expect.poll(() => notTogether(page)).toEqual([]);
  const prompt = "MuxVM's SYN has reached BGPVM. Which TCP port did MuxVM connect to?";
  await playback.play.click();
  await expect(lessons.question(prompt)).toBeVisible();
  // The question, and the SYN at BGPVM it asks about.
  await expect.poll(() => notTogether(page)).toEqual([]);
  await auditAll(page);
  await expect(await lessons.answer(prompt, 'Port 443')).toHaveText(/^Not quite/);
  await expect(lessons.quiz(prompt).getByRole('status')).toBeInViewport({ ratio: 1 });
  await expect.poll(() => notTogether(page)).toEqual([]);

  // A question on the next device, at NATVM, in the middle of the drawing's left half.
  await hoplab.open('?scenario=poc&motion=off&speed=4&lesson=to-the-vip&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('NATVM: a static route, and the TTL');
  // Asked as the chapter opens, under its caption: the student scrolls the lesson's box down to it, and the page stays.
  const ttl = /What is its TTL when it leaves NATVM/;
  await expect(lessons.question(ttl)).toBeVisible();
  await expect.poll(() => notTogether(page)).toEqual([]);
  const pageAt = await page.evaluate(() => window.scrollY);
  await lessons.quiz(ttl).evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
  await expect.poll(() => notTogether(page)).toEqual([]);
  expect(await page.evaluate(() => window.scrollY)).toBe(pageAt);
  await auditAll(page);

  // A question asked as the chapter opens makes the lesson taller and the drawing shorter: the view, placed again for
  // the new size, still shows the packet (the SYN-ACK resting on the switch beside PortalVM, at the drawing's right).
  await hoplab.open('?scenario=poc&motion=off&speed=4&lesson=way-back&chapter=2');
  await expect(lessons.question('What source address does the SYN-ACK carry when it leaves the host?')).toBeVisible();
  await expect.poll(() => notTogether(page)).toEqual([]);
});

/**
 * What of the open question a student cannot see without scrolling the lesson's box: its prompt, each choice and
 * "Check answer", each wholly inside the box's visible part and not under the chapter buttons (sticky at its foot).
 */
function questionUnseen(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('.lesson-bar')!;
    const form = [...box.querySelectorAll('form.quiz')].at(-1);
    if (!form) return ['no question'];
    const b = box.getBoundingClientRect();
    const nav = box.querySelector('.chapter-nav')!.getBoundingClientRect();
    const top = Math.max(0, b.top);
    const bottom = Math.min(window.innerHeight, b.bottom, nav.top);
    const parts: [string, Element | null][] = [['the prompt', form.querySelector('.quiz-prompt')], ...[...form.querySelectorAll('.quiz-choice')].map((c): [string, Element] => [`choice "${c.textContent}"`, c]), ['"Check answer"', form.querySelector('button[type="submit"]')]];
    return parts.flatMap(([what, el]) => {
      if (!el) return [`no ${what}`];
      const r = el.getBoundingClientRect();
      return r.top < top - 1 || r.bottom > bottom + 1 ? [`${what} (${Math.round(r.top)} to ${Math.round(r.bottom)}; the box shows ${Math.round(top)} to ${Math.round(bottom)})`] : [];
    });
  });
}

test('on a phone the hold-time question is asked with MuxVM\'s OPEN at BGPVM, its choices and "Check answer" in the lesson\'s box unscrolled', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize(PHONE);
  await hoplab.open('?scenario=poc&motion=off&speed=4&lesson=vip-route&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('OPEN: the routers introduce themselves');
  const prompt = /How long may BGPVM go without hearing from MuxVM/;
  // The chapter opens on the SYN-ACK: the hold time is in MuxVM's OPEN, still to come, and nothing asks for it yet.
  await expect(lessons.question(prompt)).toHaveCount(0);
  await playback.play.click();
  await expect(lessons.question(prompt)).toBeVisible();
  // The packet the question reads rests at BGPVM: the OPEN, its hold time one click away.
  await expect(page.locator('.token.token-arrived:not(.token-merged) .token-body').filter({ hasText: /OPEN/ })).toHaveCount(1);
  await expect(lessons.bar.getByRole('button', { name: 'Show the BGP hold time in the packet' })).toBeVisible();
  await expect.poll(() => questionUnseen(page)).toEqual([]);
  await expect.poll(() => notTogether(page)).toEqual([]);
  await auditAll(page);
});

// Asked as their chapter opens, under its caption: the question with the most lines of choices, and the one under the
// longest caption. "Check answer" was under the chapter buttons in both, the last choice too in the first.
for (const [lesson, chapter, title, prompt] of [
  ['the-mux', 1, 'Choosing a DIP by hash', 'How does MuxVM choose which server gets this connection?'],
  ['vfp-on-host', 2, 'The VIP becomes the DIP', 'What does VFP do first with the VXLAN packet?'],
] as const) {
  test(`on a phone "${title}" opens with its caption, question, choices and "Check answer" in the lesson's box, the packet and Play in view`, async ({ hoplab, lessons, page }) => {
    await page.setViewportSize(PHONE);
    await hoplab.open(`?scenario=poc&motion=off&speed=4&lesson=${lesson}&chapter=${chapter}`);
    await expect(lessons.chapterTitle).toHaveText(title);
    await expect(lessons.question(prompt)).toBeVisible();
    // Read from the top: the box is not scrolled, its caption starts in the window.
    expect(await lessons.bar.evaluate((el) => el.scrollTop)).toBe(0);
    await expect(lessons.bar.locator('.caption')).toBeInViewport();
    await expect.poll(() => questionUnseen(page)).toEqual([]);
    // The packet and the playback controls. (Not every device the frame lights: at VFP, MuxVM's box in the management
    // row lights for the VXLAN frame its PA port sent, 266 px above the packet, more than a phone's diagram shows.)
    await expect.poll(async () => (await notTogether(page)).filter((s) => !s.startsWith('the lit device'))).toEqual([]);
    await auditAll(page);
  });
}

/**
 * What of the current frame the diagram cuts: the boxes of the devices it lights and the lesson's chapter is about (not
 * the switch's bar, wider than a phone), the packets' labels and, with `badges`, the lit devices' SENDS/RECEIVES badges,
 * each not wholly inside the diagram's visible part.
 */
function frameCut(page: Page, { badges }: { badges: boolean }) {
  return page.evaluate((badges) => {
    const area = document.querySelector('.canvas .react-flow__renderer')!.getBoundingClientRect();
    const top = Math.max(0, area.top);
    const bottom = Math.min(window.innerHeight, area.bottom);
    const out: string[] = [];
    const whole = (what: string, el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.left < area.left - 1 || r.right > area.right + 1 || r.top < top - 1 || r.bottom > bottom + 1)) out.push(`${what} (${Math.round(r.left)} to ${Math.round(r.right)} across, ${Math.round(r.top)} to ${Math.round(r.bottom)} down)`);
    };
    const device = '.react-flow__node:not(.react-flow__node-switch)';
    for (const n of document.querySelectorAll(`${device}:is(:has([data-hop]), :has([data-focus]))`)) whole(`${n.getAttribute('data-id')}'s box`, n);
    if (badges) for (const b of document.querySelectorAll(`${device} .hop-badges`)) whole(`${b.closest('.react-flow__node')!.getAttribute('data-id')}'s badge`, b);
    for (const t of document.querySelectorAll('.token.token-arrived:not(.token-merged) .token-body')) whole(`the packet "${t.textContent}"`, t);
    return out;
  }, badges);
}

test('on a phone "Choosing a DIP by hash" shows its devices with the packet: their names whole at the question, their badges too at its end', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize(PHONE);
  await hoplab.open('?scenario=poc&motion=off&speed=4&lesson=the-mux&chapter=1');
  const prompt = 'How does MuxVM choose which server gets this connection?';
  await expect(lessons.question(prompt)).toBeVisible();
  // MuxVM's name was cut at the drawing's top. (Not BGPVM's SENDS badge here: it hangs above the row, and with it the
  // frame is 212 px tall in the drawing's 201.)
  await expect.poll(() => frameCut(page, { badges: false })).toEqual([]);
  await lessons.answer(prompt, /A hash/);
  await playback.play.click();
  await expect(lessons.bar.locator('.chapter-end').filter({ hasText: /^End of / })).toBeVisible();
  // MuxVM's RECEIVES badge, above its box, was cut at the drawing's top.
  await expect.poll(() => frameCut(page, { badges: true })).toEqual([]);
});

/** Whether React Flow's credit lies over the part of the diagram's area the drawing is drawn in. */
function attributionOverDrawing(page: Page) {
  return page.evaluate(() => {
    const a = document.querySelector('.canvas .react-flow__attribution')!.getBoundingClientRect();
    const d = document.querySelector('.canvas .react-flow__renderer')!.getBoundingClientRect();
    return Math.min(a.right, d.right) - Math.max(a.left, d.left) > 0.5 && Math.min(a.bottom, d.bottom) - Math.max(a.top, d.top) > 0.5;
  });
}

// React Flow's credit (its licence asks for it) lay in the drawing's bottom-right corner on a phone, over whatever a
// lesson's view put there: "VFP" at "The VIPs are announced", the host's PA port at "VFP on the host" chapter 1.
for (const [lesson, chapter, prompt] of [
  ['vip-route', 3, /BGPVM installs a route to/],
  ['vfp-on-host', 1, /This frame has two IPv4 headers/],
] as const) {
  test(`on a phone React Flow's credit covers no label, port or packet at the question of "${lesson}" chapter ${chapter}`, async ({ hoplab, lessons, page }) => {
    await page.setViewportSize(PHONE);
    await hoplab.open(`?scenario=poc&motion=off&speed=4&lesson=${lesson}&chapter=${chapter}`);
    // Asked as the chapter opens.
    await expect(lessons.question(prompt)).toBeVisible();
    await expect.poll(() => attributionCovers(page)).toEqual([]);
    // Nor could it, wherever the view goes: it is not over the drawing. (In the drawing's corner it covered nothing
    // for a moment, until the view had followed the packet.)
    await expect.poll(() => attributionOverDrawing(page)).toBe(false);
  });
}

test('presenter mode at 1920 x 1080: the drawing is a seventh larger than beside a third-wide lesson, the question whole beside it', async ({ hoplab, lessons, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?scenario=poc&motion=off&speed=4&lesson=the-mux&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('Wrapped in VXLAN');
  await lessons.presenter();
  const prompt = 'What is the outer destination address of the packet MuxVM sends?';
  await expect(lessons.question(prompt)).toBeVisible();
  // Beside a lesson column a third of the width (653 px), the drawing, fitted by its width, was drawn at zoom 1.01: device
  // names 16 px on screen, 124 px empty above the drawing and below it.
  const namePx = () => page.evaluate(() => {
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    return Math.round(parseFloat(getComputedStyle(document.querySelector('.vm-name')!).fontSize) * zoom * 10) / 10;
  });
  await expect.poll(namePx).toBeGreaterThanOrEqual(18);
  await expect.poll(async () => { const b = await bands(page); return Math.max(b.above, b.below); }).toBeLessThanOrEqual(90);
  // The whole network in view: no side of it past the area's edge.
  await expect(page.locator('.off-screen .more')).toHaveCount(0);
  // The lesson at projector size, its question whole in its column, the packet and Play on screen.
  await expect.poll(() => lessons.bar.locator('.caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
  // Its three actions on one row, as in the wider column.
  await expect.poll(() => lessons.bar.locator('.lesson-actions button').evaluateAll((bs) => new Set(bs.map((b) => Math.round(b.getBoundingClientRect().top))).size)).toBe(1);
  await expect.poll(() => questionUnseen(page)).toEqual([]);
  await expect.poll(() => notTogether(page)).toEqual([]);
  await auditAll(page);
});

for (const large of [false, true]) {
  test(`presenter mode at 1920 x 1080${large ? ' with large text' : ''}: the drawing takes the projector's height, nothing over it, the playback controls or the step readout`, async ({ hoplab, lessons, page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await hoplab.open(`?scenario=poc&motion=off&speed=4&lesson=the-mux&chapter=2${large ? '&text=large' : ''}`);
    await expect(lessons.chapterTitle).toHaveText('Wrapped in VXLAN');
    await lessons.presenter();
    await expect(lessons.question('What is the outer destination address of the packet MuxVM sends?')).toBeVisible();
    // Beside a lesson column a quarter of the width (499 px), the network, wider than tall (1.8 : 1), was drawn by the
    // area's width with 81 px empty above it and 81 below; beside a column of 422 px, 60 and 60.
    await expect.poll(async () => { const b = await bands(page); return Math.max(b.above, b.below); }).toBeLessThanOrEqual(62);
    await expect(page.locator('.off-screen .more')).toHaveCount(0);
    // Nothing over the drawing's devices, the playback controls or the step readout.
    await expect.poll(() => coveredBy(page)).toEqual([]);
    await expect.poll(() => notTogether(page)).toEqual([]);
    await auditAll(page);
  });
}

/** What covers a device's box, the playback controls or the step readout: the element found at its corners and middle, when it is not the thing itself. */
function coveredBy(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const things: [string, Element][] = [
      ...[...document.querySelectorAll('.react-flow__node-vm')].map((n) => [`device ${n.getAttribute('data-id')}`, n] as [string, Element]),
      ...['.playback button.play', '.playback .timeline input', '.playback .step-readout'].flatMap((sel) => [...document.querySelectorAll(sel)].map((el) => [sel, el] as [string, Element])),
    ];
    for (const [what, el] of things) {
      const r = el.getBoundingClientRect();
      for (const [x, y] of [[r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]] as const) {
        const at = document.elementFromPoint(x, y);
        if (!at) out.push(`${what} is off screen at ${Math.round(x)}, ${Math.round(y)}`);
        else if (!(el.contains(at) || at.contains(el)) && at.closest('.lesson-bar, .diagram-bar, .diagram-tools')) out.push(`${what} is covered at ${Math.round(x)}, ${Math.round(y)} by ${at.className}`);
      }
    }
    return out;
  });
}

test('presenter mode at 1920 x 1080: the score and "Chapter 1 of 3" read from the back of the room, each on one line', async ({ hoplab, lessons, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&lesson=vip-route&chapter=1');
  await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
  await lessons.presenter();
  // The score kept the laptop's 13 px between chapter buttons of 18 px and a caption of 24.
  const score = lessons.bar.locator('.lesson-score');
  await expect(score).toHaveText('0/3 right');
  await expect.poll(() => score.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
  // In the quarter-wide column the lesson's title wrapped before its last word: "3" stood alone on the second line.
  const chapterOf = lessons.bar.locator('.lesson-title span');
  await expect(chapterOf).toHaveText('Chapter 1 of 3');
  await expect.poll(() => chapterOf.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size)).toBe(1);
});

/** The resting labels' text size on screen, in CSS px (their font size times the diagram's zoom), smallest first. */
function labelPx(page: Page) {
  return page.evaluate(() => {
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    return [...document.querySelectorAll('.token.token-arrived:not(.token-merged) :is(.token-pill, .token-envelope-text)')]
      .map((el) => Math.round(parseFloat(getComputedStyle(el).fontSize) * zoom * 10) / 10)
      .sort((a, b) => a - b);
  });
}

/** What the resting labels cover that is still shown (a tag or a badge under a label yields to it). */
const shownCovers = async (page: Page) => (await restingLabelCovers(page)).filter((c) => !c.hidden).map((c) => c.what);

for (const large of [false, true]) {
  test(`presenter mode at 1920 x 1080${large ? ' with large text' : ''}: every step's packet labels are ${large ? 22 : 20} px or more on screen, covering nothing`, async ({ hoplab, lessons, page }) => {
    test.setTimeout(240_000);
    const least = large ? 22 : 20;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await hoplab.open(`?scenario=poc&motion=off&lesson=to-the-vip&chapter=1${large ? '&text=large' : ''}`);
    await expect(lessons.chapterTitle).toHaveText('ClientVM: the default route');
    await lessons.presenter();
    // The whole run, each step at rest.
    await lessons.bar.getByRole('button', { name: 'Show everything' }).click();
    const timeline = page.getByRole('toolbar', { name: 'Playback' }).getByRole('slider', { name: 'Timeline' });
    const total = Number(await timeline.getAttribute('max')) + 1;
    expect(total).toBeGreaterThan(60);
    await timeline.fill('0');
    for await (const step of everyStep(page, total)) {
      await expect.poll(async () => (await labelPx(page)).filter((px) => px < least), { message: `step ${step}: labels under ${least} px` }).toEqual([]);
      await expect.poll(() => shownCovers(page), { message: `step ${step}` }).toEqual([]);
    }
    await auditAll(page);
  });
}
