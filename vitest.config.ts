/*
 * Test runner config. Tests live only in test/ (bench/, dist/ and node_modules/ are
 * never collected). The spec suite is CPU-heavy, so tests run in forked processes (one
 * V8 isolate per file, no worker-thread contention) with a generous per-test timeout.
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * Vitest compiles file by file, so the `Op` const enum of core/exec/ir.ts would become property
 * lookups in the interpreter and its dispatch switch would lose its jump table (~100× slower).
 * This inlines `Op.Name` as the literal, as esbuild's bundler does for the real build.
 */
function inlineOpcodes(): Plugin {
  const src = readFileSync(new URL('./core/exec/ir.ts', import.meta.url), 'utf8');
  const body = src.slice(src.indexOf('export const enum Op {'));
  const names = [...body.matchAll(/^\s+([A-Z][A-Za-z0-9]*),/gm)].map((m) => m[1]!);
  const values = new Map(names.map((n, i) => [n, i]));
  return {
    name: 'wasmlet-inline-opcodes',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/core/') || id.endsWith('/ir.ts') || !/\bOp\./.test(code)) return null;
      return code.replace(/\bOp\.([A-Z][A-Za-z0-9]*)\b/g, (m, n: string) => (values.has(n) ? String(values.get(n)) : m));
    },
  };
}

export default defineConfig({
  plugins: [inlineOpcodes()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'bench/**', 'dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
