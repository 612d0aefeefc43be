/*
 * Test runner config. Tests live only in test/ (bench/, dist/ and node_modules/ are
 * never collected). The spec suite is CPU-heavy, so tests run in forked processes (one
 * V8 isolate per file, no worker-thread contention) with a generous per-test timeout.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'bench/**', 'dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
