/**
 * Device benchmark, in virtual time (bundled and run by bench/device/run.mjs with --expose-gc):
 *
 * - steps/s of each example loop on its plant: the full simulated period (sensor model, the
 *   module's `step` under fuel metering, plant integration), trace recording off; and of the
 *   module's `step` alone (Device.tick). Best of several 200,000-step rounds after a warm-up.
 * - memory per idle device: N devices with the heater PID deployed (one shared compiled module),
 *   each stepped once; (V8 heap + ArrayBuffer bytes) / N, minus the device's linear memory.
 *   Measured with the default limits (2 KiB value stack) and with 4 and 8 KiB stacks.
 *
 * Targets (issue 6): PID ≥ 100,000 steps/s; ≤ 16 KB per idle device beyond linear memory.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimDevice } from '../../firmware-sim/sim-device.js';
import { HEATER_SPEC, type PlantName } from '../../firmware-sim/plants.js';
import { Device } from '../../hosts/device/device.js';
import { DEFAULT_DEVICE_LIMITS, type DeviceLimits } from '../../hosts/device/limits.js';
import { loadDeviceModule } from '../../hosts/device/module.js';
import { registerTier, type Tier } from '../../core/index.js';
import { makeTier } from '../../core/compiled/link.js';

const root = process.env['WASMLET_ROOT'] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gc = (globalThis as { gc?: () => void }).gc;
const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const ti = process.argv.indexOf('--tier');
/** --tier interpreter|compiled|auto: where the device modules run (the compiled tier is registered for the last two) */
const tier = (ti > 0 ? process.argv[ti + 1] : 'interpreter') as Tier;
if (!['interpreter', 'compiled', 'auto'].includes(tier)) throw new Error(`--tier must be interpreter, compiled or auto, got ${tier}`);
if (tier !== 'interpreter') registerTier(makeTier);
const ROUND = quick ? 50_000 : 200_000;
const ROUNDS = quick ? 2 : 5;

const loopBytes = (name: string) => readFileSync(join(root, 'filters', 'control', 'build', `${name}.wasm`));

function stepsPerSecond(plant: PlantName, loop: string, setpoint: number): { sim: number; tick: number; fuel: number } {
  const sim = new SimDevice({ plant, params: { 0: setpoint }, trace: false, tier });
  sim.device.deploy(loopBytes(loop), loop);
  sim.run(ROUND / 4); // warm-up
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    sim.run(ROUND);
    best = Math.max(best, ROUND / ((performance.now() - t0) / 1000));
  }
  const dev = sim.device;
  let t = sim.nowUs;
  let bestTick = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < ROUND; i++) {
      dev.tick(t);
      t += sim.periodUs;
    }
    bestTick = Math.max(bestTick, ROUND / ((performance.now() - t0) / 1000));
  }
  if (dev.state !== 'running') throw new Error(`${loop} faulted during the benchmark: ${dev.lastFault?.message}`);
  return { sim: best, tick: bestTick, fuel: dev.lastFuel };
}

function idleDeviceBytes(limits: Partial<DeviceLimits>, n = quick ? 500 : 2000): { perDevice: number; heap: number; buffers: number; linear: number } {
  if (!gc) throw new Error('run with --expose-gc (bench/device/run.mjs does)');
  const mod = loadDeviceModule(loopBytes('heater-pid'), 'heater-pid');
  const hw = { sensors: HEATER_SPEC.sensors, actuators: HEATER_SPEC.actuators, readSensor: () => 20 };
  const make = () => {
    const d = new Device({ hardware: hw, limits, tier });
    d.setParam(0, 50);
    d.deploy(mod);
    d.tick(0);
    return d;
  };
  make(); // warm-up: shared caches, compiled metered code
  gc();
  gc();
  const m0 = process.memoryUsage();
  const keep: Device[] = [];
  for (let i = 0; i < n; i++) keep.push(make());
  gc();
  gc();
  const m1 = process.memoryUsage();
  const linear = keep[0]!.peaks().memoryBytes;
  const heap = (m1.heapUsed - m0.heapUsed) / n;
  const buffers = (m1.arrayBuffers - m0.arrayBuffers) / n;
  if (keep.length !== n) throw new Error('unreachable');
  return { perDevice: heap + buffers - linear, heap, buffers, linear };
}

const results = {
  node: process.version,
  tier,
  steps_per_s: {
    heater_pid: stepsPerSecond('heater', 'heater-pid', 50),
    motor_pi: stepsPerSecond('motor', 'motor-pi', 0.8),
    tank_level: stepsPerSecond('tank', 'tank-level', 1),
    thermostat: stepsPerSecond('heater', 'thermostat', 50),
  },
  idle_device_bytes: {
    default_limits: { stack_bytes: DEFAULT_DEVICE_LIMITS.maxStackBytes, ...idleDeviceBytes({}) },
    stack_4k: { stack_bytes: 4096, ...idleDeviceBytes({ maxStackBytes: 4096 }) },
    stack_8k: { stack_bytes: 8192, ...idleDeviceBytes({ maxStackBytes: 8192 }) },
  },
};

if (json) {
  process.stdout.write(JSON.stringify(results) + '\n');
} else {
  const k = (x: number) => Math.round(x).toLocaleString('en');
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`wasmlet device benchmark (virtual time, node ${process.version}, tier ${tier}${quick ? ', quick' : ''})\n`);
  out(`${'loop'.padEnd(14)} ${'sim steps/s'.padStart(12)} ${'step() only/s'.padStart(14)} ${'fuel/step'.padStart(10)}`);
  for (const [name, r] of Object.entries(results.steps_per_s)) out(`${name.padEnd(14)} ${k(r.sim).padStart(12)} ${k(r.tick).padStart(14)} ${String(r.fuel).padStart(10)}`);
  const pid = results.steps_per_s.heater_pid.sim;
  out(`\nPID target ≥ 100,000 steps/s: ${pid >= 100_000 ? 'met' : 'NOT met'} (${k(pid)})`);
  out(`\nmemory per idle device beyond linear memory (heap + ArrayBuffers − ${results.idle_device_bytes.default_limits.linear} B linear):`);
  for (const [name, r] of Object.entries(results.idle_device_bytes)) {
    out(`  ${name.padEnd(15)} stack ${String(r.stack_bytes).padStart(5)} B: ${k(r.perDevice).padStart(6)} B  (heap ${k(r.heap)} B, buffers ${k(r.buffers)} B)  target ≤ 16,384 B: ${r.perDevice <= 16384 ? 'met' : 'NOT met'}`);
  }
}
