/** Builds dist/ once before the tests that spawn the CLI (bin/wasmlet.js runs dist/cli.js). */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'pipe' });
}
