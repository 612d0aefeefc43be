/**
 * A panic in a Rust device module built with the SDK's panic handler logs "panic" at error level
 * and traps: the device faults (`unreachable`) and its actuator goes to the safe value. The handler
 * does not format the message, so core::fmt is not linked: the whole module stays under 1 KB.
 * Builds a small crate with Debian's cargo; skips without it, except under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { ROOT } from './fixtures/device/load.js';
import { CARGO, CI, RUSTC, RUST_MISSING } from './helpers/toolchains.js';

if (RUST_MISSING && !CI) console.warn(`skipping the Rust panic test: ${RUST_MISSING}`);

const LIB = `#![no_std]
use wasmlet_device as dev;
dev::device_abi_v1!();
#[no_mangle]
pub extern "C" fn init() -> i32 { dev::OK }
#[no_mangle]
pub extern "C" fn step(now_us: i64) -> i32 {
    // an unwrap of None on the third step (t = 0.2 s), as a bug would
    let reading = if now_us >= 200_000 { None } else { dev::sensor(0) };
    dev::actuator(0, reading.unwrap() * 0.0 + 50.0);
    dev::OK
}
`;

function build(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-rust-panic-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, '.cargo'));
  writeFileSync(join(dir, '.cargo', 'config.toml'), readFileSync(join(ROOT, 'sdk', 'rust', '.cargo', 'config.toml')));
  writeFileSync(join(dir, 'src', 'lib.rs'), LIB);
  writeFileSync(
    join(dir, 'Cargo.toml'),
    `[package]\nname = "panics"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n` +
      `[dependencies]\nwasmlet-device = { path = ${JSON.stringify(join(ROOT, 'sdk', 'rust', 'wasmlet-device'))} }\n` +
      `[profile.release]\npanic = "abort"\nopt-level = "s"\nlto = true\nstrip = "debuginfo"\n`,
  );
  // RUSTFLAGS, even empty, would replace the link flags of .cargo/config.toml
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'RUSTFLAGS'));
  const cargo = spawnSync(CARGO, ['build', '--offline', '--release', '--quiet'], { cwd: dir, encoding: 'utf8', env: { ...env, RUSTC } });
  expect(cargo.status, cargo.stderr).toBe(0);
  const out = join(dir, 'panics.wasm');
  const shrink = spawnSync(process.execPath, [join(ROOT, 'sdk', 'tools', 'wasm-memory.mjs'), join(dir, 'target/wasm32-unknown-unknown/release/panics.wasm'), out, '16384'], { encoding: 'utf8' });
  expect(shrink.status, shrink.stderr).toBe(0);
  return readFileSync(out);
}

describe.skipIf(RUST_MISSING !== undefined && !CI)('a panic in a Rust device module', () => {
  it('logs "panic", traps, and faults the device into its safe state', () => {
    expect(RUST_MISSING, 'rustc, cargo and libstd-rust-dev-wasm32 must be installed under CI').toBeUndefined();
    const bytes = build();
    expect(bytes.length).toBeLessThan(1024);
    const sim = new SimDevice({ plant: 'heater', params: { 0: 50 }, limits: { maxMemoryBytes: 16384 } });
    const logs: string[] = [];
    sim.device.on('log', (l: { levelName: string; message: string }) => logs.push(`${l.levelName} ${l.message}`));
    sim.device.deploy(bytes, 'panics.wasm');
    sim.run(2);
    expect(sim.device.state).toBe('running');
    expect(sim.device.actuators[0]).toBe(50);
    sim.run(1);
    expect(sim.device.state).toBe('faulted');
    expect(sim.device.lastFault).toMatchObject({ step: 2, kind: 'unreachable' });
    expect(logs).toEqual(['error panic']);
    expect(sim.device.actuators[0]).toBe(0);
  }, 120000);
});
