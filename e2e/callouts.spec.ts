// The diagram's callouts in every lesson: each chapter taken as a student would, and at each question it asks and at
// its end, the drop markers and the provenance marks keep clear of the devices' names and the packets' labels they
// talk about, and React Flow's attribution covers nothing, at laptop size, on a phone (where the attribution lay in the
// drawing's corner, over "VFP" or the host's PA port) and on a projector in presenter mode, with normal and with large
// text (the larger marks).
// In presenter mode with normal text "Two MUXes" puts seven boxes on a row, each 166 units across: each "ILLUS" beside
// an address ran 5 units past its box.
import type { Page } from '@playwright/test';
import { lessonSummaries } from '../src-engine/lessons/catalog';
import { attributionCovers, calloutCovers } from './boxes';
import { expect, test } from './fixtures';
import type { LessonPlayer } from './pages/LessonPlayer';
import type { Playback } from './pages/Playback';

/**
 * Takes the chapter open on the page from its start to its end, as a student does: Play, each question answered
 * (its first choice: any answer lets the chapter go on), Play again. Calls `look` at each question, as it is asked,
 * and at the chapter's end.
 */
async function walkChapter(page: Page, lessons: LessonPlayer, playback: Playback, look: (moment: string) => Promise<void>) {
  const asked = lessons.bar.locator('form.quiz:has(button[type="submit"])').first();
  // (Not the lesson's score, shown in the same place once its last question is answered, before its end.)
  const end = lessons.bar.locator('.chapter-end').filter({ hasText: /^End of / });
  for (let n = 1; ; ) {
    // At rest: a question waiting, the chapter's end, or Play (the chapter's start, or after an answer), waited for as
    // one state read in one go. (It waited for Play, then looked once for a question: one drawn a moment after Play
    // would have had it press Play.)
    let rest = 'moving';
    await expect.poll(async () => (rest = await restOf(page)), { message: 'a question, the chapter\'s end or Play', timeout: 90_000 }).not.toBe('moving');
    if (rest === 'question') {
      await look(`question ${n}`);
      // Two questions may be asked at one step: the next one is answered in the next round.
      const prompt = (await asked.locator('.quiz-prompt').textContent()) ?? '';
      await asked.getByRole('radio').first().check();
      await asked.getByRole('button', { name: 'Check answer' }).click();
      await expect(lessons.bar.locator('form.quiz').filter({ hasText: prompt }).getByRole('status')).not.toBeEmpty();
      n++;
      continue;
    }
    if (rest === 'end') {
      await look('end');
      return;
    }
    await playback.play.click();
    await expect(asked.or(end).first()).toBeVisible({ timeout: 90_000 });
  }
}

/**
 * Where the chapter rests, read from the page in one go (what React drew together is seen together): a question
 * waiting to be answered, the chapter's end, Play ready to be pressed, or "moving" (playing, or nothing drawn yet).
 */
function restOf(page: Page): Promise<'question' | 'end' | 'play' | 'moving'> {
  return page.evaluate(() => {
    const shown = (el: Element | null | undefined) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const bar = document.querySelector('section[aria-label="Lesson"]');
    if ([...(bar?.querySelectorAll('form.quiz') ?? [])].some((f) => shown(f) && f.querySelector('button[type="submit"]'))) return 'question';
    // (Not the lesson's score, shown in the same place once its last question is answered, before its end.)
    if ([...(bar?.querySelectorAll('.chapter-end') ?? [])].some((e) => shown(e) && /^End of /.test(e.textContent ?? ''))) return 'end';
    const play = document.querySelector<HTMLButtonElement>('[role="toolbar"][aria-label="Playback"] button[aria-label="Play"]');
    return play && shown(play) && !play.disabled ? 'play' : 'moving';
  });
}

const soft = expect.configure({ soft: true });

for (const screen of [
  { name: '1280 x 800', width: 1280, height: 800, presenter: false, large: false },
  { name: '390 x 844 (a phone)', width: 390, height: 844, presenter: false, large: false },
  { name: '1920 x 1080 in presenter mode', width: 1920, height: 1080, presenter: true, large: false },
  { name: '1920 x 1080 in presenter mode with large text', width: 1920, height: 1080, presenter: true, large: true },
]) {
  for (const lesson of lessonSummaries()) {
    test(`${screen.name}, "${lesson.title}": at every question and chapter end the callouts cover no device name or packet label`, async ({ hoplab, lessons, playback, page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width: screen.width, height: screen.height });
      for (let chapter = 1; chapter <= lesson.chapters.length; chapter++) {
        await hoplab.open(`?motion=off&speed=4&lesson=${lesson.id}&chapter=${chapter}${screen.large ? '&text=large' : ''}`);
        if (screen.presenter) await lessons.presenter();
        await walkChapter(page, lessons, playback, async (moment) => {
          await soft.poll(() => calloutCovers(page), { message: `chapter ${chapter}, ${moment}`, timeout: 3000 }).toEqual([]);
          await soft.poll(() => attributionCovers(page), { message: `chapter ${chapter}, ${moment}: the attribution`, timeout: 3000 }).toEqual([]);
        });
      }
    });
  }
}
