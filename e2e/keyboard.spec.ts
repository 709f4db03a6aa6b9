// Keyboard: devices reachable with Tab and the arrow keys, Enter opens their details; the shortcuts.
import { expect, test } from './fixtures';

test('devices are reachable with the keyboard, and the shortcuts drive playback', async ({ hoplab, playback, page }) => {
  await hoplab.open('?motion=off');
  await test.step('Tab reaches a device; arrows move between devices; Enter opens its details', async () => {
    await hoplab.node('ADVM').focus();
    await page.keyboard.press('ArrowRight');
    await expect(hoplab.node('BGPVM')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-device]:focus')).toHaveAttribute('data-device', /NCVM|ACSVM/);
    await page.keyboard.press('ArrowUp');
    await expect(hoplab.node('BGPVM'), 'Up undoes Down').toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(hoplab.node('ADVM'), 'Left undoes Right').toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Device details' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: /Details of (NCVM|ACSVM)/ })).toContainText('Interfaces');
    await expect(page.getByRole('region', { name: /Details of/ })).toContainText('need a run');
  });
  await test.step('Shift+F10 on a VM opens its menu, arrows move in it, Escape closes it', async () => {
    await hoplab.node('MuxVM').focus();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menuitem', { name: 'Show details of MuxVM' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Fail MuxVM' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
  });
  await test.step('the tab order reaches the diagram nodes from the page', async () => {
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.hasAttribute('data-device') ?? false);
    }
    expect(reached).toBe(true);
    // The diagram is one Tab stop: the next Tab leaves it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-device') ?? false)).toBe(false);
  });
  await test.step('space plays and pauses, arrows step, ? shows the help', async () => {
    await hoplab.runPreset();
    await page.getByRole('heading', { name: 'Hoplab' }).click();
    const at = await playback.step();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => playback.step()).toBe(at + 1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => playback.step()).toBe(at);
    await page.keyboard.press('Space');
    await expect(playback.pause).toBeVisible();
    await page.keyboard.press('Space');
    await expect(playback.play).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Step forward / step back');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});
