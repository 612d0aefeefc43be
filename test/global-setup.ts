/**
 * Before the tests: brings dist/cli.js up to date (the tests spawn bin/wasmlet.js, which runs it).
 * Only the CLI bundle, and only when a source is newer: esbuild takes a fraction of a second, and a
 * single test file starts in seconds. `npm test` does the full build (every entry, declarations)
 * once before vitest starts; test/package-install.test.ts needs that full build and makes it when
 * it is stale.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--only=cli', '--if-stale'], { stdio: 'pipe' });
}
