import { axe } from './axe';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { Editor } from './pages/Editor';

test('edit the POC (a DIP, a second MUX), run a flow on it, export it, reload and reopen it from a link', async ({ hoplab, page, browser }) => {
  const editor = new Editor(page);
  await hoplab.open('?motion=off');
  await editor.open();

  await test.step('a wrong value is refused at its field, and nothing changes', async () => {
    const form = await editor.add('Add a DIP to portal-https', 'Add DIP', { 'DIP address': '192.168.100.77' });
    await expect(form.getByRole('alert')).toContainText('DIP 192.168.100.77 is on no interface');
    await expect(form.getByRole('alert')).toContainText('slb.rules[0].dips[1].address');
    await expect(editor.region.getByRole('list', { name: 'DIP pool of portal-https' }).getByRole('listitem')).toHaveCount(1);
    const hold = editor.region.getByLabel('Hold time (s)');
    await hold.fill('2');
    await hold.press('Enter');
    await expect(hold).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.region.getByRole('alert').filter({ hasText: 'bgp.holdTime' })).toBeVisible();
    await hold.press('Escape');
    await expect(hold).toHaveValue('180');
  });

  await test.step('add a VM listening on 443 and make it a second DIP of the portal VIP', async () => {
    await editor.add('Add a VM', 'Add VM', { Name: 'PortalVM2', Address: '192.168.100.30/24', MAC: '00:15:5d:64:00:30', 'Listens on TCP ports': '443' });
    await expect(hoplab.node('PortalVM2')).toBeVisible();
    await editor.add('Add a DIP to portal-https', 'Add DIP', { 'DIP address': '192.168.100.30' });
    await expect(editor.region.getByRole('list', { name: 'DIP pool of portal-https' }).getByRole('listitem')).toHaveCount(2);
  });

  await test.step('add a second MUX: drawn, and peered with BGPVM', async () => {
    await editor.add('Add a MUX (peered with BGPVM, announcing every VIP)', 'Add MUX', { 'MUX name': 'MuxVM2', 'Management address': '192.168.100.8', 'PA address': '192.168.233.8' });
    await expect(hoplab.node('MuxVM2')).toBeVisible();
    await expect(editor.region.getByRole('button', { name: 'Remove MUX MuxVM2' })).toBeVisible();
  });

  await test.step('undo removes the MUX, redo brings it back', async () => {
    await editor.region.getByRole('button', { name: 'Undo' }).click();
    await expect(hoplab.node('MuxVM2')).toHaveCount(0);
    await editor.region.getByRole('button', { name: 'Redo' }).click();
    await expect(hoplab.node('MuxVM2')).toBeVisible();
  });

  await test.step('the editor has no accessibility violations', async () => {
    const found = await axe(page).include('.side').analyze();
    expect(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  await test.step('a flow runs on the edited topology and is delivered', async () => {
    await hoplab.runPreset();
    await hoplab.toEnd();
    await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');
  });

  await test.step('Export topology downloads the document, naming the published schema', async () => {
    const download = page.waitForEvent('download');
    await editor.region.getByRole('button', { name: 'Export topology' }).click();
    const file = await download;
    const doc = JSON.parse(await readFile((await file.path())!, 'utf8')) as { $schema: string; schema: string; nodes: { id: string }[]; slb: { muxes: string[]; rules: { dips: unknown[] }[] } };
    expect(doc.$schema).toMatch(/\/hoplab\/schema\/topology-1\.json$/);
    expect(doc.schema).toBe('hoplab/topology@1');
    expect(doc.slb.muxes).toEqual(['MuxVM', 'MuxVM2']);
    expect(doc.slb.rules[0]!.dips).toHaveLength(2);
    const schema = await page.request.get(doc.$schema);
    expect(schema.ok()).toBe(true);
    expect(((await schema.json()) as { title: string }).title).toBe('Hoplab topology document (hoplab/topology@1)');
  });

  await test.step('reloading the page keeps the edited topology', async () => {
    await expect.poll(() => new URL(page.url()).searchParams.has('topo')).toBe(true);
    await page.reload();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
    await expect(hoplab.node('MuxVM2')).toBeVisible();
    await expect(hoplab.node('PortalVM2')).toBeVisible();
  });

  await test.step('the link reopens it in a fresh browser', async () => {
    const link = page.url();
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
    await expect(other.locator('.react-flow__node[data-id="MuxVM2"]')).toBeVisible();
    await expect(other.locator('.react-flow__node[data-id="PortalVM2"]')).toBeVisible();
    await context.close();
  });
});

test('open an example file from the app, and a link too long or broken says so', async ({ hoplab, page }) => {
  const editor = new Editor(page);
  await hoplab.open();
  await editor.open();
  await editor.region.getByLabel('Start from an example').selectOption('poc-tenant-vip.json');
  await editor.region.getByRole('button', { name: 'Open example' }).click();
  for (const n of [1, 2, 3]) await expect(hoplab.node(`TenantWeb${n}`)).toBeVisible();
  await expect(editor.region.getByRole('list', { name: 'DIP pool of tenant-web' }).getByRole('listitem')).toHaveCount(3);
  await hoplab.send('ClientVM', '192.168.133.80:80');
  await expect(hoplab.flowStatus).toBeVisible();
  await hoplab.toEnd();
  await expect(hoplab.flowStatus).toHaveAttribute('data-disposition', 'delivered');

  await page.goto('./?topo=NoTopologyHere');
  await expect(page.getByRole('alert').filter({ hasText: 'does not hold a topology' })).toBeVisible();
  await expect(hoplab.node('MuxVM')).toBeVisible();
});
