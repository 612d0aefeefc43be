/**
 * deploy(): a module that cannot load or instantiate is refused with DeployError and the running
 * module keeps running; a good one replaces it. Events: deploy, state, telemetry, log.
 */
import { describe, expect, it } from 'vitest';
import { Device, DeployError, type LogEvent, type TelemetryEvent } from '../hosts/device/device.js';
import { loadDeviceModule } from '../hosts/device/module.js';
import { HEATER_SPEC } from '../firmware-sim/plants.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { wat } from './helpers/wat.js';
import { fixture, loop } from './fixtures/device/load.js';

describe('deploy', () => {
  it('refuses a bad module and keeps the running one', () => {
    const sim = new SimDevice({ plant: 'heater', params: { 0: 50 } });
    sim.device.deploy(loop('heater-pid'), 'heater-pid.wasm');
    sim.run(10);
    const before = sim.device.module;
    expect(() => sim.device.deploy(fixture('bad-import'), 'bad.wasm')).toThrow(DeployError);
    expect(() => sim.device.deploy(fixture('bad-import'), 'bad.wasm')).toThrow(/imports "env" "abort"/);
    expect(() => sim.device.deploy(new Uint8Array([1, 2, 3]), 'junk.wasm')).toThrow(DeployError);
    expect(() => sim.device.deploy(fixture('big-memory'), 'big.wasm')).toThrow(/module big\.wasm needs 262144 bytes of initial memory; the device budget is 65536 bytes/);
    expect(sim.device.module).toBe(before);
    expect(sim.device.state).toBe('running');
    sim.run(10);
    expect(sim.device.steps).toBe(20);
  });

  it('replaces the running module and starts it with init', () => {
    const sim = new SimDevice({ plant: 'heater', params: { 0: 50 } });
    const events: string[] = [];
    sim.device.on('deploy', (m) => events.push(`deploy ${m.name}`));
    sim.device.on('state', (s, p) => events.push(`${p}→${s}`));
    sim.device.deploy(loop('heater-pid'), 'heater-pid.wasm');
    sim.run(5);
    sim.device.deploy(loadDeviceModule(loop('thermostat'), 'thermostat.wasm'));
    sim.run(5);
    expect(events).toEqual(['deploy heater-pid.wasm', 'empty→running', 'deploy thermostat.wasm']);
    expect(sim.device.steps).toBe(5);
    expect(sim.device.module?.name).toBe('thermostat.wasm');
    expect(sim.device.actuators[0]).toBe(100); // thermostat: full power below the setpoint
  });

  it('one loaded module runs on many devices independently', () => {
    const mod = loadDeviceModule(loop('heater-pid'), 'heater-pid.wasm');
    const a = new SimDevice({ plant: 'heater', params: { 0: 40 }, seed: 1 });
    const b = new SimDevice({ plant: 'heater', params: { 0: 60 }, seed: 2 });
    a.device.deploy(mod);
    b.device.deploy(mod);
    for (let i = 0; i < 1000; i++) {
      a.advance();
      b.advance();
    }
    expect(a.plant.output(0)).toBeGreaterThan(35);
    expect(a.plant.output(0)).toBeLessThan(45);
    expect(b.plant.output(0)).toBeGreaterThan(55);
  });

  it('emits telemetry and log events with device time; clamped writes return 1', () => {
    const hw = { sensors: HEATER_SPEC.sensors, actuators: HEATER_SPEC.actuators, readSensor: () => 20 };
    const dev = new Device({ id: 'd1', hardware: hw });
    const tel: TelemetryEvent[] = [];
    const logs: LogEvent[] = [];
    dev.on('telemetry', (e) => tel.push(e));
    dev.on('log', (e) => logs.push(e));
    dev.setParam(0, 50);
    dev.deploy(fixture('naive-p'), 'naive-p.wasm');
    expect(logs[0]).toMatchObject({ level: 2, levelName: 'info', message: 'naive P ready', timeUs: 0 });
    expect(dev.tick(1_500_000)).toBe(0);
    expect(tel).toEqual([{ key: 'error', value: 30, timeUs: 1_500_000 }]);
    expect(dev.telemetry.get('error')).toBe(30);
    // 10 × 30 = 300 % is clamped to 100 %: actuator_write returned 1 and the module logged it
    expect(dev.actuators[0]).toBe(100);
    expect(dev.clamped[0]).toBe(1);
    expect(logs[1]).toMatchObject({ levelName: 'debug', message: 'clamped', timeUs: 1_500_000 });
    expect(dev.tick(1_600_000)).toBe(0);
    expect(tel[1]).toEqual({ key: 'error', value: 30, timeUs: 1_600_000 });
  });

  it('sensor_read of an unknown channel is NaN; actuator_write to one is negative', () => {
    const src = `(module
      (import "dev" "sensor_read" (func $r (param i32) (result f64)))
      (import "dev" "actuator_write" (func $w (param i32 f64) (result i32)))
      (func (export "wasmlet_device_abi_v1"))
      (func (export "init") (result i32) i32.const 0)
      (func (export "step") (param i64) (result i32)
        (if (f64.eq (call $r (i32.const 7)) (call $r (i32.const 7))) (then (return (i32.const 1))))
        (if (i32.ge_s (call $w (i32.const 3) (f64.const 1)) (i32.const 0)) (then (return (i32.const 2))))
        (if (i32.ge_s (call $w (i32.const -1) (f64.const 1)) (i32.const 0)) (then (return (i32.const 3))))
        i32.const 0))`;
    const sim = new SimDevice({ plant: 'tank' });
    sim.device.deploy(wat(src), 'probe.wasm');
    sim.run(3);
    expect(sim.device.state).toBe('running');
  });

  it('stop and start pause stepping with actuators at safe values', () => {
    const sim = new SimDevice({ plant: 'heater', params: { 0: 50 } });
    sim.device.deploy(loop('thermostat'), 'thermostat.wasm');
    sim.run(2);
    expect(sim.device.actuators[0]).toBe(100);
    sim.device.stop();
    expect(sim.device.state).toBe('stopped');
    expect(sim.device.actuators[0]).toBe(0);
    sim.run(3);
    expect(sim.device.steps).toBe(2);
    sim.device.start();
    sim.run(1);
    expect(sim.device.steps).toBe(3);
  });
});

describe('nested device calls', () => {
  it('a telemetry listener may step another device from inside a host call', () => {
    const a = new SimDevice({ plant: 'heater', params: { 0: 50 } });
    const b = new SimDevice({ plant: 'heater', params: { 0: 50 } });
    b.device.deploy(loop('heater-pid'), 'b.wasm');
    a.device.on('telemetry', () => b.advance());
    a.device.deploy(fixture('naive-p'), 'a.wasm');
    a.run(5);
    expect(a.device.state).toBe('running');
    expect(b.device.state).toBe('running');
    expect(b.device.steps).toBe(5);
    expect(a.device.telemetry.get('error')).toBeGreaterThan(25);
  });
});
