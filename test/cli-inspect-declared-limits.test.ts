/** `wasmlet inspect` shows the budgets a module declares in `wasmlet.limits` (text and JSON), and says when the section is malformed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, tempDir, wasmlet } from './fixtures/wasi/harness.js';
import { loop, withLimits } from './fixtures/device/load.js';

afterAll(cleanupTemps);

function file(bytes: Uint8Array): string {
  const f = join(tempDir(), 'm.wasm');
  writeFileSync(f, bytes);
  return f;
}

describe('wasmlet inspect: declared budgets', () => {
  it('lists them in text and JSON', () => {
    const f = file(withLimits(loop('heater-pid'), '{"max_memory_bytes":16384,"fuel_per_step":2000}', 1));
    const t = wasmlet(['inspect', f]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/declared budgets \(wasmlet\.limits\):\n {2}max_memory_bytes +16384\n {2}fuel_per_step +2000\n/);
    const j = JSON.parse(wasmlet(['inspect', '--json', f]).stdout);
    expect(j.declaredLimits).toEqual({ max_memory_bytes: 16384, fuel_per_step: 2000 });
  });

  it('is null without the section, and names the problem of a malformed one', () => {
    const plain = wasmlet(['inspect', '--json', file(loop('heater-pid'))]);
    expect(JSON.parse(plain.stdout).declaredLimits).toBeNull();
    expect(wasmlet(['inspect', file(loop('heater-pid'))]).stdout).not.toMatch(/declared budgets/);
    const bad = wasmlet(['inspect', file(withLimits(loop('heater-pid'), '{"fuel":1}'))]);
    expect(bad.status).toBe(0);
    expect(bad.stdout).toMatch(/declared budgets \(wasmlet\.limits\):\n {2}invalid: custom section wasmlet\.limits: unknown key "fuel"/);
  });
});
