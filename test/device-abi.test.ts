/** Device ABI v1 at load time: anything outside the ABI is refused with an error naming it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { DeviceAbiError } from '../hosts/device/abi.js';
import { loadDeviceModule } from '../hosts/device/module.js';
import { wat } from './helpers/wat.js';
import { fixture, loop } from './fixtures/device/load.js';

const BASE = `(func (export "wasmlet_device_abi_v1")) (func (export "init") (result i32) i32.const 0)`;

describe('device ABI v1 check', () => {
  it('accepts every bundled control loop and reports what it imports', () => {
    for (const name of ['heater-pid', 'motor-pi', 'tank-level', 'thermostat']) {
      const m = loadDeviceModule(loop(name), name);
      expect(m.abi.imports.every((i) => ['now_us', 'sensor_read', 'actuator_write', 'param_get', 'telemetry', 'log'].includes(i))).toBe(true);
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(loadDeviceModule(loop('thermostat')).abi.imports).toEqual(expect.arrayContaining(['sensor_read', 'actuator_write', 'param_get']));
  });

  it('refuses an import outside the ABI, naming it', () => {
    expect(() => loadDeviceModule(fixture('bad-import'), 'bad.wasm')).toThrow(DeviceAbiError);
    expect(() => loadDeviceModule(fixture('bad-import'), 'bad.wasm')).toThrow(/module bad\.wasm imports "env" "abort", which is not part of the device ABI v1 \(allowed imports: dev\.now_us, dev\.sensor_read/);
    const m = wat(`(module (import "dev" "gpio_write" (func (param i32 i32))) ${BASE} (func (export "step") (param i64) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(m, 'g.wasm')).toThrow(/imports "dev" "gpio_write", which is not part of the device ABI v1/);
  });

  it('refuses an ABI import with the wrong signature or kind', () => {
    const sig = wat(`(module (import "dev" "sensor_read" (func (param i32) (result f32))) ${BASE} (func (export "step") (param i64) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(sig, 's.wasm')).toThrow(/imports "dev" "sensor_read" with type \(i32\) -> \(f32\); the device ABI v1 defines it as \(i32\) -> \(f64\)/);
    const kind = wat(`(module (import "dev" "now_us" (global i64)) ${BASE} (func (export "step") (param i64) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(kind, 'k.wasm')).toThrow(/imports "dev" "now_us" as a global/);
    const mem = wat(`(module (import "dev" "memory" (memory 1)) ${BASE} (func (export "step") (param i64) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(mem, 'm.wasm')).toThrow(/imports "dev" "memory", which is not part of the device ABI v1/);
  });

  it('requires the marker, init and step with their signatures', () => {
    const noMarker = wat(`(module (func (export "init") (result i32) i32.const 0) (func (export "step") (param i64) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(noMarker, 'n.wasm')).toThrow(/does not export "wasmlet_device_abi_v1" \(the marker/);
    const noStep = wat(`(module ${BASE})`);
    expect(() => loadDeviceModule(noStep, 'n.wasm')).toThrow(/does not export "step"/);
    const badStep = wat(`(module ${BASE} (func (export "step") (param i32) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(badStep, 'b.wasm')).toThrow(/exports "step" with type \(i32\) -> \(i32\); the device ABI v1 requires \(i64\) -> \(i32\)/);
  });

  it('requires an exported memory when strings are passed (telemetry, log)', () => {
    const m = wat(`(module (import "dev" "log" (func (param i32 i32 i32))) ${BASE} (func (export "step") (param i64) (result i32) i32.const 0))`);
    expect(() => loadDeviceModule(m, 'l.wasm')).toThrow(/imports "dev" "log" but exports no memory named "memory"/);
  });

  it('runs the smallest conforming module shown in docs/device-abi.md', () => {
    const doc = readFileSync(new URL('../docs/device-abi.md', import.meta.url), 'utf8');
    const src = /The smallest conforming module, in WAT:\n\n```wat\n([\s\S]*?)```/.exec(doc)![1]!;
    const sim = new SimDevice({ plant: 'heater', params: { 0: 30 } });
    sim.device.deploy(wat(src), 'p.wasm');
    sim.run(3000);
    expect(sim.device.state).toBe('running');
    expect(sim.plant.output(0)).toBeGreaterThan(25); // P control: close, with a steady-state error
    expect(sim.plant.output(0)).toBeLessThan(30);
  });

  it('reports malformed modules as compile errors', () => {
    expect(() => loadDeviceModule(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]), 'x.wasm')).toThrow(/x\.wasm|version/);
  });
});
