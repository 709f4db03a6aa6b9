// Playback at double speed with the tokens gliding, and the page's long tasks recorded while it plays.
// How long a task may take is a speed target, and speed targets are checked by `npm run bench`
// (scripts/bench-frames.mjs reports long tasks beside bare React Flow in the same run), never by a timed
// test: on a loaded machine any task stretches. Here the figures go into the report, and the test checks
// what does not depend on load: the flow plays on, step after step, and the browser can observe long tasks.
import { expect, test } from './fixtures';

test('the canonical flow plays on at double speed, gliding, with its long tasks recorded for the report', async ({ hoplab, playback, page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = (e as PerformanceEntry & { attribution?: { name: string; containerType: string; containerName: string }[] }).attribution?.[0];
        w.__longTasks.push({ start: e.startTime, duration: e.duration, ...(a ? { by: `${a.name} ${a.containerType} ${a.containerName}` } : {}) } as { start: number; duration: number });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  await hoplab.open();
  await hoplab.runPreset();
  await expect(playback.play).toBeEnabled();
  // Long tasks are observable in this browser: else the report's "none" would mean nothing.
  expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'))).toBe(true);
  const from = await playback.settled();
  const t0 = await page.evaluate(() => performance.now());
  await test.step('play at double speed through 12 steps of the flow (gliding, not jumping)', async () => {
    await playback.speed.selectOption('2');
    await playback.play.click();
    await expect.poll(() => playback.step(), { timeout: 30_000 }).toBeGreaterThanOrEqual(from + 12);
    await playback.pause.click();
    await expect(playback.play).toBeVisible();
  });
  const long = await page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= t), t0);
  test.info().annotations.push({
    type: 'long tasks while animating',
    description: long.length === 0 ? 'none' : long.map((x) => `${Math.round(x.duration)} ms`).join(', '),
  });
});
