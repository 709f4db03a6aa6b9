import { axe } from './axe';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { Sequence } from './pages/Sequence';

test('the sequence diagram follows the playhead both ways, honours filters, folds the loop and exports SVG', async ({ hoplab, playback, page }) => {
  const seq = new Sequence(page);
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await seq.open();

  await test.step('one lane per device, the switch and its VFP included', async () => {
    await expect(seq.region).toBeVisible();
    for (const lane of ['ClientVM', 'NATVM', 'BGPVM', 'MuxVM', 'PortalVM', 'VFP']) await expect(seq.region.locator('.seq-lane-name', { hasText: lane }).first()).toBeVisible();
  });

  await test.step('stepping highlights the step\'s row', async () => {
    const before = await playback.settled();
    await expect.poll(() => seq.currentStep()).toBe(before - 1);
    await playback.stepForward();
    await expect.poll(() => seq.currentStep()).toBe(before);
    await seq.region.getByRole('group').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => playback.step()).toBe(before + 2);
    await expect.poll(() => seq.currentStep()).toBe(before + 1);
  });

  await test.step('clicking an arrow moves the playhead to its frame', async () => {
    // A row away from the playhead, named by its step so the click lands on the row whose step was read.
    const step = Number(await seq.region.locator('g.seq-frame:not([data-current])').nth(4).getAttribute('data-step'));
    await seq.region.locator(`g.seq-frame[data-step="${step}"]`).first().click();
    await expect.poll(() => playback.step()).toBe(step + 1);
    await expect(seq.region.locator(`g.seq-row[data-step="${step}"]`).first()).toHaveAttribute('data-current', 'true');
  });

  await test.step('the protocol filters hide rows', async () => {
    await expect(seq.row('ARP who-has').first()).toBeAttached();
    await page.getByRole('tab', { name: 'Event list' }).click();
    await page.getByRole('group', { name: 'Show protocols' }).getByRole('button', { name: 'ARP' }).click();
    await seq.open();
    await expect(seq.rows.first()).toBeAttached();
    await expect(seq.row('ARP who-has')).toHaveCount(0);
  });

  await test.step('no accessibility violations in the panel', async () => {
    const found = await axe(page).include('.run-pane').analyze();
    expect(found.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html + n.failureSummary).join(' | ')}`)).toEqual([]);
  });

  await test.step('Download SVG saves the whole diagram as a standalone SVG file', async () => {
    const download = page.waitForEvent('download');
    await seq.region.getByRole('button', { name: 'Download SVG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('hoplab-sequence-ClientVM-portal.azurestack.local.svg');
    const svg = await readFile((await file.path())!, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('VXLAN TCP SYN · 192.168.233.6 ⇒ 192.168.233.21 VNI 4096');
    expect(svg).not.toContain('var(--');
  });

  await test.step('the routing loop folds into one row, marked with its TTL death', async () => {
    await hoplab.send('ClientVM', '192.168.133.50');
    // Rows are drawn while in sight: the ladder, as tall as the event list, is scrolled down to the fold.
    const scroll = seq.region.locator('.sequence-scroll');
    await expect
      .poll(async () => {
        if ((await seq.region.locator('g.seq-fold').count()) > 0) return true;
        await scroll.evaluate((el) => el.scrollBy(0, el.clientHeight / 2));
        return false;
      }, { message: 'the fold, scrolled to' })
      .toBe(true);
    await expect(seq.region.locator('g.seq-fold')).toHaveCount(1);
    await expect(seq.region.locator('g.seq-fold')).toContainText(/the same 4 frames \d+ more times/);
    await seq.region.locator('g.seq-fold').click();
    await expect(seq.region.locator('g.seq-fold')).toHaveCount(0);
    await playback.timeline.focus();
    await page.keyboard.press('End');
    await expect(seq.region.locator('g.seq-ttl')).toContainText('TTL exceeded');
    await expect(seq.region.locator('g.seq-fold')).toHaveCount(0);
  });
});
