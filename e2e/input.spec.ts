// Sending traffic: a destination is checked, the message names what is wrong and how to fix it, and
// what the user typed stays. A topology file is validated by the engine; on error the current one stays.
import { readFile } from 'node:fs/promises';
import { POC_TOPOLOGY } from '../src-engine/scenarios/poc';
import { expect, test } from './fixtures';

test('a wrong destination gets a clear message and keeps what was typed', async ({ hoplab, page }) => {
  await hoplab.open('?motion=off');
  await test.step('an address with a number over 255', async () => {
    await hoplab.send('ClientVM', '192.168.1.300');
    await expect(page.getByRole('alert')).toContainText('"192.168.1.300" is not a valid IPv4 address: 300 is more than 255');
    await expect(hoplab.destinationInput).toHaveValue('192.168.1.300');
    await expect(hoplab.destinationInput).toHaveAttribute('aria-invalid', 'true');
  });
  await test.step('a misspelt node name gets a suggestion', async () => {
    await hoplab.destinationInput.fill('PortalVN');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Did you mean PortalVM?');
  });
  await test.step('a good one runs: ClientVM to PortalVM by name', async () => {
    await hoplab.send('ClientVM', 'PortalVM');
    await expect(hoplab.flowStatus).toBeVisible();
    await expect(hoplab.destinationInput).toHaveValue('PortalVM');
    await expect(hoplab.destinationInput).not.toHaveAttribute('aria-invalid');
  });
});

test("a link's destination is judged by the engine's parser, like a typed one: the message under the field, the text kept", async ({ hoplab, page }) => {
  const to = 'https://portal\u202Eexe.local';
  await hoplab.open(`?${new URLSearchParams({ from: 'ClientVM', to, motion: 'off' })}`);
  await expect(page.getByRole('alert')).toContainText('The destination contains a bidirectional control character (U+202E)');
  await expect(hoplab.destinationInput).toHaveValue(to);
  await expect(hoplab.destinationInput).toHaveAttribute('aria-invalid', 'true');
});

test('loading a topology file: errors listed with their paths, the current topology kept', async ({ hoplab, page }, info) => {
  await hoplab.open();
  const input = page.getByLabel('Topology file');
  await test.step('a document with an address outside its subnet is refused', async () => {
    const bad = structuredClone(POC_TOPOLOGY) as { nodes: { interfaces: { address: string }[] }[] };
    bad.nodes[1]!.interfaces[0]!.address = '10.9.9.9/24';
    const file = info.outputPath('bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, JSON.stringify(bad)));
    await input.setInputFiles(file);
    const alert = page.getByRole('alert').filter({ hasText: 'The topology could not be loaded' });
    await expect(alert).toContainText('nodes[1].interfaces[0].address');
    await expect(alert).toContainText('The current topology is unchanged');
    await expect(hoplab.node('ADVM')).toContainText('192.168.100.2/24');
  });
  await test.step('a file that is not JSON says so', async () => {
    const file = info.outputPath('broken.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{ "schema": '));
    await input.setInputFiles(file);
    await expect(page.getByRole('alert').filter({ hasText: 'broken.json is not valid JSON' })).toBeVisible();
  });
  await test.step('a valid document replaces the diagram', async () => {
    const good = structuredClone(POC_TOPOLOGY) as { name: string; nodes: { id: string; role: string }[] };
    good.name = 'Classroom copy';
    good.nodes.find((n) => n.id === 'SQLVM')!.role = 'SQL Server, renamed role for the class';
    const file = info.outputPath('good.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, JSON.stringify(good)));
    await input.setInputFiles(file);
    await expect(hoplab.node('SQLVM')).toContainText('renamed role for the class');
    await expect(page.getByRole('button', { name: 'Reset to the POC' })).toBeEnabled();
    expect(JSON.parse(await readFile(file, 'utf8')).name).toBe('Classroom copy');
  });
});
