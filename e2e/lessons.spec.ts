// A student takes a lesson alone: opens it from the Lessons list, reads each chapter, answers the
// questions (one wrong, one right), plays each chapter to its end, then a teacher drives it from a
// presentation remote, and a link reopens a chapter.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** axe-core's audit of one part of the page: no violation of any impact. */
async function audit(page: Page, selector: string) {
  const r = await axe(page).include(selector).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test('lesson 1, "How the VIP gets a route", taken as a student would', async ({ hoplab, lessons, playback, events, page }) => {
  test.setTimeout(120_000);
  await test.step('open the lesson from the Lessons list', async () => {
    await hoplab.open('?motion=off&speed=4');
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: 'The way back: Direct Server Return' })).toBeVisible();
    await audit(page, 'dialog.lesson-catalog');
    await page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: 'Close lessons' }).click();
    await lessons.open('How the VIP gets a route');
    await expect(lessons.bar).toContainText('Chapter 1 of 3');
    await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
    await expect(lessons.bar).toContainText('Routers share routes in BGP (Border Gateway Protocol), over TCP.');
    await expect(hoplab.node('MuxVM')).toHaveAttribute('data-focus');
  });

  const portPrompt = "MuxVM's SYN has reached BGPVM. Which TCP port did MuxVM connect to?";
  await test.step('the question on the port is asked once the SYN, its port with it, is on screen; nothing plays past it', async () => {
    await expect(lessons.question(portPrompt)).toHaveCount(0);
    await playback.play.click();
    await expect(lessons.question(portPrompt)).toBeVisible();
    await audit(page, '.lesson-bar');
    // The SYN's row names its destination port, and the inspector can point at it; BGPVM's SYN-ACK is not shown yet.
    await expect(events.list.getByRole('option', { name: /TCP SYN/ }).filter({ hasText: ':179' }).first()).toBeAttached();
    await expect(events.list.getByRole('option', { name: /TCP SYN\/ACK/ })).toHaveCount(0);
    const before = await playback.settled();
    await playback.forward.click();
    await expect.poll(() => playback.step()).toBe(before);
    // The chapter's "Show the ... in the packet" points at the port in the SYN as it reached BGPVM, the question kept.
    await lessons.bar.getByRole('button', { name: 'Show the TCP destination port in the packet' }).click();
    await expect(page.getByRole('region', { name: 'Packet inspector' }).locator('button.field-row[aria-pressed="true"]')).toContainText('179');
    await expect.poll(() => playback.step()).toBe(before);
    await expect(lessons.question(portPrompt)).toBeVisible();
  });

  await test.step('a wrong answer: the feedback names the right one with the engine\'s why', async () => {
    const feedback = await lessons.answer(portPrompt, 'Port 443');
    await expect(feedback).toHaveText(/^Not quite: the answer is Port 179, not Port 443\./);
    await expect(feedback).toContainText('RFC 4271');
    await audit(page, '.lesson-bar');
  });

  await test.step('play the chapter: it stops at the chapter\'s end, with the SYN-ACK listed', async () => {
    await playback.play.click();
    await expect(lessons.bar).toContainText('End of this chapter');
    await expect(events.list.getByRole('option', { name: /TCP SYN\/ACK/ }).first()).toBeAttached();
  });

  await test.step('next chapter: the OPEN, and a right answer', async () => {
    await lessons.next.click();
    await expect(lessons.chapterTitle).toHaveText('OPEN: the routers introduce themselves');
    // Asked once MuxVM's OPEN, which carries the hold time, has reached BGPVM.
    await playback.play.click();
    const feedback = await lessons.answer(/How long may BGPVM go without hearing from MuxVM/, '180 s');
    await expect(feedback).toHaveText(/^Correct: 180 s\./);
  });

  await test.step('the last chapter: the UPDATE, and a score at the end', async () => {
    await lessons.next.click();
    await expect(lessons.chapterTitle).toHaveText('UPDATE: the VIPs are announced');
    const feedback = await lessons.answer('Next, BGPVM installs a route to 192.168.133.74/32. What will its next hop be?', '192.168.100.6');
    await expect(feedback).toHaveText(/^Correct/);
    await expect(lessons.bar.locator('.quiz-debrief')).toHaveText('From now on, a packet for 192.168.133.74 leaves BGPVM towards MuxVM.');
    await playback.play.click();
    await expect(lessons.bar).toContainText('End of the lesson. You answered 2 of 3 questions right.');
    await expect(events.list.getByRole('option', { name: /BGPVM installs 192\.168\.133\.74\/32 via 192\.168\.100\.6/ })).toBeAttached();
  });

  await test.step('the chapter points at BGPVM\'s new route and at the field in the UPDATE', async () => {
    await lessons.bar.getByRole('button', { name: "Show BGPVM's routing table" }).click();
    const row = page.getByRole('region', { name: 'Details of BGPVM' }).locator('tr[data-focus]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('192.168.133.74/32');
    await expect(row).toContainText('192.168.100.6');
    await lessons.bar.getByRole('button', { name: 'Show the BGP announced route (NLRI) in the packet' }).click();
    await expect(page.getByRole('region', { name: 'Packet inspector' }).locator('button.field-row[aria-pressed="true"]')).toContainText('192.168.133.74/32');
  });

  await test.step('the Lessons list shows the progress', async () => {
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const list = page.getByRole('dialog', { name: 'Lessons' });
    await expect(list.getByRole('listitem').filter({ hasText: 'How the VIP gets a route' })).toContainText('Reached chapter 3 of 3 · 2 of 3 questions right');
    await list.getByRole('button', { name: 'Close lessons' }).click();
  });
});

test('at laptop size the lesson sits beside the diagram, which keeps its size; on a tablet it sits above', async ({ hoplab, lessons, page }) => {
  // Two screen sizes and a lesson opened from the menu: over a minute on a loaded machine (7.9 s on a quiet one).
  test.setTimeout(120_000);
  const zoom = () => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  await page.setViewportSize({ width: 1280, height: 800 });
  await hoplab.open('?motion=off');
  await expect(hoplab.node('MuxVM')).toBeVisible();
  await expect.poll(zoom).toBeGreaterThan(0.5);
  const without = await zoom();
  await lessons.open('How the VIP gets a route');
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(lessons.next).toBeInViewport();
  await expect(page.getByRole('tab', { name: 'Hop & packet' })).toBeInViewport();
  // The diagram is about as large as without the lesson: the caption took no height from it (above the
  // diagram it took 290 px, and the zoom fell from 0.6 to 0.38). The drawing is fitted by its height on a
  // laptop, and the lesson's run adds a short row (its status) to the bar above it: a few px, no more.
  await expect.poll(zoom).toBeGreaterThan(without * 0.96);
  // Opened on the chapter's first event, MuxVM's SYN: the event list shows its row, not nothing (the question on
  // its port waits until the SYN has reached BGPVM).
  await expect(page.getByRole('region', { name: 'Events' }).getByRole('option', { name: /TCP SYN/ })).toHaveCount(1);

  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('region', { name: 'Lesson' })).toHaveCount(0);
  await expect(lessons.bar).toBeVisible();
  await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
  await expect(hoplab.node('MuxVM')).toBeInViewport();
});

test('at 1024 x 768 the diagram keeps the devices a chapter follows in view, and the chapter buttons keep one line each', async ({ hoplab, lessons, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await hoplab.open('?motion=off&lesson=find-portal&chapter=3');
  await expect(lessons.chapterTitle).toHaveText('A different way back');
  for (const node of ['ClientVM', 'NATVM', 'BGPVM']) await expect(hoplab.node(node)).toBeInViewport();
  await expect.poll(() => page.locator('.react-flow').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(350);
  // One line: no taller than the score beside them allows for a single line of button text.
  const lineHeight = (name: string) => lessons.bar.getByRole('button', { name }).evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
  // The last chapter: its way on is the next lesson.
  for (const name of ['Previous chapter', 'Next lesson']) await expect.poll(() => lineHeight(name), { message: name }).toBeLessThan(1.9);
  await expect(lessons.previous).toBeInViewport();
});

test('at 1024 x 768 the lesson\'s buttons take two rows and the question\'s choices are in view without scrolling, the diagram keeping its height', async ({ hoplab, lessons, inspector, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const prompt = "This frame has two IPv4 headers, one inside the other. What is the inner one's destination?";
  // The rows the lesson's own buttons take (its actions and the chapter buttons; "Show … in the packet" is the chapter's content).
  const buttonRows = () =>
    lessons.bar.evaluate((bar) => new Set([...bar.querySelectorAll('.lesson-head button, .chapter-nav button')].map((b) => Math.round(b.getBoundingClientRect().top))).size);
  const wholeInView = async (prompt: string) => {
    const quiz = lessons.quiz(prompt);
    const choices = quiz.locator('label.quiz-choice');
    await expect(choices).not.toHaveCount(0);
    for (const choice of await choices.all()) await expect(choice).toBeInViewport({ ratio: 1 });
    await expect(quiz.getByRole('button', { name: 'Check answer' })).toBeInViewport({ ratio: 1 });
  };

  await test.step('a question asked at the chapter\'s first step: VFP\'s, about the VXLAN frame on screen', async () => {
    await hoplab.open('?motion=off&lesson=vfp-on-host&chapter=1');
    await expect(lessons.question(prompt)).toBeVisible();
    await expect.poll(buttonRows).toBe(2);
    // The buttons keep their names; only the narrow panel leaves a word unshown.
    for (const name of ['Show everything', 'Presenter mode', 'Leave lesson']) await expect(lessons.bar.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
    await wholeInView(prompt);
    // The diagram's area: the drawing and the strip of its controls above it (they sat over its top 42 px before).
    await expect.poll(() => page.locator('.canvas').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(400);
    await expect(hoplab.node('ClientVM')).toBeInViewport();
    // The packet inspector shows the VXLAN frame, both IPv4 headers: the inner one is the answer.
    await expect(inspector.layer('ipv4', 1)).toContainText('192.168.133.74');
    await expect(inspector.layer('ipv4', 0)).toContainText('192.168.233.21');
    await expect(await lessons.answer(prompt, '192.168.233.21')).toHaveText(/^Not quite: the answer is 192\.168\.133\.74, not 192\.168\.233\.21\. The inner IPv4 header still reads/);
    await audit(page, '.lesson-bar');
  });

  await test.step('a second question asked at the same moment, below the first one\'s feedback', async () => {
    await hoplab.open('?motion=off&lesson=to-the-vip&chapter=2');
    await lessons.answer(/What is its TTL when it leaves NATVM/, '64');
    const next = 'The SYN is at NATVM. Which device does NATVM send it to next?';
    await expect(lessons.question(next)).toBeVisible();
    await wholeInView(next);
    await expect.poll(buttonRows).toBe(2);
  });
});

test('presenter mode at 1920 x 1080: large caption and chapter end, side panels hidden, Page Down and Page Up change chapter', async ({ hoplab, lessons, page, playback }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&lesson=to-the-vip&chapter=1');
  await expect(lessons.chapterTitle).toHaveText('ClientVM: the default route');
  await lessons.presenter();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Events' })).toBeHidden();
  await expect.poll(() => lessons.bar.locator('.caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
  await audit(page, '.lesson-bar');
  // The whole page too: with the header hidden, the lesson's title is the page's heading (axe: page-has-heading-one).
  const whole = await axe(page).analyze();
  expect(whole.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('To the VIP · Chapter 1 of 3');
  await page.keyboard.press('PageDown');
  await expect(lessons.chapterTitle).toHaveText('NATVM: a static route, and the TTL');
  await page.keyboard.press('PageDown');
  await expect(lessons.chapterTitle).toHaveText('BGPVM: the /32 from BGP wins');
  await page.keyboard.press('PageUp');
  await expect(lessons.chapterTitle).toHaveText('NATVM: a static route, and the TTL');
  await expect.poll(() => new URL(page.url()).searchParams.get('chapter')).toBe('2');
  // The chapter's end is read from the back of the room too, like the caption.
  await lessons.answer(/What is its TTL when it leaves NATVM/, '127');
  await lessons.answer('The SYN is at NATVM. Which device does NATVM send it to next?', 'BGPVM');
  // Whenever the chapter's end is on screen, playback is paused: the button reads Play, not Pause.
  await page.evaluate(() => {
    const w = window as unknown as { endWhilePlaying: boolean };
    w.endWhilePlaying = false;
    const check = () => {
      if (document.querySelector('.lesson-bar .chapter-end') && document.querySelector('.playback button[aria-label="Pause"]')) w.endWhilePlaying = true;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  });
  await playback.play.click();
  const end = lessons.bar.locator('.chapter-end');
  await expect(end).toHaveText('End of this chapter. Go on with Next chapter.');
  await expect.poll(() => end.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
  await expect(playback.play).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { endWhilePlaying: boolean }).endWhilePlaying)).toBe(false);
  // With two questions and their feedback on screen, the diagram is still drawn large: the lesson is a
  // column beside it, not a band above it (there, it left ClientVM about 105 px wide).
  await expect(lessons.bar.locator('.quiz-feedback')).toHaveCount(2);
  await expect.poll(() => hoplab.node('ClientVM').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(150);
  await expect(hoplab.node('ClientVM')).toBeInViewport();
  // What the chapter points at brings the panel back beside the diagram (it was hidden, and the button
  // showed nothing); the next move hides it again.
  await lessons.bar.getByRole('button', { name: 'Show the IPv4 time to live in the packet' }).click();
  await expect(page.getByRole('region', { name: 'Packet inspector' }).locator('button.field-row[aria-pressed="true"]')).toBeVisible();
  await playback.forward.click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeHidden();
});

test('presenter mode: a chapter that ends on an event with no frame of its own says what happened, with no Why panel on screen', async ({ hoplab, lessons, page, playback }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&speed=4&lesson=mux-dies&chapter=3');
  await expect(lessons.chapterTitle).toHaveText('BGPVM gives up on MuxVM');
  await lessons.bar.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('region', { name: 'Why' })).toBeHidden();
  await playback.play.click();
  await lessons.answer("Why does BGPVM finally remove MuxVM's routes?", /TCP gave up retransmitting/);
  await playback.play.click();
  await expect(lessons.bar.locator('.chapter-end')).toHaveText('End of this chapter. Go on with Next chapter.', { timeout: 60_000 });
  await expect(lessons.bar.locator('.chapter-end-note')).toHaveText("Where this chapter ends: BGPVM's BGP session with MuxVM is down: TCP gave up resending to MuxVM. Every route MuxVM announced goes with it.");
  await expect(lessons.bar.locator('.chapter-end-note')).toBeInViewport();
  await audit(page, '.lesson-bar');
});

test('the loop runs quickly through the rounds between its first and its last: at speed 1 the TTL\'s death comes on its own', async ({ hoplab, lessons, playback, events, page }) => {
  // 260 steps: at speed 1 and 1.25 s a step, playing every round at the same pace would take over five minutes.
  test.setTimeout(120_000);
  await hoplab.open('?motion=off&lesson=mux-dies&chapter=4');
  await expect(lessons.chapterTitle).toHaveText('Round and round until the TTL dies');
  await expect(lessons.bar).toContainText('runs quickly through the rest');
  await playback.play.click();
  const right = await lessons.answer('This time the SYN reaches BGPVM after the routes were removed. Where does BGPVM send it?', 'NATVM');
  await expect(right).toHaveText(/^Correct/);
  await playback.play.click();
  // Asked one round in, as the SYN comes back to BGPVM: the diagram does not yet mark how it dies.
  await expect(lessons.question('NATVM has sent the SYN back to BGPVM. How will this packet end?')).toBeVisible();
  await expect(page.getByRole('note', { name: /^(The flow died|Dropped) at / }).filter({ hasText: 'attempt 2' })).toHaveCount(0);
  await lessons.answer('NATVM has sent the SYN back to BGPVM. How will this packet end?', /until its TTL runs out/);
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of the lesson', { timeout: 60_000 });
  await expect(events.list.getByRole('option', { name: /Repeated \d+ times: / }).first()).toBeAttached();
});

test('a link opens a lesson at a chapter, and keeps the answers given before', async ({ hoplab, lessons, page }) => {
  await hoplab.open('?motion=off&lesson=to-the-vip&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('NATVM: a static route, and the TTL');
  await expect(lessons.bar).toContainText('Chapter 2 of 3');
  await expect(await lessons.answer(/What is its TTL when it leaves NATVM/, '127')).toHaveText(/^Correct/);
  const feedback = await lessons.answer('The SYN is at NATVM. Which device does NATVM send it to next?', 'BGPVM');
  await expect(feedback).toHaveText(/^Correct: BGPVM\./);
  await page.reload();
  await expect(lessons.chapterTitle).toHaveText('NATVM: a static route, and the TTL');
  await expect(lessons.question('The SYN is at NATVM. Which device does NATVM send it to next?').getByRole('radio', { name: 'BGPVM' })).toBeChecked();
  await expect(lessons.bar.getByRole('status').first()).toHaveText(/^Correct/);
});

test('a "which device next?" question is answered by clicking the device on the diagram', async ({ hoplab, lessons }) => {
  await hoplab.open('?motion=off&lesson=to-the-vip&chapter=1');
  const prompt = 'ClientVM sends the SYN. Which device receives it first (not counting the switch)?';
  await expect(lessons.question(prompt)).toBeVisible();
  await hoplab.node('NATVM').click();
  await expect(lessons.question(prompt).getByRole('radio', { name: 'NATVM' })).toBeChecked();
  await lessons.bar.getByRole('button', { name: 'Check answer' }).click();
  await expect(lessons.bar.getByRole('status').first()).toHaveText(/^Correct: NATVM\./);
});

test('a question asked as its chapter opens: the empty event list says to answer it, not to press Play, which waits for the answer', async ({ hoplab, lessons, playback, events }) => {
  await hoplab.open('?motion=off&lesson=to-the-vip&chapter=1');
  const prompt = 'ClientVM sends the SYN. Which device receives it first (not counting the switch)?';
  await expect(lessons.question(prompt)).toBeVisible();
  // Play does nothing while the question waits: the list said "Press Play" all the same.
  const hint = events.region.locator('p.empty');
  await expect(hint).toHaveText('Answer the question first: this chapter\'s events appear here as they happen.');
  await lessons.answer(prompt, 'NATVM');
  await expect(hint).toHaveText('Press Play: this chapter\'s events appear here as they happen.');
  await playback.play.click();
  await expect(events.row(/TCP SYN/).first()).toBeAttached();
  await expect(hint).toHaveCount(0);
});

test('a question waits on the last frame its chapter is about: "No SYN-ACK comes back" shows the SYN lost at the dead MuxVM, not a health probe', async ({ hoplab, lessons, playback, page }) => {
  await hoplab.open('?motion=off&speed=4&lesson=mux-dies&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('Into the void');
  await expect(playback.timeline).toBeEnabled();
  await playback.play.click();
  await lessons.answer('The SYN has reached BGPVM. Where does BGPVM send it?', 'MuxVM');
  await playback.play.click();
  const prompt = 'No SYN-ACK comes back. What does ClientVM do?';
  await expect(lessons.question(prompt)).toBeVisible();
  // The step just before the retransmission is the host agent's health probe: PortalVM's TCP RST was the only packet
  // on the diagram while the student was asked why no SYN-ACK came.
  const tokens = page.locator('.token .token-body');
  await expect(tokens.filter({ hasText: 'TCP SYN' })).toHaveCount(1);
  await expect(tokens.filter({ hasText: 'RST' })).toHaveCount(0);
  await expect(page.locator('.drop-marker')).toContainText('MuxVM is down');
});

test('a bad lesson link says what is wrong', async ({ hoplab, page }) => {
  await hoplab.open('?lesson=no-such-lesson');
  await expect(page.getByRole('alert').filter({ hasText: 'There is no lesson "no-such-lesson"' })).toBeVisible();
});

test('lesson 7, "When MuxVM dies": the black hole, the hold timer, and the loop', async ({ hoplab, lessons, playback, events, page }) => {
  test.setTimeout(180_000);
  await test.step('open it from the list: MuxVM fails, and BGPVM still holds its route', async () => {
    await hoplab.open('?motion=off&speed=4');
    await lessons.open('When MuxVM dies');
    await expect(lessons.chapterTitle).toHaveText('MuxVM dies, and nobody says so');
    await playback.play.click();
    const feedback = await lessons.answer(/What does BGPVM's routing table now say/, /Still 192\.168\.133\.74\/32 via MuxVM/);
    await expect(feedback).toHaveText(/^Correct/);
  });

  await test.step('into the void: a wrong guess, then the retransmissions', async () => {
    await lessons.next.click();
    await expect(lessons.chapterTitle).toHaveText('Into the void');
    await playback.play.click();
    const wrong = await lessons.answer('The SYN has reached BGPVM. Where does BGPVM send it?', 'NATVM');
    await expect(wrong).toHaveText(/^Not quite: the answer is MuxVM, not NATVM\./);
    await playback.play.click();
    const right = await lessons.answer('No SYN-ACK comes back. What does ClientVM do?', /sends the SYN again/);
    await expect(right).toHaveText(/^Correct/);
    await expect(right).toContainText('sent the SYN again 3 s after the first, and again 6 s after that');
  });

  await test.step('BGPVM gives up on MuxVM: TCP\'s retransmissions run out before the hold timer', async () => {
    await lessons.next.click();
    await expect(lessons.chapterTitle).toHaveText('BGPVM gives up on MuxVM');
    await playback.play.click();
    // The question appears mid-chapter, below a long caption: it is scrolled into view, "Check answer" too.
    const quiz = lessons.quiz("Why does BGPVM finally remove MuxVM's routes?");
    await expect(quiz.getByRole('button', { name: 'Check answer' })).toBeInViewport();
    await expect(quiz.locator('.quiz-prompt')).toBeInViewport();
    const feedback = await lessons.answer("Why does BGPVM finally remove MuxVM's routes?", /TCP gave up retransmitting/);
    await expect(feedback).toHaveText(/^Correct/);
    // The why races the two clocks, with the run's own times.
    await expect(feedback).toContainText('gave up at 67.533 s');
    await expect(feedback).toContainText('the 180 s hold timer agreed in the OPEN messages, would have run out only at 180.001 s');
    await expect(feedback).toContainText("TCP's clock ran out first: BGPVM closed its BGP session with MuxVM");
    // The chapter ends on the session going down, an event with no frame of its own: the step shown holds a
    // health probe, and the Why names the session's end first.
    await playback.play.click();
    await expect(lessons.bar).toContainText('End of this chapter');
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why.locator('.hop-end-event')).toContainText('Where this chapter ends');
    await expect(why.locator('.hop-end-event')).toContainText('BGPVM: BGP session with 192.168.100.6 (AS 64628) down: TCP timeout');
  });

  await test.step('the loop: answer on the diagram, the round trips fold into one row, the TTL dies', async () => {
    await lessons.next.click();
    await expect(lessons.chapterTitle).toHaveText('Round and round until the TTL dies');
    await expect(lessons.bar).toContainText('BFD');
    await playback.play.click();
    await expect(lessons.question('This time the SYN reaches BGPVM after the routes were removed. Where does BGPVM send it?')).toBeVisible();
    await hoplab.node('NATVM').click();
    await lessons.bar.getByRole('button', { name: 'Check answer' }).click();
    await expect(lessons.bar.getByRole('status').last()).toHaveText(/^Correct: NATVM\./);
    // The moving packet shows its TTL: one round trip later it is lower.
    const ttl = async () => Number(/TTL (\d+)/.exec((await page.locator('.token .token-ttl').first().textContent()) ?? '')?.[1]);
    await playback.stepForward();
    await expect(page.locator('.token .token-ttl').first()).toHaveText(/TTL \d+/);
    const first = await ttl();
    for (let i = 0; i < 3; i++) await playback.forward.click();
    await expect.poll(ttl).toBeLessThan(first);
    // One round in, as the SYN comes back to BGPVM, the student says how it will end.
    await expect(lessons.question('NATVM has sent the SYN back to BGPVM. How will this packet end?')).toBeVisible();
    const end = await lessons.answer('NATVM has sent the SYN back to BGPVM. How will this packet end?', /until its TTL runs out/);
    await expect(end).toHaveText(/^Correct/);
    // Said in words, not the engine's "routing loop between NATVM and BGPVM: ... matches ... (static) via ...".
    await expect(end).toContainText("NATVM's static route for 192.168.133.0/24 sends it to BGPVM, and BGPVM's default route, 0.0.0.0/0, sends it back to NATVM");
    // Played on, the loop runs quickly through the rounds between the first and the last to the chapter's end.
    await playback.play.click();
    await expect(lessons.bar).toContainText('End of the lesson. You answered 5 of 6 questions right.', { timeout: 60_000 });
    await expect(events.list.getByRole('option', { name: /Repeated \d+ times: (NATVM → BGPVM → NATVM|BGPVM → NATVM → BGPVM) … \(TTL \d+ → \d+\)/ }).first()).toBeVisible();
    // The diagram marks only what died in this chapter: the looping SYN at BGPVM, nothing the first attempt
    // or the dead MUX left behind in the chapters before.
    const marks = page.getByRole('note', { name: /^(The flow died|Dropped) at / });
    await expect(marks.filter({ hasText: 'attempt 2' })).toBeVisible();
    await expect(marks).toHaveCount(1);
    // Its label is read whole: why the packet died is not cut off; under it, the router's own drop of that SYN.
    const label = marks.locator('.drop-text');
    await expect(label).toHaveText(/^flow \(attempt 2\) died: TTL exceeded/);
    await expect(label.locator('.drop-own')).toHaveText(/^TTL expired for 192\.168\.200\.10 -> 192\.168\.133\.74, ICMP time exceeded sent$/);
    await expect.poll(() => label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  });
});

for (const scheme of ['dark', 'light'] as const) {
  test(`the lesson bar, a question and its feedback pass axe in the ${scheme} theme`, async ({ hoplab, lessons, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await hoplab.open('?motion=off&lesson=to-the-vip&chapter=2');
    // The TTL is asked first: the next device's why gives the TTL after NATVM.
    await expect(lessons.question(/What is its TTL when it leaves NATVM/)).toBeVisible();
    await audit(page, '.lesson-bar');
    const wrong = await lessons.answer(/What is its TTL when it leaves NATVM/, '128');
    await expect(wrong).toHaveText(/^Not quite/);
    const right = await lessons.answer('The SYN is at NATVM. Which device does NATVM send it to next?', 'BGPVM');
    await expect(right).toHaveText(/^Correct/);
    await audit(page, '.lesson-bar');
  });
}

// Nothing on screen answers a question before it is asked: not a chapter's end, the event list or the Why.
test('lesson 1: the OPEN chapter ends before the UPDATE, whose next hop chapter 3 asks for', async ({ hoplab, lessons, playback, events }) => {
  await hoplab.open('?motion=off&speed=4&lesson=vip-route&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('OPEN: the routers introduce themselves');
  await playback.play.click();
  await lessons.answer(/How long may BGPVM go without hearing from MuxVM/, '180 s');
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of this chapter');
  await expect(events.list.getByRole('option', { name: /BGP state MuxVM: BGP session with 192\.168\.100\.1 .*-> Established/ })).toBeAttached();
  await expect(events.list.getByRole('option', { name: /UPDATE|installs 192\.168\.133\.74/ })).toHaveCount(0);
  // The engine names the table the chapter points at: "BGP" stays an acronym.
  await expect(lessons.bar.getByRole('button', { name: "Show MuxVM's BGP neighbours" })).toBeVisible();
});

test('lesson 1, chapter 3 at laptop size: the Why explains the UPDATE, not the KEEPALIVE beside it', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await hoplab.open('?motion=off&speed=4&lesson=vip-route&chapter=3');
  await lessons.answer('Next, BGPVM installs a route to 192.168.133.74/32. What will its next hop be?', '192.168.100.6');
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of the lesson');
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why).toContainText('BGP UPDATE');
  await expect(why).not.toContainText('BGP KEEPALIVE');
});

test('lesson 2: asked for ADVM\'s answer, neither the Why nor the event list shows it', async ({ hoplab, lessons, playback, events, page }) => {
  await hoplab.open('?motion=off&speed=4&lesson=find-portal&chapter=2');
  const prompt = 'Which address does ADVM give for portal.azurestack.local?';
  await expect(lessons.question(prompt)).toBeVisible();
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why).toContainText('DNS lookup');
  await expect(why).not.toContainText('192.168.133.74');
  await expect(page.getByRole('region', { name: 'Events' })).not.toContainText('192.168.133.74');
  await expect(await lessons.answer(prompt, '192.168.133.74')).toHaveText(/^Correct/);
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of this chapter');
  await expect(events.list.getByRole('option', { name: /DNS response portal\.azurestack\.local A 192\.168\.133\.74/ }).first()).toBeAttached();
  // ADVM's own record of its answer is this chapter's (it fell between the two chapters before).
  await expect(events.list.getByRole('option', { name: /ADVM's DNS server answers portal\.azurestack\.local A 192\.168\.133\.74/ })).toBeAttached();
});

/** The event list's cells whose text is cut (an ellipsis): the current rows' summaries and every kind. */
const cutCells = (page: Page) =>
  page
    .getByRole('listbox', { name: 'Event list' })
    .locator('[data-current] .ev-summary, .ev-proto')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));

test('at laptop size the current rows show their whole summary, TTL included, and the kind column its whole label', async ({ hoplab, lessons, playback, events, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await hoplab.open('?motion=off&speed=4&lesson=find-portal&chapter=1');
  await expect(lessons.chapterTitle).toHaveText('The question: what is portal.azurestack.local?');
  await playback.play.click();
  await lessons.answer('The query has reached NATVM. Which device does NATVM send it to next?', 'BGPVM');
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of this chapter');
  await expect(events.list.locator('[role="option"][data-current]').first()).toContainText(/DNS query A portal\.azurestack\.local TTL 126$/);
  await expect.poll(() => cutCells(page)).toEqual([]);

  await hoplab.open('?motion=off&speed=4&lesson=mux-dies&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('Into the void');
  await playback.play.click();
  await lessons.answer('The SYN has reached BGPVM. Where does BGPVM send it?', 'MuxVM');
  await playback.play.click();
  await lessons.answer('No SYN-ACK comes back. What does ClientVM do?', /sends the SYN again/);
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of this chapter');
  await expect(events.list.getByRole('option', { name: /TCP gave up/ })).toBeAttached();
  await expect.poll(() => cutCells(page)).toEqual([]);
});

test('lesson 4: chapter 1 ends before MuxVM\'s ARP request names the outer destination chapter 2 asks for', async ({ hoplab, lessons, playback, events, page }) => {
  await hoplab.open('?motion=off&speed=4&lesson=the-mux&chapter=1');
  await lessons.answer('How does MuxVM choose which server gets this connection?', /A hash/);
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of this chapter');
  await expect(events.list.getByRole('option', { name: /TCP SYN/ }).first()).toBeAttached();
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why).toContainText('MuxVM');
  await expect(page.getByRole('region', { name: 'Events' })).not.toContainText('192.168.233.21');
  await expect(why).not.toContainText('192.168.233.21');
  await lessons.next.click();
  const prompt = 'What is the outer destination address of the packet MuxVM sends?';
  await expect(lessons.question(prompt)).toBeVisible();
  await expect(why).not.toContainText('192.168.233.21');
  await lessons.answer(prompt, '192.168.233.21');
  await playback.play.click();
  await expect(lessons.bar).toContainText('End of the lesson');
  await expect(events.list.getByRole('option', { name: /VXLAN 192\.168\.233\.6 -> 192\.168\.233\.21/ }).first()).toBeAttached();
});

// Both MUXes peer with BGPVM in one AS: each session's label names its own state. When BGPVM gave up on the
// dead MuxVM2, both labels read "Idle" (BGPVM's latest change, about MuxVM2, was read for MuxVM's too).
test('lesson 8, chapter 3: at the second connection, MuxVM\'s session reads Established and the dead MuxVM2\'s Idle', async ({ hoplab, lessons, playback, page }) => {
  await hoplab.open('?motion=off&speed=4&lesson=two-muxes&chapter=3');
  await expect(lessons.chapterTitle).toHaveText('MuxVM2 dies: failover to MuxVM');
  const session = (mux: string) => page.locator(`.react-flow__edge[data-id="bgp:BGPVM|${mux}"] .bgp-label`);
  await playback.play.click();
  const prompt = 'After the failure, a new SYN reaches BGPVM. Which device does BGPVM send it to?';
  await expect(lessons.question(prompt)).toBeVisible({ timeout: 60_000 });
  await expect(session('MuxVM')).toHaveText('eBGP MuxVM AS64628 ↔ BGPVM AS64647 · Established');
  await expect(session('MuxVM2')).toHaveText('eBGP MuxVM2 AS64628 ↔ BGPVM AS64647 · Idle');
  await expect(await lessons.answer(prompt, /^MuxVM$/)).toHaveText(/^Correct/);
});

test('in a lesson the event list points at the row that holds the current step, folded or not, and passes axe', async ({ hoplab, lessons, events, page }) => {
  // Chapter 2 opens on a KEEPALIVE it is not about: its row is folded into "1 other event (BGP) this chapter is not about".
  await hoplab.open('?motion=off&speed=4&lesson=vip-route&chapter=2');
  await expect(lessons.chapterTitle).toHaveText('OPEN: the routers introduce themselves');
  await expect(events.list.getByRole('option', { name: /other event \(BGP\) this chapter is not about/ })).toHaveAttribute('aria-selected', 'true');
  // The listbox's active row is one that exists: the folded row, not the event hidden inside it.
  const active = () => events.list.evaluate((el) => document.getElementById(el.getAttribute('aria-activedescendant') ?? '')?.textContent ?? 'none');
  await expect.poll(active).toMatch(/1 other event \(BGP\) this chapter is not about/);
  await audit(page, '.event-list');
  // Unfolded, the active row is the event itself.
  await events.list.getByRole('option', { name: /other event \(BGP\)/ }).click();
  await expect.poll(active).toMatch(/KEEPALIVE|BGP/);
  await audit(page, '.event-list');
});

test('a question\'s feedback, as soon as it is given, says the route in words and explains its terms', async ({ hoplab, lessons, page }) => {
  await hoplab.open('?motion=off&speed=4&lesson=find-portal&chapter=3');
  const feedback = await lessons.answer('The answer has reached BGPVM. Which device does BGPVM send it to next?', 'ADVM');
  await expect(feedback).toHaveText(/^Not quite: the answer is ClientVM, not ADVM\. /);
  // It read "BGPVM routes 192.168.200.10 by route 192.168.200.0/24 on-link out of transit, connected; TTL 128 -> 127.": a
  // routing table's row, which a student reads in words.
  await expect(feedback).toContainText('The most specific range that holds it is 192.168.200.0/24 (192.168.200.0 to 192.168.200.255), a connected route: BGPVM has a network card on that network itself. No router is needed: BGPVM hands the packet straight to ClientVM.');
  await expect(feedback).not.toContainText('on-link');
  await expect(feedback).not.toContainText('TTL');
  // A term the feedback names opens its explanation: in "To the VIP", the BGP route's.
  await hoplab.open('?motion=off&speed=4&lesson=to-the-vip&chapter=3');
  const bgp = await lessons.answer('Which kind of route does BGPVM use for 192.168.133.74?', 'A route learned from a neighbour by BGP');
  await expect(bgp.getByRole('button', { name: 'BGP', exact: true })).toBeVisible();
  await audit(page, '.lesson-bar');
});

test('at 1920 x 1080 with large text the lesson\'s caption and question are projector size, the choices in view', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&lesson=vip-route&chapter=1');
  const prompt = "MuxVM's SYN has reached BGPVM. Which TCP port did MuxVM connect to?";
  // Played once the lesson is ready: the question waits until the SYN has reached BGPVM.
  await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
  await playback.play.click();
  await expect(lessons.question(prompt)).toBeVisible();
  const px = (sel: string) => lessons.bar.locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  // Without it the lesson reads as the panels do at a desk: 15 px captions, 14 px questions.
  expect(await px('.caption')).toBe(15);
  await page.getByRole('button', { name: 'Large text' }).click();
  await expect(page.getByRole('button', { name: 'Large text' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => px('.caption')).toBe(20);
  expect(await px('.chapter-title')).toBe(24);
  expect(await px('.quiz-prompt')).toBe(18);
  expect(await px('.quiz-choice')).toBe(18);
  expect(await px('.chapter-nav button')).toBe(16);
  // Every choice and "Check answer" in view in the lesson's box, which keeps its buttons on two rows.
  const quiz = lessons.quiz(prompt);
  for (const el of [...(await quiz.locator('.quiz-choice').all()), quiz.getByRole('button', { name: 'Check answer' })]) await expect(el).toBeInViewport({ ratio: 1 });
  const box = await lessons.bar.boundingBox();
  for (const el of await quiz.locator('.quiz-choice').all()) {
    const b = (await el.boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(box!.y + box!.height);
  }
  // The link keeps it: a reload opens the lesson at large text.
  await expect(page).toHaveURL(/text=large/);
  await page.reload();
  await expect(lessons.chapterTitle).toHaveText('MuxVM calls BGPVM');
  await playback.play.click();
  await expect(lessons.question(prompt)).toBeVisible();
  await expect.poll(() => px('.caption')).toBe(20);
  await audit(page, '.lesson-bar');

  // On a laptop's screen a step less: the longest first question's choices and "Check answer" stay in the lesson's box.
  await page.setViewportSize({ width: 1280, height: 800 });
  await hoplab.open('?motion=off&lesson=vfp-on-host&chapter=1&text=large');
  const inner = lessons.quiz("This frame has two IPv4 headers, one inside the other. What is the inner one's destination?");
  await expect(inner).toBeVisible();
  await expect.poll(() => px('.caption')).toBe(17);
  expect(await px('.quiz-prompt')).toBe(16);
  // Above the chapter buttons, which stay at the foot of the lesson's box.
  const nav = (await lessons.bar.locator('.chapter-nav').boundingBox())!;
  for (const el of [...(await inner.locator('.quiz-choice').all()), inner.getByRole('button', { name: 'Check answer' })]) {
    const b = (await el.boundingBox())!;
    expect(b.y + b.height, (await el.textContent()) ?? '').toBeLessThanOrEqual(nav.y);
  }
});

/** The part of an element of the lesson's box that shows: not scrolled away and not under the chapter buttons. */
const shownOf = (el: import('@playwright/test').Locator) =>
  el.evaluate((e) => {
    const bar = e.closest('.lesson-bar')!.getBoundingClientRect();
    const nav = e.closest('.lesson-bar')!.querySelector('.chapter-nav')!.getBoundingClientRect();
    const r = e.getBoundingClientRect();
    const visible = Math.min(r.bottom, nav.top, bar.bottom) - Math.max(r.top, bar.top);
    return Math.max(0, Math.round((visible / r.height) * 100) / 100);
  });

test('at 1920 x 1080 a chapter\'s end and a question\'s debrief show whole, above the chapter buttons', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&speed=4&lesson=the-mux&chapter=1');
  const prompt = 'How does MuxVM choose which server gets this connection?';
  const feedback = await lessons.answer(prompt, /Round robin/);
  await expect(feedback).toHaveText(/^Not quite/);
  const debrief = lessons.quiz(prompt).locator('.quiz-debrief');
  await expect(debrief).toContainText('without the MUX having to remember anything');
  await expect.poll(() => shownOf(debrief)).toBe(1);
  await playback.play.click();
  const end = lessons.bar.locator('.chapter-end');
  await expect(end).toHaveText('End of this chapter. Go on with Next chapter.');
  // Under the chapter buttons it read as cut text behind them.
  await expect.poll(() => shownOf(end)).toBe(1);
});

test('at 1920 x 1080 the debrief of the chapter\'s second question shows whole', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await hoplab.open('?motion=off&speed=4&lesson=find-portal&chapter=3');
  await expect(await lessons.answer('The answer has reached BGPVM. Which device does BGPVM send it to next?', 'ADVM')).toHaveText(/^Not quite/);
  await playback.play.click();
  const prompt = 'Which device did the query pass through that the answer does not?';
  await expect(lessons.question(prompt)).toBeVisible();
  await expect(await lessons.answer(prompt, 'ClientVM')).toHaveText(/^Not quite/);
  const debrief = lessons.quiz(prompt).locator('.quiz-debrief');
  await expect(debrief).toContainText('they are normal');
  await expect.poll(() => shownOf(debrief)).toBe(1);
});

test('on a phone, Next chapter shows the new chapter\'s title and caption, not the page part scrolled to before', async ({ hoplab, lessons, playback, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await hoplab.open('?motion=off&speed=4&lesson=vip-route&chapter=2');
  await playback.play.click();
  await expect(await lessons.answer(/How long may BGPVM go without hearing from MuxVM/, /^60 s$/)).toHaveText(/^Not quite/);
  await playback.play.click();
  await expect(lessons.bar.locator('.chapter-end')).toHaveText('End of this chapter. Go on with Next chapter.');
  await expect(lessons.next).toBeInViewport();
  await lessons.next.click();
  await expect(lessons.chapterTitle).toHaveText('UPDATE: the VIPs are announced');
  await expect(lessons.chapterTitle).toBeInViewport({ ratio: 1 });
  await expect(lessons.bar.locator('.caption')).toBeInViewport();
});

test('after the lesson\'s last answer, its score shows whole above the chapter buttons and passes axe', async ({ hoplab, lessons, page }) => {
  // A tablet: the lesson's box above the diagram is short, so the score falls below its fold.
  await page.setViewportSize({ width: 768, height: 1024 });
  // The first two chapters answered before (one wrong, one right), as a student coming back would have them.
  await page.addInitScript(() => {
    if (!localStorage.getItem('hoplab:lessons:v1'))
      localStorage.setItem('hoplab:lessons:v1', JSON.stringify({ 'vip-route': { chapter: 2, answers: { 'bgp-port': { choice: '443', correct: false }, 'hold-time': { choice: '180', correct: true } } } }));
  });
  await hoplab.open('?motion=off&speed=4&lesson=vip-route&chapter=3');
  const feedback = await lessons.answer('Next, BGPVM installs a route to 192.168.133.74/32. What will its next hop be?', '192.168.100.6');
  await expect(feedback).toHaveText(/^Correct/);
  const score = lessons.bar.locator('.chapter-end');
  await expect(score).toHaveText('Score: 2 of 3 right.');
  // It stayed under the chapter buttons, 0 of it shown, until the student scrolled the lesson's box.
  await expect.poll(() => shownOf(score)).toBe(1);
  // Brought into view under the feedback, which keeps its place on screen.
  expect(await shownOf(feedback)).toBe(1);
  await audit(page, '.lesson-bar');
});

test('a newcomer is pointed to the lessons from the empty event list, and the pointer goes once a run is on screen', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events).toContainText('New to this network? Lessons take you through it, one packet at a time.');
  await events.getByRole('button', { name: 'Open the lessons' }).click();
  const catalog = page.getByRole('dialog', { name: 'Lessons' });
  await expect(catalog.getByRole('button', { name: 'How the VIP gets a route' })).toBeVisible();
  await catalog.getByRole('button', { name: 'Close lessons' }).click();
  await hoplab.runPreset();
  await expect(page.locator('.step-readout')).toContainText(/Step \d+ of/);
  await expect(events.getByRole('button', { name: 'Open the lessons' })).toHaveCount(0);
});

test('the last chapter leads on: Next lesson opens the next lesson of the list at its first chapter, and after the last lesson All lessons opens the list', async ({ hoplab, lessons, page }) => {
  await hoplab.open('?motion=off&lesson=vip-route&chapter=3');
  await expect(lessons.chapterTitle).toHaveText('UPDATE: the VIPs are announced');
  // No "Next chapter" on the last chapter: a student would press a disabled button and be left there.
  await expect(lessons.next).toHaveCount(0);
  const nextLesson = lessons.bar.getByRole('button', { name: 'Next lesson' });
  await expect(nextLesson).toHaveAttribute('title', 'Start the next lesson: Finding the portal');
  await nextLesson.click();
  await expect(lessons.bar).toContainText('Finding the portal · Chapter 1 of 3');
  await expect(lessons.chapterTitle).toHaveText('The question: what is portal.azurestack.local?');
  await expect(page).toHaveURL(/lesson=find-portal/);
  await expect(lessons.next).toBeEnabled();

  // The last lesson: the way on is the list, with each lesson's progress; presenter mode, which hides the header, ends.
  await hoplab.open('?motion=off&lesson=two-muxes&chapter=3');
  await expect(lessons.bar).toContainText('Two MUXes · Chapter 3 of 3');
  await lessons.presenter();
  await expect(lessons.bar.getByRole('button', { name: 'Next lesson' })).toHaveCount(0);
  await lessons.bar.getByRole('button', { name: 'All lessons' }).click();
  const list = page.getByRole('dialog', { name: 'Lessons' });
  await expect(list).toBeVisible();
  await expect(page.locator('.app.presenter')).toHaveCount(0);
  await expect(list.getByRole('button', { name: 'Two MUXes', exact: true })).toBeVisible();
  await audit(page, '.lesson-catalog');
});
