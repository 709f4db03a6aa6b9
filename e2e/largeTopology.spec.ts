// A large topology (hundreds of VMs, drawn for scale): the From field suggests the sources instead of
// listing them all (a list of thousands of options is slow to build, to style and to pick from), says so
// when the typed source is not one of them, and runs a flow from one that is.
import { writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { generateTopology } from '../src-engine/scenarios/generate';
import { expect, test } from './fixtures';

test('on a 300-VM topology From suggests the sources, refuses one that is not there, and sends from one that is', async ({ hoplab, page }, info) => {
  const doc = generateTopology({ vms: 300, vips: 4, seed: 1 });
  const file = info.outputPath('large.json');
  await writeFile(file, JSON.stringify(doc));
  await hoplab.open();
  await page.getByLabel('Topology file').setInputFiles(file);
  await expect(hoplab.node('Client0')).toBeAttached();
  const form = page.getByRole('form', { name: 'Send traffic' });
  const from = form.getByLabel('From');
  await test.step('From is a field whose suggestions are the sources, built when it is first focused', async () => {
    await expect(form.locator('select')).toHaveCount(0);
    await expect(page.locator('datalist#send-sources')).toHaveCount(0);
    await from.focus();
    await expect(page.locator('datalist#send-sources option')).toHaveCount(doc.nodes.filter((n) => n.interfaces.length > 0).length);
    await expect(page.locator('datalist#send-sources option[value="Client0"]')).toHaveCount(1);
  });
  const vip = doc.slb!.rules[0]!.vip;
  await test.step('a source that is not in the topology is named under the field, and nothing runs', async () => {
    await from.fill('Client9999');
    await form.getByLabel('To').fill(`${vip}:443`);
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('alert')).toContainText('There is no VM named "Client9999" to send from');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(hoplab.flowStatus).toHaveCount(0);
    expect((await new AxeBuilder({ page }).include('form[aria-label="Send traffic"]').analyze()).violations).toEqual([]);
  });
  await test.step('a source from the suggestions sends the flow', async () => {
    await from.fill('Client0');
    await expect(from).not.toHaveAttribute('aria-invalid', 'true');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(hoplab.flowStatus).toContainText(`Client0 → ${vip}:443`);
  });
});
