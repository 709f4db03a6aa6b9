// Sharing: the pcapng download, and a copied link that reopens the same view.
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('download the run as pcapng', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download pcapng' }).click()]);
  expect(download.suggestedFilename()).toBe('hoplab-ClientVM-portal.azurestack.local.pcapng');
  const bytes = await readFile((await download.path())!);
  // A pcapng file starts with a Section Header Block, type 0x0A0D0D0A.
  expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
});

test('a copied link reopens the same flow at the same step', async ({ hoplab, playback, inspector, page, context }) => {
  let link = '';
  let step = 0;
  let frame = '';
  await test.step('run, fail nothing, step a few times', async () => {
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    for (let i = 0; i < 5; i++) step = await playback.stepForward();
    // The inspector shows the step (stepForward waited for it): its frame is the one the link must reopen.
    await expect(inspector.packet).toHaveAttribute('data-shows-step', String(step));
    frame = (await inspector.packet.locator('.frame-title').textContent()) ?? '';
    expect(frame).toMatch(/^Frame #\d+/);
    await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(step - 1));
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    link = page.url();
  });
  await test.step('open the link in a new tab: same flow, same step, same frame', async () => {
    const other = await context.newPage();
    const errors: string[] = [];
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await other.goto(link);
    await expect(other.getByTestId('flow-status')).toHaveAttribute('data-disposition', 'pending');
    await expect(other.getByRole('toolbar', { name: 'Playback' }).locator('.step-readout')).toContainText(`Step ${step} of`);
    await expect(other.getByRole('region', { name: 'Packet inspector' }).locator('.frame-title')).toHaveText(frame);
    expect(errors).toEqual([]);
  });
});

test('a bad link parameter says what is wrong and falls back, keeping the rest', async ({ hoplab, playback, page }) => {
  await hoplab.open('?from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&step=abc&speed=7&motion=off');
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  const alerts = page.getByRole('alert');
  await expect(alerts.filter({ hasText: 'The link\'s "step" parameter is "abc"' })).toBeVisible();
  await expect(alerts.filter({ hasText: 'The link\'s "speed" parameter is "7"' })).toContainText('one of 0.25, 0.5, 1, 2, 4');
  await expect(playback.speed).toHaveValue('1');
  await expect.poll(() => playback.step()).toBeGreaterThan(1);
});
