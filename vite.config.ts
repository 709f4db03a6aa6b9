import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { TOPOLOGY_SCHEMA_PATH, topologyJsonSchema } from './src-engine/topology/jsonSchema';

/** Publishes the topology JSON Schema, generated from the zod schema at build time, at schema/topology-1.json. */
function topologySchemaFile(): Plugin {
  const text = () => `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
  return {
    name: 'hoplab-topology-schema',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: TOPOLOGY_SCHEMA_PATH, source: text() });
    },
    configureServer(server) {
      server.middlewares.use(`/${TOPOLOGY_SCHEMA_PATH}`, (_req, res) => {
        res.setHeader('Content-Type', 'application/schema+json');
        res.end(text());
      });
    },
  };
}

// base './' makes every asset URL relative, so dist/ works unchanged from any sub-path of any static server.
export default defineConfig({
  root: 'web',
  base: './',
  publicDir: '../public',
  plugins: [react(), topologySchemaFile()],
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  test: {
    root: '.',
    include: ['src-engine/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
