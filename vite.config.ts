import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './client/precompress.ts';

// One config for the app build and for every test project.
// `npm test` runs them all; .ci/run reads the JSON report for its last line.
export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything the page needs ships with it: no CDN, no external fonts.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    root: '.',
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      // ESLint's first start in the boundary test takes seconds on a busy 2-core machine.
      { test: { name: 'shared', root: 'shared', include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'client', root: 'client', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          root: 'server',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          root: 'client',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
