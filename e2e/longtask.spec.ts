// Performance: while the canonical flow animates (tokens gliding), the page's thread never blocks for
// more than 50 ms. PerformanceObserver reports every such "long task".
import { expect, test } from './fixtures';

test('no long task over 50 ms while the canonical flow animates', async ({ hoplab, playback, page }) => {
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
  const from = await playback.step();
  const t0 = await page.evaluate(() => performance.now());
  await test.step('play at double speed through 12 steps of the flow (gliding, not jumping)', async () => {
    await playback.speed.selectOption('2');
    await playback.play.click();
    await expect.poll(() => playback.step(), { timeout: 30_000 }).toBeGreaterThanOrEqual(from + 12);
    await playback.pause.click();
  });
  const long = await page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= t), t0);
  expect(long, 'long tasks while animating').toEqual([]);
});
