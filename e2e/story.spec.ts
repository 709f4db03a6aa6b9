// The per-hop story at a step that holds several frames: what the hop changed is measured against the same
// packet's previous frame, and the ringed token, the event row and the Why all name the frame inspected.
import { CANONICAL_LINK as RUN, canonicalSteps } from './canonicalSteps';
import { expect, test } from './fixtures';

const STEPS = await canonicalSteps();
/** The frame number of each BGP message MuxVM sent, one step before the switch forwards them. */
const sent = (message: string) => STEPS.run.frames(STEPS.bgpUpdateSent).find((f) => f.summary.includes(`BGP ${message}`))!.id;

test('at the BGP UPDATE step each frame is compared with its own packet, and every panel names the same one', async ({ hoplab, inspector, events, page }) => {
  // The switch forwards MuxVM's KEEPALIVE and UPDATE to BGPVM in one step; one step earlier MuxVM sent them.
  await hoplab.open(`${RUN}&step=${STEPS.bgpUpdateForwarded - 1}`);
  await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.bgpUpdateForwarded} of`);
  const picker = page.getByRole('combobox', { name: /2 frames in this step/ });
  await expect(picker.locator('option')).toHaveText([/^#\d+ BGP KEEPALIVE to BGPVM mgmt$/, /^#\d+ BGP UPDATE to BGPVM mgmt$/]);
  const options = await picker.locator('option').allTextContents();
  for (const [i, message] of [[1, 'UPDATE'], [0, 'KEEPALIVE']] as const) {
    await test.step(`the ${message}`, async () => {
      await picker.selectOption({ index: i });
      const id = /^#(\d+)/.exec(options[i]!)![1];
      await expect(inspector.packet.getByRole('heading', { level: 3 })).toContainText(`Frame #${id}:`);
      // The switch forwards a frame as it came: compared with the same message MuxVM sent, nothing changed.
      await expect(inspector.changes).toContainText('Nothing: the frame went through unchanged.');
      await expect(inspector.changes).not.toContainText('removed');
      await expect(inspector.changes).toContainText('MuxVM → CCI_External_vSwitch');
      await expect(inspector.changes).toContainText(`compared with frame #${sent(message)}`);
      await expect(inspector.why).toContainText(`BGP ${message} (frame #${id})`);
      await expect(page.locator('.token-shown')).toHaveText(new RegExp(`^BGP ${message} · TTL 128`));
      await expect(events.list.locator('[data-inspected]')).toHaveCount(1);
      await expect(events.list.locator('[data-inspected]')).toContainText(`BGP ${message}`);
    });
  }
  await test.step('the frame the KEEPALIVE was compared with is MuxVM\'s KEEPALIVE, one step earlier', async () => {
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(page.locator('.step-readout')).toContainText(`Step ${STEPS.bgpUpdateSent} of`);
    const back = page.getByRole('combobox', { name: /2 frames in this step/ });
    await expect(back.locator('option')).toHaveText([new RegExp(`^#${sent('KEEPALIVE')} BGP KEEPALIVE `), new RegExp(`^#${sent('UPDATE')} BGP UPDATE `)]);
    await back.selectOption({ index: 0 });
    await expect(page.locator('.token-shown')).toHaveText(/^BGP KEEPALIVE/);
  });
});
