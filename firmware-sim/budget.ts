/**
 * Memory-budget checks for device modules: run a module for N steps on a simulated plant with
 * generous limits, measure its peaks (linear memory, value stack, fuel per step, call depth, GC
 * heap) and
 * compare them with a budget. `wasmlet budget` prints the check; `assertDeviceWithinBudget` is the
 * same check for users' test suites (vitest or any runner): it throws a DeviceBudgetError whose
 * message lists every line, so a failing test says what exceeded and by how much.
 *
 *   import { assertDeviceWithinBudget } from 'wasmlet/firmware-sim';   // or a relative path
 *   it('fits the MCU', () => {
 *     assertDeviceWithinBudget(readFileSync('loop.wasm'), {
 *       plant: 'heater', steps: 2000, budget: { memoryBytes: 65536, stackBytes: 2048, fuelPerStep: 500 },
 *     });
 *   });
 *
 * A module that faults during the run fails the check too (the fault is part of the report).
 */
import { WasmletError } from '../core/index.js';
import { ArgumentError } from '../hosts/errors.js';
import type { Fault } from '../hosts/device/device.js';
import { loadDeviceModule, type DeviceModule } from '../hosts/device/module.js';
import { plantSpec, type PlantName } from './plants.js';
import type { SensorOptions } from './sim-device.js';
import { simulate } from './simulate.js';

export interface DeviceBudget {
  /** linear memory, bytes */
  readonly memoryBytes?: number;
  /** value stack, bytes */
  readonly stackBytes?: number;
  readonly fuelPerStep?: number;
  readonly callDepth?: number;
  /** GC heap peak, bytes (docs/engine.md "GC") */
  readonly gcHeapBytes?: number;
}

export interface DeviceBudgetOptions {
  readonly plant: PlantName;
  /** steps to run (default 1000) */
  readonly steps?: number;
  readonly budget: DeviceBudget;
  readonly params?: Readonly<Record<number, number>>;
  readonly periodS?: number;
  readonly seed?: number;
  readonly sensor?: SensorOptions;
  readonly moduleName?: string;
}

export interface DeviceBudgetLine {
  readonly what: 'memory' | 'value stack' | 'fuel per step' | 'call depth' | 'GC heap';
  readonly used: number;
  readonly limit: number | undefined;
  readonly ok: boolean;
}

export interface DeviceBudgetCheck {
  readonly ok: boolean;
  readonly module: string;
  readonly plant: PlantName;
  readonly steps: number;
  readonly lines: readonly DeviceBudgetLine[];
  readonly faults: readonly Fault[];
  /** one line per budget, then the faults, then the verdict */
  readonly report: string;
}

/** limits of the measuring run: large, so the peaks are measured rather than cut off */
export const MEASURE_LIMITS = Object.freeze({
  fuelPerStep: 10_000_000,
  initFuel: 100_000_000,
  deadlineMs: Infinity,
  maxMemoryBytes: Infinity,
  maxCallDepth: 4096,
  maxStackBytes: 1 << 20,
});

export function checkDeviceBudget(module: Uint8Array | DeviceModule, opts: DeviceBudgetOptions): DeviceBudgetCheck {
  const mod = module instanceof Uint8Array ? loadDeviceModule(module, opts.moduleName ?? '<module>') : module;
  const steps = opts.steps ?? 1000;
  if (!(Number.isInteger(steps) && steps > 0)) throw new ArgumentError(`steps must be a positive integer, got ${steps}`);
  const periodS = opts.periodS ?? plantSpec(opts.plant).defaults.periodS;
  const run = simulate({
    plant: opts.plant,
    module: mod,
    periodS,
    durationS: steps * periodS,
    params: opts.params,
    seed: opts.seed,
    sensor: opts.sensor,
    limits: MEASURE_LIMITS,
  });
  const b = opts.budget;
  const line = (what: DeviceBudgetLine['what'], used: number, limit: number | undefined): DeviceBudgetLine => ({ what, used, limit, ok: limit === undefined || used <= limit });
  const lines = [
    line('memory', run.peaks.memoryBytes, b.memoryBytes),
    line('value stack', run.peaks.valueStackBytes, b.stackBytes),
    line('fuel per step', run.peaks.fuelPerStep, b.fuelPerStep),
    line('call depth', run.peaks.callDepth, b.callDepth),
    line('GC heap', run.peaks.gcHeapBytes, b.gcHeapBytes),
  ];
  const ok = lines.every((l) => l.ok) && run.faults.length === 0;
  const unit = (w: DeviceBudgetLine['what']) => (w === 'memory' || w === 'value stack' || w === 'GC heap' ? ' bytes' : '');
  const text = [
    `${mod.name} on the ${opts.plant}, ${run.steps} steps:`,
    ...lines.map((l) => {
      const mark = l.limit === undefined ? '    ' : l.ok ? 'ok  ' : 'OVER';
      const limit = l.limit === undefined ? '' : ` / ${l.limit}${unit(l.what)}${l.ok ? '' : ` (over by ${l.used - l.limit}${unit(l.what)})`}`;
      return `  ${mark}  ${l.what.padEnd(14)} ${String(l.used).padStart(9)}${unit(l.what)}${limit}`;
    }),
    ...run.faults.map((f) => `  FAULT at step ${f.step} (${f.timeUs / 1e6} s): ${f.kind}: ${f.message}`),
    ok ? 'within budget' : `over budget${run.faults.length ? ' (the module faulted)' : ''}`,
  ].join('\n');
  return { ok, module: mod.name, plant: opts.plant, steps: run.steps, lines, faults: run.faults, report: text };
}

/** A device module exceeded its budget (or faulted) in `assertDeviceWithinBudget`. */
export class DeviceBudgetError extends WasmletError {
  static override readonly brand: string = 'DeviceBudgetError';
  readonly check: DeviceBudgetCheck;
  constructor(check: DeviceBudgetCheck) {
    super('WASMLET_DEVICE_BUDGET', check.report);
    this.name = 'DeviceBudgetError';
    this.check = check;
  }
}

/** Throw a DeviceBudgetError listing every budget line when one is exceeded; else return the check. */
export function assertDeviceWithinBudget(module: Uint8Array | DeviceModule, opts: DeviceBudgetOptions): DeviceBudgetCheck {
  const c = checkDeviceBudget(module, opts);
  if (!c.ok) throw new DeviceBudgetError(c);
  return c;
}
