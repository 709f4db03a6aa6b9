import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// base './' makes every asset URL relative, so dist/ works unchanged from any sub-path of any static server.
export default defineConfig({
  root: 'web',
  base: './',
  publicDir: '../public',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  test: {
    root: '.',
    include: ['src-engine/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
