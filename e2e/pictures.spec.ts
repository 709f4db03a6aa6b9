import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

/** A PNG's size, read from its header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)], 'a PNG').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// The README's pictures are rendered from dist/ by `npm run screenshot`: each one it shows is a PNG in docs/, and the
// script renders a picture of a step, at the size asked, in light or dark, in the overlay view or the underlay's.
test("the README's pictures exist, and npm run screenshot renders a step from dist/ at the size and theme asked", async () => {
  test.setTimeout(120_000);
  const readme = await readFile('README.md', 'utf8');
  const shown = [...readme.matchAll(/\((docs\/screenshot[^)]*\.png)\)/g)].map((m) => m[1]!);
  expect(new Set(shown), 'light and dark, overlay and underlay, the return path, a tablet').toEqual(new Set(['docs/screenshot.png', 'docs/screenshot-dark.png', 'docs/screenshot-overlay.png', 'docs/screenshot-return.png', 'docs/screenshot-tablet.png']));
  for (const file of [...shown, 'docs/screenshot-overlay-dark.png']) expect(pngSize(await readFile(file)).width, file).toBeGreaterThanOrEqual(768);
  const dir = await mkdtemp(join(tmpdir(), 'hoplab-screenshot-'));
  try {
    const out = join(dir, 'overlay-dark.png');
    const port = String(Number(process.env.E2E_PORT ?? 4391) + 1000);
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/screenshot.mjs', '--out', out, '--width', '1024', '--height', '768', '--scheme', 'dark', '--click', 'Overlay', '--port', port], { timeout: 100_000 });
    expect(pngSize(await readFile(out))).toEqual({ width: 1024, height: 768 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
