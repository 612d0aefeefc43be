/**
 * sdk/build.sh compiles both SDK examples from source (clang for C, Debian's rustc/cargo for Rust)
 * into a temporary directory; each output decodes, follows the device ABI v1, has exactly 16 KiB
 * of memory (1-byte pages), declares its budgets in `wasmlet.limits`, and — with the toolchain
 * versions the fixtures were built with — equals the committed fixture in sdk/build/ byte for
 * byte, so a stale fixture is caught. Skips with the reason when a toolchain is missing, except
 * under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../core/index.js';
import { checkDeviceAbi } from '../hosts/device/abi.js';
import { ROOT } from './fixtures/device/load.js';
import { C_MISSING, CI, RUST_MISSING } from './helpers/toolchains.js';

const missing = [C_MISSING, RUST_MISSING].filter(Boolean).join('; ') || undefined;
if (missing && !CI) console.warn(`skipping sdk/build.sh test: ${missing}`);

/** the toolchain that built the committed fixtures (sdk/build.sh prints its versions) */
const FIXTURE_TOOLCHAIN = [/Debian clang version 14\.0\.6/, /rustc 1\.63\.0/];

describe.skipIf(missing !== undefined && !CI)('sdk/build.sh', () => {
  it('builds the C and Rust examples into 16 KiB device modules that declare their budgets', () => {
    expect(missing, 'clang, lld, rustc, cargo and libstd-rust-dev-wasm32 must be installed under CI').toBeUndefined();
    const out = mkdtempSync(join(tmpdir(), 'wasmlet-sdk-build-'));
    const r = spawnSync('bash', [join(ROOT, 'sdk', 'build.sh'), out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const name of ['c-pid', 'rust-pid']) {
      const bytes = readFileSync(join(out, `${name}.wasm`));
      const m = compile(bytes, { name: `${name}.wasm` });
      const abi = checkDeviceAbi(m);
      expect(abi.hasMemory).toBe(true);
      expect(abi.imports).toEqual(expect.arrayContaining(['sensor_read', 'actuator_write', 'param_get', 'telemetry', 'log']));
      expect(m.info.memories.map((x) => [x.limits.min, x.limits.max, x.pageSizeLog2])).toEqual([[16384, 16384, 0]]);
      expect(m.info.exports.map((e) => e.name).sort()).toEqual(['init', 'memory', 'step', 'wasmlet_device_abi_v1']);
      const limits = m.info.customs.filter((c) => c.name === 'wasmlet.limits');
      expect(limits).toHaveLength(1);
      expect(JSON.parse(new TextDecoder().decode(limits[0]!.bytes))).toEqual({ max_memory_bytes: 16384, fuel_per_step: 2000, max_call_depth: 16, max_stack_bytes: 1024 });
      if (FIXTURE_TOOLCHAIN.every((v) => v.test(r.stdout))) {
        expect(Buffer.compare(bytes, readFileSync(join(ROOT, 'sdk', 'build', `${name}.wasm`))), `sdk/build/${name}.wasm is stale: rerun sdk/build.sh`).toBe(0);
      }
    }
  }, 120000);
});
