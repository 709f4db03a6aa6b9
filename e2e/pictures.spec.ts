import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('the diagram downloads as PNG and SVG at the current step', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await hoplab.runPreset();
  const pictures = page.getByLabel('Pictures of the diagram');

  await test.step('PNG: a real image of the whole network', async () => {
    const download = page.waitForEvent('download');
    await pictures.getByRole('button', { name: 'Download PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^hoplab-diagram-Azure-Stack-TP1-POC-step-\d+\.png$/);
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(Math.max(width, height)).toBeGreaterThan(2000);
  });

  await test.step('SVG: the same drawing, with the devices named', async () => {
    const download = page.waitForEvent('download');
    await pictures.getByRole('button', { name: 'Download SVG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.svg$/);
    const svg = await readFile((await file.path())!, 'utf8');
    expect(svg).toContain('<svg');
    for (const vm of ['PortalVM', 'MuxVM', 'CCI_External_vSwitch']) expect(svg).toContain(vm);
  });
});
