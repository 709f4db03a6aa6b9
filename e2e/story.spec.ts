// The per-hop story at a step that holds several frames: what the hop changed is measured against the same
// packet's previous frame, and the ringed token, the event row and the Why all name the frame inspected.
import { expect, test } from './fixtures';

const RUN = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&motion=off';

test('at the BGP UPDATE step each frame is compared with its own packet, and every panel names the same one', async ({ hoplab, inspector, events, page }) => {
  // Step 14: the switch forwards MuxVM's KEEPALIVE and UPDATE to BGPVM in one step.
  await hoplab.open(`${RUN}&step=13`);
  const picker = page.getByRole('combobox', { name: /2 frames in this step/ });
  await expect(picker).toBeVisible();
  const options = await picker.locator('option').allTextContents();
  expect(options.map((o) => o.replace(/^#\d+ /, ''))).toEqual(['BGP KEEPALIVE to BGPVM mgmt', 'BGP UPDATE to BGPVM mgmt']);
  for (const [i, message] of [[1, 'UPDATE'], [0, 'KEEPALIVE']] as const) {
    await test.step(`the ${message}`, async () => {
      await picker.selectOption({ index: i });
      const id = /^#(\d+)/.exec(options[i]!)![1];
      await expect(inspector.packet.getByRole('heading', { level: 3 })).toContainText(`Frame #${id}:`);
      // The switch forwards a frame as it came: compared with the same message MuxVM sent, nothing changed.
      await expect(inspector.changes).toContainText('Nothing: the frame went through unchanged.');
      await expect(inspector.changes).not.toContainText('removed');
      await expect(inspector.changes).toContainText('MuxVM → CCI_External_vSwitch');
      await expect(inspector.why).toContainText(`BGP ${message} (frame #${id})`);
      await expect(page.locator('.token-shown')).toHaveText(new RegExp(`^BGP ${message} · TTL 128`));
      await expect(events.list.locator('[data-inspected]')).toHaveCount(1);
      await expect(events.list.locator('[data-inspected]')).toContainText(`BGP ${message}`);
    });
  }
  await test.step('the frame each was compared with is its own: the same message, one step earlier', async () => {
    const compared = /compared with frame #(\d+)/.exec((await inspector.changes.textContent()) ?? '')![1];
    await page.getByRole('button', { name: 'Step back' }).click();
    const back = page.getByRole('combobox', { name: /2 frames in this step/ });
    await back.selectOption({ label: (await back.locator('option').allTextContents()).find((o) => o.startsWith(`#${compared} `))! });
    await expect(page.locator('.token-shown')).toHaveText(/^BGP KEEPALIVE/);
  });
});
