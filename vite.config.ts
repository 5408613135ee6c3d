/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { serviceWorkerPlugin } from './client/pwa/vite-plugin-sw.ts';

export default defineConfig({
  root: 'client',
  plugins: [solid(), serviceWorkerPlugin()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    root: '.',
    // vite-plugin-solid would pick jsdom; our unit tests are Node tests (UI is tested in real Chromium).
    environment: 'node',
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'client/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/scanning/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
