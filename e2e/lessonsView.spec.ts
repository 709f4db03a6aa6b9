// What a lesson's question is about is on screen: at every chapter's start and under every question, the devices the
// chapter highlights and the frame on the diagram, its label with it, lie inside the diagram's visible part. A student
// asked "which device next?" must see the devices. On a phone (390 x 844) the diagram's area is 201 to 460 px tall
// under the lesson; on a tablet and a laptop too. Measured as boxes, every lesson walked.
import type { Page } from '@playwright/test';
import { lessonSummaries } from '../src-engine/lessons/catalog';
import { expect, test } from './fixtures';

const SCREENS = [
  ['a phone', { width: 390, height: 844 }],
  ['a tablet', { width: 768, height: 1024 }],
  ['a laptop', { width: 1280, height: 800 }],
] as const;

/**
 * What of the moment is not in the diagram's visible part (its area, within the window), once the view has settled
 * (the area's box and the view's transform the same for three frames in a row) and a frame rests on it: each
 * highlighted device's box, and each resting frame's label. The switch's bar is wider than a phone's area at any
 * readable zoom: its height must be in view and 40 px of its width. Each entry names the part and how far it is out.
 */
function outOfView(page: Page) {
  return page.evaluate(async () => {
    const view = () => {
      const a = document.querySelector('.react-flow__renderer')?.getBoundingClientRect();
      const t = document.querySelector('.react-flow__viewport') ? getComputedStyle(document.querySelector('.react-flow__viewport')!).transform : '';
      return `${a?.top},${a?.bottom},${a?.left},${a?.right}@${t}`;
    };
    let last = view();
    for (let same = 0; same < 3; ) {
      await new Promise(requestAnimationFrame);
      const now = view();
      same = now === last ? same + 1 : 0;
      last = now;
    }
    const out: string[] = [];
    // Drawn again for the lesson's run at times: looked at again when it is.
    const a = document.querySelector('.react-flow__renderer')?.getBoundingClientRect();
    if (!a) return ['no diagram'];
    const top = Math.max(0, a.top);
    const bottom = Math.min(window.innerHeight, a.bottom);
    const left = Math.max(0, a.left);
    const right = Math.min(window.innerWidth, a.right);
    const past = (r: DOMRect) => {
      const by = [
        ['above', top - r.top],
        ['below', r.bottom - bottom],
        ['left', left - r.left],
        ['right', r.right - right],
      ] as const;
      return by.filter(([, px]) => px > 1).map(([side, px]) => `${Math.round(px)} px ${side}`);
    };
    const area = `visible ${Math.round(left)} to ${Math.round(right)} across, ${Math.round(top)} to ${Math.round(bottom)} down`;
    for (const n of document.querySelectorAll('.react-flow__node:has([data-focus])')) {
      const r = n.getBoundingClientRect();
      const id = n.getAttribute('data-id');
      if (n.classList.contains('react-flow__node-switch')) {
        const across = Math.min(r.right, right) - Math.max(r.left, left);
        if (r.top < top - 1 || r.bottom > bottom + 1 || across < 40) out.push(`the highlighted switch ${id} is out of view (${Math.round(across)} px of it across, ${Math.round(r.top)} to ${Math.round(r.bottom)} down; ${area})`);
        continue;
      }
      const cut = past(r);
      if (cut.length) out.push(`the highlighted device ${id} is out of view: ${cut.join(', ')} (${area})`);
    }
    // The frame is drawn after the step's view is placed: looked at again once it is.
    if (!document.querySelector('.token.token-arrived')) out.push('no frame rests on the diagram');
    for (const t of document.querySelectorAll('.token.token-arrived:not(.token-merged) .token-body')) {
      const cut = past(t.getBoundingClientRect());
      if (cut.length) out.push(`the frame "${t.textContent}" is out of view: ${cut.join(', ')} (${area})`);
    }
    return out;
  });
}

const soft = expect.configure({ soft: true });

for (const [screen, size] of SCREENS) {
  for (const lesson of lessonSummaries()) {
    test(`on ${screen}, "${lesson.title}": at each chapter's start and under each question, the highlighted devices and the frame are in view`, async ({ hoplab, lessons, playback, page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize(size);
      await hoplab.open(`?scenario=poc&motion=off&speed=4&lesson=${lesson.id}&chapter=1`);
      const open = lessons.bar.locator('form.quiz:has(button[type="submit"])');
      const end = lessons.bar.locator('.chapter-end');
      let questions = 0;
      for (const [i, chapter] of lesson.chapters.entries()) {
        if (i > 0) {
          await lessons.next.click();
          await expect(lessons.bar).toHaveAttribute('data-chapter', String(i + 1));
        }
        await expect(lessons.chapterTitle).toHaveText(chapter.title);
        await soft.poll(() => outOfView(page), { message: `chapter ${i + 1} "${chapter.title}" at its start` }).toEqual([]);
        for (;;) {
          if ((await open.count()) > 0) {
            const prompt = ((await open.locator('.quiz-prompt').textContent()) ?? '').replace(/^Question\s*/, '');
            questions++;
            await soft.poll(() => outOfView(page), { message: `chapter ${i + 1}, asked "${prompt}"` }).toEqual([]);
            await open.getByRole('radio').first().check();
            await open.getByRole('button', { name: 'Check answer' }).click();
            await expect(lessons.bar.locator('form.quiz').filter({ hasText: prompt }).getByRole('status')).not.toBeEmpty();
            continue;
          }
          if ((await end.count()) > 0) break;
          // To the step the playhead may reach: the next question's, or the chapter's end.
          await playback.timeline.focus();
          await page.keyboard.press('End');
          await expect(open.or(end).first()).toBeVisible();
        }
      }
      // Every question of the lesson was asked on the way.
      expect(questions).toBe(lesson.questionCount);
    });
  }
}
