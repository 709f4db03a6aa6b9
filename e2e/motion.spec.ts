// Motion: with prefers-reduced-motion (or ?motion=off) a token jumps to where its frame arrives; with
// motion on it glides there along the edge.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const tokenAt = (page: Page) => page.locator('.token').first().evaluate((el) => (el as HTMLElement).style.transform);

test('with prefers-reduced-motion the token jumps between hops instead of gliding', async ({ hoplab, playback, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await hoplab.open();
  await hoplab.runPreset();
  await expect(page.getByRole('checkbox', { name: /Glide/ })).toBeDisabled();
  await playback.stepForward();
  // Arrived at once: it sits at the end of its path and does not move afterwards.
  await expect(page.locator('.token').first()).toHaveClass(/token-arrived/);
  const first = await tokenAt(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect.poll(() => tokenAt(page)).toBe(first);
});

test('with motion on the token glides: it is on its way before it arrives', async ({ hoplab, playback, page }) => {
  await hoplab.open();
  await hoplab.runPreset();
  await playback.speed.selectOption('0.25');
  await playback.forward.click();
  const token = page.locator('.token').first();
  await expect(token).not.toHaveClass(/token-arrived/);
  await expect(token).toHaveClass(/token-arrived/, { timeout: 10_000 });
});
