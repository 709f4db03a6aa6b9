// Accessibility, audited by axe-core (all rules, every impact) on the views a student sees: the first
// view, a run paused and playing, device details, the open inspector; in the light, dark and high-contrast themes.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function audit(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

for (const theme of ['light', 'dark', 'contrast'] as const) {
  test(`axe finds no violations in the ${theme} theme: first view, mid-run paused and playing, device details, inspector`, async ({ hoplab, playback, page }) => {
    // Six full audits; axe takes seconds each on a loaded machine.
    test.setTimeout(240_000);
    if (theme === 'contrast') {
      // High contrast is a choice, not a system scheme: picked once, it is remembered across reloads.
      await hoplab.open('?motion=off');
      await page.getByRole('combobox', { name: 'Theme' }).selectOption('contrast');
    } else await page.emulateMedia({ colorScheme: theme });
    await hoplab.open('?motion=off');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await test.step('first view', () => audit(page, 'the first view'));
    await hoplab.runPreset();
    await test.step('mid-run, paused', async () => {
      await playback.stepForward();
      await audit(page, 'a paused run');
    });
    await test.step('mid-run, playing', async () => {
      await playback.play.click();
      await expect(playback.pause).toBeVisible();
      await audit(page, 'a playing run');
      await playback.pause.click();
    });
    await test.step('the inspector, with a field picked', async () => {
      await page.getByRole('tab', { name: 'Hop & packet' }).click();
      await page.locator('.field-row').first().click();
      await audit(page, 'the inspector');
    });
    await test.step('device details', async () => {
      await hoplab.node('BGPVM').click();
      await expect(page.getByRole('region', { name: 'Details of BGPVM' })).toBeVisible();
      await audit(page, 'device details');
    });
    await test.step('the overlay view', async () => {
      await page.getByRole('button', { name: 'Overlay', exact: true }).click();
      await audit(page, 'the overlay view');
    });
  });
}
