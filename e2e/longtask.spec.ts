// Performance: while the canonical flow animates (tokens gliding), the page's thread must stay responsive.
// PerformanceObserver reports every task over 50 ms ("long task"). On a quiet machine there are none; but
// this machine is shared, and under load the same work stretches past 50 ms, so the 50 ms target itself is
// checked by `npm run bench` (scripts/bench-frames.mjs reports long tasks beside bare React Flow), never by a
// timed test. Here the figures are recorded in the report, and the test fails on what no load explains: a
// task of 200 ms or more, the mark of heavy work (simulation, decoding every frame) moved onto the page.
import { expect, test } from './fixtures';

test('the page thread stays responsive while the canonical flow animates (long tasks measured)', async ({ hoplab, playback, page }) => {
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
  test.info().annotations.push({
    type: 'long tasks while animating',
    description: long.length === 0 ? 'none' : long.map((x) => `${Math.round(x.duration)} ms`).join(', '),
  });
  expect(long.filter((x) => x.duration >= 200), 'tasks of 200 ms or more while animating').toEqual([]);
});
