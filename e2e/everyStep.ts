// Walking a whole run, step by step, as a student does with the timeline: the slider focused, the right arrow key.
// Each step is handed to the test once the page shows it: the readout names it and its packets are on the diagram.
// The page is asked at every animation frame (`page.waitForFunction`, polling 'raf'): the wait is for that state,
// never for a time, and it ends in the frame that draws it. (Filling the slider and two web-first assertions per
// step cost about ten round trips to the browser, each tens of ms on a loaded machine, and their retries waited
// 100 ms and more between looks: a walk of all 97 steps spent more time there than in the page.)
import { expect, type Page } from '@playwright/test';

/**
 * Yields 1, 2, ... `total`, each once the page is at that step: its readout says "Step N of" and `drawn` (the
 * step's resting packets, by default) is on the diagram. The page must be at step 1 when the walk starts.
 */
export async function* everyStep(page: Page, total: number, drawn = '.token.token-arrived'): AsyncGenerator<number> {
  const timeline = page.getByRole('toolbar', { name: 'Playback' }).getByRole('slider', { name: 'Timeline' });
  const readout = page.locator('.step-readout');
  await expect(readout).toContainText(`Step 1 of ${total}`);
  await timeline.focus();
  for (let step = 1; step <= total; step++) {
    // The range's own key: one step on, as the slider's value (the page's shortcuts leave a focused slider alone).
    if (step > 1) await page.keyboard.press('ArrowRight');
    const shown = await page
      .waitForFunction(
        ([n, sel]) =>
          (document.querySelector('.step-readout')?.textContent ?? '').includes(`Step ${n} of`) && document.querySelector(sel) !== null,
        [step, drawn] as const,
        { polling: 'raf', timeout: 15_000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (!shown) {
      // Say what is missing: the step (the slider lost its focus, or the page did not move) or its packets.
      await expect(timeline, `the timeline keeps the focus at step ${step}`).toBeFocused({ timeout: 1 });
      await expect(readout).toContainText(`Step ${step} of`, { timeout: 1 });
      await expect(page.locator(drawn).first(), `step ${step}: ${drawn} on the diagram`).toBeAttached({ timeout: 1 });
    }
    yield step;
  }
}
