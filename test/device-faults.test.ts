/**
 * Faults: an overrun (infinite loop), deep recursion, memory growth past the budget, a failed
 * sensor, a NaN actuator write, a non-zero step, a failing init and a missed deadline each move
 * the device to `faulted` with a recorded fault; actuators go to their safe values and no further
 * steps run until reset or redeploy.
 */
import { describe, expect, it } from 'vitest';
import type { Fault } from '../hosts/device/device.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { fixture, loop } from './fixtures/device/load.js';

function heaterSim(opts: ConstructorParameters<typeof SimDevice>[0] | object = {}) {
  return new SimDevice({ plant: 'heater', params: { 0: 50 }, ...opts });
}

/** run until faulted (or n periods); returns the fault and how many steps ran after it */
function runToFault(sim: SimDevice, n = 100) {
  const faults: Fault[] = [];
  sim.device.on('fault', (f) => faults.push(f));
  sim.run(n);
  const trace = sim.trace!;
  let firstFaulted = -1;
  for (let i = 0; i < trace.length; i++) if (trace.ran[i] && firstFaulted < 0 && faults.length && trace.time[i]! * 1e6 >= faults[0]!.timeUs) firstFaulted = i;
  let stepsAfter = 0;
  for (let i = firstFaulted + 1; i < trace.length; i++) stepsAfter += trace.ran[i]!;
  return { fault: faults[0], faults, stepsAfter, trace };
}

describe('device faults', () => {
  it('an infinite loop is an overrun: out_of_fuel, safe state, no further steps', () => {
    const sim = heaterSim({ limits: { fuelPerStep: 5000 } });
    sim.device.deploy(fixture('spin'), 'spin.wasm');
    const { fault, stepsAfter, trace } = runToFault(sim, 30);
    expect(sim.device.state).toBe('faulted');
    expect(fault).toMatchObject({ step: 10, timeUs: 1_000_000, kind: 'out_of_fuel' });
    expect(fault!.message).toMatch(/out of fuel \(overrun: more than 5000 fuel\) in spin @ 0x/);
    expect(sim.device.actuators[0]).toBe(0); // heater off
    expect(stepsAfter).toBe(0);
    expect(trace.output[9]).toBe(50);
    expect(trace.output[10]).toBe(0);
    expect(trace.output[29]).toBe(0);
  });

  it('deep recursion traps with call_stack_exhausted', () => {
    const sim = heaterSim({ limits: { maxCallDepth: 50 } });
    sim.device.deploy(fixture('recurse'), 'recurse.wasm');
    const { fault, stepsAfter } = runToFault(sim, 5);
    expect(fault).toMatchObject({ step: 0, timeUs: 0, kind: 'call_stack_exhausted' });
    expect(stepsAfter).toBe(0);
    expect(sim.device.peaks().callDepth).toBeLessThanOrEqual(50);
  });

  it('deep recursion is also stopped by the value stack budget', () => {
    const sim = heaterSim({ limits: { maxCallDepth: 100_000, maxStackBytes: 2048 } });
    sim.device.deploy(fixture('recurse'), 'recurse.wasm');
    const { fault } = runToFault(sim, 5);
    expect(fault?.kind).toBe('call_stack_exhausted');
    expect(sim.device.peaks().valueStackBytes).toBeLessThanOrEqual(2048);
  });

  it('memory growth past the budget is a memory_budget fault', () => {
    const sim = heaterSim({ limits: { maxMemoryBytes: 4 * 65536 } });
    sim.device.deploy(fixture('grow'), 'grow.wasm');
    const { fault, stepsAfter } = runToFault(sim, 10);
    expect(fault).toMatchObject({ step: 3, kind: 'memory_budget' });
    expect(fault!.message).toBe('memory.grow by 1 page(s) refused: 327680 bytes exceeds the memory budget of 262144 bytes');
    expect(sim.device.peaks().memoryBytes).toBe(4 * 65536);
    expect(stepsAfter).toBe(0);
  });

  it('a failed sensor (NaN): the PID loop reports it and the heater goes off', () => {
    const sim = heaterSim({ sensor: { failAtS: 20 } });
    sim.device.deploy(loop('heater-pid'), 'heater-pid.wasm');
    const { fault, trace } = runToFault(sim, 400);
    expect(fault).toMatchObject({ step: 200, timeUs: 20_000_000, kind: 'step_error', message: 'step returned 1' });
    expect(sim.device.actuators[0]).toBe(0);
    expect(trace.output[199]).toBeGreaterThan(0);
    // the plant cools once the heater is off
    expect(trace.pv[399]).toBeLessThan(trace.pv[201]!);
  });

  it('a NaN actuator write is refused, applies the safe value and faults', () => {
    const sim = heaterSim({ sensor: { failAtS: 0.5 } });
    sim.device.deploy(fixture('naive-p'), 'naive-p.wasm');
    const { fault } = runToFault(sim, 20);
    expect(fault).toMatchObject({ step: 5, kind: 'invalid_actuator_value', message: 'actuator 0 (heater power) written with NaN' });
    expect(sim.device.actuators[0]).toBe(0);
  });

  it('a non-zero step result is a step_error fault', () => {
    const sim = new SimDevice({ plant: 'motor', periodS: 0.1 });
    sim.device.deploy(fixture('step-fails'), 'step-fails.wasm');
    const { fault, trace } = runToFault(sim, 10);
    expect(fault).toMatchObject({ step: 5, timeUs: 500_000, kind: 'step_error', message: 'step returned 7' });
    expect(trace.output[4]).toBe(12); // clamped from 100 V
    expect(trace.output[5]).toBe(0); // safe voltage
  });

  it('a failing init leaves the module installed but the device faulted', () => {
    const sim = heaterSim();
    expect(sim.device.deploy(fixture('init-fails'), 'init-fails.wasm')).toBe('faulted');
    expect(sim.device.lastFault).toMatchObject({ step: -1, kind: 'init_error', message: 'init returned 3' });
    sim.run(3);
    expect(sim.device.steps).toBe(0);
  });

  it('a step slower than the wall-clock deadline is deadline_missed', () => {
    const sim = heaterSim({ limits: { deadlineMs: 0.001, fuelPerStep: 10_000_000 } });
    sim.device.deploy(fixture('slow'), 'slow.wasm');
    const { fault } = runToFault(sim, 3);
    expect(fault).toMatchObject({ step: 0, kind: 'deadline_missed' });
    expect(fault!.message).toMatch(/^step took \d+\.\d+ ms; the deadline is 0\.001 ms$/);
  });

  it('a fuel budget smaller than one step is an overrun on the first step', () => {
    const sim = heaterSim({ limits: { fuelPerStep: 1000 } });
    sim.device.deploy(fixture('slow'), 'slow.wasm');
    expect(runToFault(sim, 3).fault?.kind).toBe('out_of_fuel');
  });

  it('reset clears the fault and runs init again; the record stays', () => {
    const sim = heaterSim({ limits: { fuelPerStep: 5000 } });
    sim.device.deploy(fixture('spin'), 'spin.wasm');
    sim.run(12);
    expect(sim.device.state).toBe('faulted');
    const states: string[] = [];
    sim.device.on('state', (s) => states.push(s));
    expect(sim.device.reset()).toBe('running');
    expect(states).toEqual(['running']);
    expect(sim.device.faults).toHaveLength(1);
    // time is past 1 s, so the module spins again at once
    sim.run(1);
    expect(sim.device.state).toBe('faulted');
    expect(sim.device.faults).toHaveLength(2);
  });
});
