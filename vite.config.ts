import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { TOPOLOGY_SCHEMA_PATH, topologyJsonSchema } from './src-engine/topology/jsonSchema.ts';

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

/**
 * The published page's Content-Security-Policy: scripts, the worker, styles and fonts only from the site
 * itself, no eval, no plug-ins, no network but the site, and downloads as blob: links. Style attributes stay
 * allowed (React Flow positions nodes with them). Added at build time only: the dev server injects inline
 * scripts and styles for hot reload, which this policy rightly refuses.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'hoplab-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

/**
 * d3-ease builds its parameterised easings (poly, back, elastic) by calls at module scope that carry no pure
 * annotation, so the bundler kept all nine, though the page uses only easeCubicInOut (the tokens' glide and React
 * Flow's zoom): marked pure, the unused ones are dropped, 385 bytes gzip off the first screen.
 */
function pureD3Ease(): Plugin {
  return {
    name: 'hoplab-pure-d3-ease',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]d3-ease[\\/]dist[\\/]d3-ease\.mjs$/.test(id)) return undefined;
      return { code: code.replaceAll('= (function custom(', '= /*#__PURE__*/ (function custom('), map: null };
    },
  };
}

// base './' makes every asset URL relative, so dist/ works unchanged from any sub-path of any static server.
export default defineConfig(({ mode }) => ({
  root: 'web',
  base: './',
  publicDir: '../public',
  plugins: [react(), contentSecurityPolicy(), topologySchemaFile(), pureD3Ease()],
  resolve: {
    alias: {
      // zustand's equality-function hook (React Flow's store) imports the with-selector helper through the shim for
      // React before 18, which carries its own useSyncExternalStore; React 19 has one, and the package's non-shim
      // entry uses it: the same hook, 372 bytes less on the first screen.
      'use-sync-external-store/shim/with-selector.js': 'use-sync-external-store/with-selector.js',
    },
  },
  worker: { format: 'es' },
  build: { outDir: mode === 'bench' ? '../dist-bench' : '../dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  test: {
    root: '.',
    include: ['src-engine/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
}));
