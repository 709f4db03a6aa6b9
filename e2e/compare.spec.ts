// Comparing two runs: the healthy run on screen as run A, MuxVM failed as run B. The hop tables line up
// row by row, the row where the paths part is marked and said in words, both dispositions show; the way
// out returns to the run; a link reopens the comparison; axe finds nothing in light or dark.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const comparison = (page: Page) => page.getByRole('region', { name: /Comparing two runs/ });
const table = (page: Page) => comparison(page).getByRole('table', { name: /Hops of run A and run B, aligned/ });

async function compareWithMuxFailed(page: Page) {
  await page.getByRole('button', { name: 'Compare with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with another run' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'MuxVM fails at 1 s' }).check();
  await dialog.getByRole('button', { name: 'Run B and compare' }).click();
  await expect(comparison(page)).toBeVisible();
}

/** Each row's cells as text: A's node, the status, B's node. */
async function rowNodes(page: Page) {
  return table(page)
    .locator('tbody tr.compare-row')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.querySelector('strong')?.textContent ?? td.textContent?.trim() ?? '')));
}

test('healthy against MuxVM failed: aligned hops, the parting hop in words, both dispositions; Esc goes back', async ({ hoplab, page }) => {
  await test.step('run the preset (run A), then compare with MuxVM failed (run B)', async () => {
    await hoplab.open('?motion=off');
    await hoplab.runPreset();
    await compareWithMuxFailed(page);
  });

  await test.step('both dispositions', async () => {
    await expect(page.getByTestId('outcome-A')).toHaveAttribute('data-disposition', 'delivered');
    await expect(page.getByTestId('outcome-A')).toHaveText(/Delivered/);
    await expect(page.getByTestId('outcome-B')).toHaveAttribute('data-disposition', 'node-down');
    await expect(page.getByTestId('outcome-B')).toHaveText(/Failed: node down/);
  });

  await test.step('the hop tables, aligned row by row: six shared hops, then MuxVM on both, then only A', async () => {
    await expect.poll(() => rowNodes(page)).toEqual([
      ['ClientVM', 'same', 'ClientVM'],
      ['switch', 'same', 'switch'],
      ['NATVM', 'same', 'NATVM'],
      ['switch', 'same', 'switch'],
      ['BGPVM', 'same', 'BGPVM'],
      ['switch', 'same', 'switch'],
      ['MuxVM', 'paths part', 'MuxVM'],
      ['switch', 'only A', '—no hop in run B'],
      ['PortalVM', 'only A', '—no hop in run B'],
    ]);
  });

  await test.step('the parting hop: marked in the table and said in words', async () => {
    const parting = table(page).locator('tr[aria-current="location"]');
    await expect(parting).toHaveCount(1);
    await expect(parting).toHaveAttribute('data-status', 'differs');
    await expect(parting).toContainText('MuxVM is down: nothing processes the packet');
    await expect(page.getByTestId('parting')).toHaveAttribute('data-parted-at', '6');
    await expect(page.getByTestId('parting')).toContainText('The paths part at hop 7, after 6 shared hops: both reach MuxVM, and there they part.');
    await expect(page.getByTestId('parting')).toContainText('B: MuxVM is down: nothing processes the packet.');
  });

  await test.step("B's second attempt (BGPVM has given up on MuxVM): the paths part at BGPVM", async () => {
    await comparison(page).getByLabel('Part of run B').selectOption({ label: 'Attempt 2 at 186 s: The flow' });
    await expect(page.getByTestId('parting')).toHaveAttribute('data-parted-at', '4');
    await expect(page.getByTestId('parting')).toContainText('both reach BGPVM');
    await expect(page.getByTestId('outcome-B')).toHaveAttribute('data-disposition', 'ttl-exceeded');
    // The loop's many hops are folded; every row can be shown.
    const more = comparison(page).getByRole('button', { name: /^Show all \d+ rows/ });
    await expect(more).toBeVisible();
    await more.click();
    await expect(more).toHaveCount(0);
    await expect.poll(() => table(page).locator('tbody tr.compare-row').count()).toBeGreaterThan(100);
  });

  await test.step('the link holds the comparison: a reload reopens it', async () => {
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('on');
    await expect.poll(() => new URL(page.url()).searchParams.get('bwhatif')).toBe('fail:MuxVM@1000000');
    await page.reload();
    await expect(comparison(page)).toBeVisible();
    await expect(page.getByTestId('outcome-B')).toHaveAttribute('data-disposition', 'node-down');
  });

  await test.step('Esc leaves the comparison for the run on screen, and focus returns to "Compare with…"', async () => {
    await comparison(page).getByRole('heading', { level: 2 }).focus();
    await page.keyboard.press('Escape');
    await expect(comparison(page)).toHaveCount(0);
    await expect(hoplab.flowStatus).toBeVisible();
    await expect(page.getByRole('button', { name: 'Compare with…' })).toBeFocused();
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBeNull();
  });
});

test('run B form: a bad seed is named at its field and nothing runs; "Back to the run" leaves', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await page.getByRole('button', { name: 'Compare with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with another run' });
  const seed = dialog.getByLabel(/Seed of run B/);
  await seed.fill('twelve');
  await dialog.getByRole('button', { name: 'Run B and compare' }).click();
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await expect(seed).toBeFocused();
  await expect(dialog.getByRole('alert')).toHaveText('The seed must be a whole number from 0 to 4294967295, not "twelve". Leave it empty to use run A\'s.');
  await expect(seed).toHaveValue('twelve');
  await seed.fill('7');
  await dialog.getByRole('checkbox', { name: 'A second MUX (MuxVM2, peered with BGPVM, announcing the same VIPs)' }).check();
  await dialog.getByRole('button', { name: 'Run B and compare' }).click();
  await expect(comparison(page)).toBeVisible();
  await expect(comparison(page).getByRole('heading', { name: /Run B/ })).toContainText('a second MUX; seed 7');
  await expect(page.getByTestId('outcome-B')).toHaveAttribute('data-disposition', 'delivered');
  await comparison(page).getByRole('button', { name: 'Back to the run' }).click();
  await expect(comparison(page)).toHaveCount(0);
  await expect(hoplab.flowStatus).toBeVisible();
});

test('a link with a bad run B parameter says which, and opens run A', async ({ hoplab, page }) => {
  await hoplab.open('?from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&compare=on&bwhatif=explode%3AMuxVM%401&motion=off');
  await expect(page.getByText('The link\'s "bwhatif" parameter is "explode:MuxVM@1"')).toBeVisible();
  // The rest of the link still applies: run B without what-ifs is compared with run A.
  await expect(comparison(page)).toBeVisible();
  await expect(page.getByTestId('parting')).toContainText('The two paths are the same, hop for hop');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the comparison view and run B's form, ${scheme} theme`, async ({ hoplab, page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await hoplab.open('?motion=off');
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await hoplab.runPreset();
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with another run' });
    await dialog.getByRole('checkbox', { name: 'MuxVM fails at 1 s' }).check();
    await dialog.getByLabel(/Seed of run B/).fill('x');
    await dialog.getByRole('button', { name: 'Run B and compare' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    const form = await axe(page).analyze();
    expect(form.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), "run B's form").toEqual([]);
    await dialog.getByLabel(/Seed of run B/).fill('');
    await dialog.getByRole('button', { name: 'Run B and compare' }).click();
    await expect(comparison(page)).toBeVisible();
    await comparison(page).getByText('Why').first().click();
    const view = await axe(page).analyze();
    expect(view.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), 'the comparison view').toEqual([]);
  });
}
