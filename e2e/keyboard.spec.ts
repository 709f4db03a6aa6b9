// Keyboard: devices reachable with Tab and the arrow keys, Enter opens their details; the shortcuts.
import { expect, test } from './fixtures';

test('devices are reachable with the keyboard, and the shortcuts drive playback', async ({ hoplab, playback, page }) => {
  await hoplab.open('?motion=off');
  await test.step('Tab reaches a device; arrows move between devices; Enter opens its details', async () => {
    await hoplab.node('ADVM').focus();
    await page.keyboard.press('ArrowRight');
    await expect(hoplab.node('NCVM')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-device]:focus')).toHaveAttribute('data-device', /ACSVM|SQLVM/);
    await page.keyboard.press('ArrowUp');
    await expect(hoplab.node('NCVM'), 'Up undoes Down').toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(hoplab.node('ADVM'), 'Left undoes Right').toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Device details' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: /Details of (ACSVM|SQLVM)/ })).toContainText('Interfaces');
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
    const onDevice = page.locator('[data-device]:focus');
    // Tab until a device has the focus (a focus move is done when the key press is): at most 30 presses.
    for (let i = 0; i < 30 && (await onDevice.count()) === 0; i++) await page.keyboard.press('Tab');
    await expect(onDevice).toHaveCount(1);
    // The diagram is one Tab stop: the next Tab leaves it.
    await page.keyboard.press('Tab');
    await expect(onDevice).toHaveCount(0);
    await expect(page.locator(':focus')).toHaveCount(1);
  });
  await test.step('space plays and pauses, arrows step, ? shows the help', async () => {
    await hoplab.runPreset();
    await page.getByRole('heading', { name: 'Hoplab' }).click();
    const at = await playback.settled();
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

test('after the preset runs, and after failing a VM, the keyboard lands on the timeline, ready to step', async ({ hoplab, playback, page }) => {
  await hoplab.open('?motion=off');
  await test.step('the preset, started from the keyboard', async () => {
    await page.getByRole('button', { name: 'ClientVM opens https://portal.azurestack.local' }).focus();
    await page.keyboard.press('Enter');
    await expect(playback.timeline).toBeFocused();
    await expect(playback.timeline).toHaveAttribute('aria-valuetext', /^Step \d+ of \d+/);
    const at = await playback.settled();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => playback.step()).toBe(at + 1);
  });
  await test.step('failing MuxVM from its menu (Shift+F10)', async () => {
    await hoplab.node('MuxVM').focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: 'Fail MuxVM' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'What-ifs in this run' })).toContainText('MuxVM fails');
    await expect(playback.timeline).toBeFocused();
  });
  await test.step('undoing the failure', async () => {
    await page.getByRole('button', { name: /^Undo: MuxVM fails/ }).click();
    await expect(page.getByRole('list', { name: 'What-ifs in this run' })).toHaveCount(0);
    await expect(playback.timeline).toBeFocused();
  });
});

test('the diagram is one Tab stop whose arrow keys are symmetric: from every device, the opposite arrow comes back', async ({ hoplab, page }) => {
  // Four arrows from each of some thirty devices, each move and its way back checked: slow on a loaded machine.
  test.setTimeout(180_000);
  await hoplab.open('?motion=off');
  // Every device drawn before they are listed (the drawing follows the engine's ready in a render of its own).
  await expect.poll(() => page.locator('[data-device]').count()).toBeGreaterThanOrEqual(10);
  const devices = await page.locator('[data-device]').evaluateAll((els) => els.map((e) => e.getAttribute('data-device')!));
  expect(devices.length).toBeGreaterThanOrEqual(10);
  // Roving focus: one device is in the Tab order, the rest are reached with the arrows.
  await expect(page.locator('[data-device][tabindex="0"]')).toHaveCount(1);
  const opposite = { ArrowUp: 'ArrowDown', ArrowDown: 'ArrowUp', ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' } as const;
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-device') ?? null);
  let moves = 0;
  for (const id of devices) {
    for (const dir of Object.keys(opposite) as (keyof typeof opposite)[]) {
      await hoplab.node(id).focus();
      await page.keyboard.press(dir);
      // The arrow moves the focus in its key handler: once the press is done, the focus is where it goes.
      const to = await focused();
      expect(to, `${dir} from ${id} leaves the diagram`).not.toBeNull();
      if (to === id) continue;
      moves++;
      await page.keyboard.press(opposite[dir]);
      await expect.poll(focused, `${dir} from ${id} reaches ${to}; ${opposite[dir]} goes back`).toBe(id);
    }
  }
  expect(moves).toBeGreaterThanOrEqual(devices.length);
});
