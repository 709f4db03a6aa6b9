// Engine words a student can open: a term's explanation, from the engine's glossary, reached by keyboard in the
// event list (Enter on a row) and in the inspector (a term is a button), read by a screen reader as a dialog,
// closed by Escape with the focus back where it was; axe finds nothing in the light and dark themes.
import { axe } from './axe';
import type { Page } from '@playwright/test';
import { CANONICAL_LINK, canonicalSteps } from './canonicalSteps';
import { expect, test } from './fixtures';

const STEPS = await canonicalSteps();

async function audit(page: Page, where: string) {
  const { violations } = await axe(page).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, `axe violations with ${where}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`a student opens a term's explanation by keyboard in the event list and in the inspector (${theme})`, async ({ hoplab, events, inspector, page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await hoplab.open(`${CANONICAL_LINK}&step=${STEPS.vxlanSyn - 1}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.vxlanSyn} of`);
    const popover = page.getByRole('dialog', { name: /./ }).and(page.locator('#glossary-popover'));

    await test.step('the event list: Enter on the chosen row explains its words; Escape gives the focus back', async () => {
      const current = events.list.locator('[role="option"][data-current]').first();
      await expect(current).toContainText('VXLAN 192.168.233.6 -> 192.168.233.21 VNI 4096');
      // The row's terms are marked; the list says how to open them.
      await expect(current.locator('.term[data-term="term/VNI"]')).toHaveText('VNI');
      await expect(events.list).toHaveAccessibleDescription('Up and down arrows choose a row; Enter explains the words of the chosen row.');
      await events.list.focus();
      await page.keyboard.press('Enter');
      await expect(popover).toBeVisible();
      await expect(popover).toBeFocused();
      await expect(popover.getByRole('heading')).toHaveText('Words in this row');
      await expect(popover.locator('dt', { hasText: /^VNI/ })).toHaveText('VNI · VXLAN network identifier');
      await expect(popover.locator('dd').filter({ hasText: 'which virtual network' })).toHaveText('The number in the VXLAN header that says which virtual network the inner frame belongs to. Standard: RFC 7348.');
      await expect(popover.getByRole('link', { name: 'RFC 7348' }).first()).toHaveAttribute('href', 'https://www.rfc-editor.org/rfc/rfc7348');
      await audit(page, `the event list's words open (${theme})`);
      await page.keyboard.press('Escape');
      await expect(popover).toBeHidden();
      await expect(events.list).toBeFocused();
    });

    await test.step("the inspector: the NIC is named with its network, and its id is a term a Tab reaches", async () => {
      await page.getByRole('tab', { name: 'Hop & packet' }).click();
      const title = inspector.packet.locator('.frame-title');
      await expect(title).toHaveText(/^Frame #\d+: MuxVM pa \(Provider addresses 192\.168\.233\.0\/24\) → CCI_External_vSwitch MuxVM\.pa · 1\d\d bytes$/);
      const pa = title.getByRole('button', { name: 'pa', exact: true }).first();
      // From the tab, Tab moves through the panel until it reaches the NIC's term.
      await page.getByRole('tab', { name: 'Hop & packet' }).focus();
      await expect
        .poll(async () => {
          await page.keyboard.press('Tab');
          return pa.evaluate((el) => el === document.activeElement);
        }, { intervals: [0], timeout: 30_000 })
        .toBe(true);
      await page.keyboard.press('Enter');
      await expect(popover).toBeVisible();
      await expect(popover.getByRole('heading')).toHaveText("MuxVM's interface pa");
      await expect(popover.locator('dd')).toHaveText('MuxVM\'s network interface named "pa", on the network Provider addresses 192.168.233.0/24 (VLAN 1003 on the switch).');
      await audit(page, `the inspector's term open (${theme})`);
      await page.keyboard.press('Escape');
      await expect(popover).toBeHidden();
      await expect(pa).toBeFocused();
    });

    await test.step('the Why: "on-link" is said in words, and the RFC a sentence cites is a term', async () => {
      const why = inspector.why;
      await expect(why.getByRole('button', { name: 'VXLAN', exact: true }).first()).toBeVisible();
      await why.getByRole('button', { name: 'VNI', exact: true }).first().focus();
      await page.keyboard.press('Enter');
      await expect(popover.getByRole('heading')).toHaveText('VXLAN network identifier');
      await page.keyboard.press('Escape');
      await expect(popover).toBeHidden();
    });
  });
}

test("device tables: a cell's term and a value's provenance mark open their explanations, by keyboard too", async ({ hoplab, page }) => {
  test.setTimeout(120_000);
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  await hoplab.toEnd();
  await hoplab.node('BGPVM').dispatchEvent('click');
  const details = page.getByRole('region', { name: 'Details of BGPVM' });
  await expect(details.getByText(/^Live tables at t =/)).toBeVisible();
  const neighbours = details.getByRole('table', { name: 'BGP neighbours' });
  const popover = page.getByRole('dialog', { name: /./ }).and(page.locator('#glossary-popover'));

  await test.step('the session\'s state in its cell is a term', async () => {
    const state = neighbours.getByRole('button', { name: 'Established', exact: true });
    await state.click();
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('heading')).toHaveText('Established (BGP state)');
    await expect(popover.locator('dd')).toHaveText('The session is up: the two routers exchange routes (UPDATEs) and KEEPALIVEs. Standard: RFC 4271.');
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(state).toBeFocused();
  });

  await test.step('the row\'s mark says what "illus" means, where the value comes from, and explains the words of its source', async () => {
    const mark = neighbours.getByRole('button', { name: 'provenance illustrative: ASNs from the SDN Express sample (S16)' });
    await expect(mark).toHaveText('illus');
    await mark.focus();
    await page.keyboard.press('Enter');
    await expect(popover).toBeFocused();
    await expect(popover.getByRole('heading')).toHaveText('Where this value comes from');
    await expect(popover.locator('dt')).toHaveText(['illus · Illustrative', 'ASN · Autonomous system number', 'S16 · Source S16']);
    await expect(popover.locator('dd').first()).toHaveText('No source was found: a plausible value, chosen for the lab. Where: ASNs from the SDN Express sample (S16).');
    await audit(page, "a device table's mark open");
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(mark).toBeFocused();
  });
});
