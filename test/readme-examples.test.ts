/**
 * The README's code examples run as written, importing `wasmlet/...` as a user would. Each
 * specifier is pointed at the entry's source (scripts/entries.json, which the build and the
 * package's `exports` follow); test/package-install.test.ts covers the built package itself.
 *
 * - A block that imports vitest is a test file: it is loaded here, so its tests run in this file.
 * - The other js/ts blocks are one walkthrough: each continues the previous one (it sees the names
 *   declared before it and may shadow them), so they run nested, in order, as one module.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const entries = JSON.parse(readFileSync(join(root, 'scripts/entries.json'), 'utf8')) as { subpath: string; source: string }[];
const sources = new Map(entries.map((e) => [`wasmlet${e.subpath.slice(1)}`, join(root, e.source)]));

const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^```(?:js|ts)\n([\s\S]*?)^```$/gm)]
  .map((m) => m[1]!)
  .filter((b) => /from 'wasmlet[/']/.test(b));

/** the block with its `wasmlet...` imports pointed at the sources; unknown entries fail */
function rewrite(code: string): string {
  return code.replace(/from '(wasmlet(?:\/[\w-]+)?)'/g, (_, spec: string) => {
    const src = sources.get(spec);
    if (!src) throw new Error(`README imports ${spec}, which is not an entry point (scripts/entries.json)`);
    return `from ${JSON.stringify(src)}`;
  });
}

const dir = join(import.meta.dirname, `.readme-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tests = blocks.filter((b) => /from 'vitest'/.test(b));
const walkthrough = blocks.filter((b) => !/from 'vitest'/.test(b));

it('finds the README examples', () => {
  expect(tests.length).toBeGreaterThan(0);
  expect(walkthrough.length).toBeGreaterThan(0);
  expect(blocks.join('\n')).not.toMatch(/from '\.\.?\//); // examples import the package, not files
});

it('runs the walkthrough (JS API, native API, budget) as written', async () => {
  const imports: string[] = [];
  const bodies = walkthrough.map((b) =>
    rewrite(b)
      .split('\n')
      .filter((l) => (l.startsWith('import ') ? (imports.push(l), false) : true))
      .join('\n'),
  );
  const file = join(dir, 'walkthrough.ts');
  writeFileSync(file, `${imports.join('\n')}\n${bodies.map((b) => `{\n${b}\n`).join('')}${'}\n'.repeat(bodies.length)}`);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(file);
    // what the README's comments promise: add(2, 3) is 5 through either API
    expect(log.mock.calls[0]).toEqual([5]);
    expect(log.mock.calls[1]!.slice(0, 2)).toEqual([5, 5]);
  } finally {
    log.mockRestore();
  }
});

// test blocks: their `it`s register in this file while it is collected
for (const [i, b] of tests.entries()) {
  const file = join(dir, `example-${i}.ts`);
  writeFileSync(file, rewrite(b));
  await import(file);
}
