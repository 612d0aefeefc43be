/**
 * Budgets a module declares in its `wasmlet.limits` custom section: a device whose limits are
 * smaller refuses it before anything is replaced (the running module keeps running), one whose
 * limits fit runs it, and a malformed section is refused with a message naming what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { DeployError } from '../hosts/device/device.js';
import { loadDeviceModule } from '../hosts/device/module.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { loop, withLimits } from './fixtures/device/load.js';

const pid = loop('heater-pid');

function running(limits = {}): SimDevice {
  const sim = new SimDevice({ plant: 'heater', params: { 0: 50 }, limits });
  sim.device.deploy(pid, 'heater-pid.wasm');
  sim.run(5);
  return sim;
}

describe('declared budgets (wasmlet.limits)', () => {
  it('are parsed from the module, trailing NULs of a C string ignored', () => {
    const m = loadDeviceModule(withLimits(pid, '{"max_memory_bytes":65536,"fuel_per_step":5000,"max_call_depth":8,"max_stack_bytes":512}', 1), 'pid');
    expect(m.declaredLimits).toEqual({ max_memory_bytes: 65536, fuel_per_step: 5000, max_call_depth: 8, max_stack_bytes: 512 });
    expect(loadDeviceModule(pid, 'plain').declaredLimits).toBeUndefined();
  });

  it('a module needing more than the device allows is refused and the running one keeps running', () => {
    const sim = running({ fuelPerStep: 20_000 });
    const before = sim.device.module;
    const greedy = withLimits(pid, '{"fuel_per_step":50000}');
    expect(() => sim.device.deploy(greedy, 'greedy.wasm')).toThrow(DeployError);
    expect(() => sim.device.deploy(greedy, 'greedy.wasm')).toThrow('module greedy.wasm declares it needs fuel_per_step 50000 (wasmlet.limits); the device allows 20000');
    expect(() => sim.device.deploy(withLimits(pid, '{"max_call_depth":100}'), 'deep.wasm')).toThrow(/needs max_call_depth 100 .* allows 64/);
    expect(sim.device.module).toBe(before);
    sim.run(5);
    expect(sim.device.state).toBe('running');
    expect(sim.device.steps).toBe(10);
  });

  it('a module whose declared needs fit is deployed', () => {
    const sim = running({ maxMemoryBytes: 131072 });
    sim.device.deploy(withLimits(pid, '{"max_memory_bytes":131072,"fuel_per_step":100000}'), 'fits.wasm');
    expect(sim.device.module?.name).toBe('fits.wasm');
    sim.run(5);
    expect(sim.device.state).toBe('running');
  });

  it('a malformed section is refused, naming the problem', () => {
    const sim = running();
    const cases: [string, RegExp][] = [
      ['{"fuel_per_step":', /wasmlet\.limits is not UTF-8 JSON/],
      ['[1,2]', /must hold a JSON object/],
      ['{"fuel":1}', /unknown key "fuel" \(known: max_memory_bytes, fuel_per_step, max_call_depth, max_stack_bytes\)/],
      ['{"fuel_per_step":-1}', /fuel_per_step must be a positive integer, got -1/],
      ['{"max_call_depth":1.5}', /max_call_depth must be a positive integer, got 1.5/],
    ];
    for (const [json, msg] of cases) expect(() => sim.device.deploy(withLimits(pid, json), 'bad.wasm')).toThrow(msg);
    expect(() => sim.device.deploy(withLimits(withLimits(pid, '{}'), '{}'), 'twice.wasm')).toThrow(/appears 2 times/);
    expect(sim.device.module?.name).toBe('heater-pid.wasm');
  });
});
