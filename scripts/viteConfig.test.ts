// Every Vite and Vitest start loads vite.config.ts. Vite checks, while it bundles the config, that the config
// and what it imports would also load with `configLoader: 'native'` (Node's own loader, planned as the default),
// and prints a warning of one line per import otherwise: noise at the top of every CI log. This loads the config
// as Vite does and asserts that Vite has nothing to warn about.
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfigFromFile } from 'vite';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('vite.config.ts', () => {
  it('loads with no warning (every import it reaches names its file with its extension)', async () => {
    // The check is skipped when this is set: make sure it runs.
    delete process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING;
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (msg) => void warnings.push(msg);
    logger.warnOnce = (msg) => void warnings.push(msg);
    const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, undefined, root, 'warn', logger);
    expect(loaded?.path).toBe(`${root}vite.config.ts`);
    // The config's own import chain was bundled: the schema plugin is there.
    expect((loaded?.config.plugins ?? []).flat().map((p) => (p && typeof p === 'object' && 'name' in p ? p.name : ''))).toContain('hoplab-topology-schema');
    expect(warnings).toEqual([]);
  }, 60_000);
});
