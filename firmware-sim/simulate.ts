/**
 * One simulation from start to report: deploy a module on a simulated device, run it for a
 * duration in virtual time, analyse the trace. `wasmlet sim`, `wasmlet budget` and the tests all
 * go through `simulate`; `jsonReport` gives the snake_case report `wasmlet sim --json` prints.
 */
import type { DevicePeaks, Fault, LogEvent, TelemetryEvent } from '../hosts/device/device.js';
import { loadDeviceModule, type DeviceModule } from '../hosts/device/module.js';
import { analyze, type ControlQuality, type Distribution } from './analysis.js';
import { SimDevice, type SimDeviceOptions } from './sim-device.js';
import type { Trace } from './trace.js';

export interface SimulationOptions extends Omit<SimDeviceOptions, 'params' | 'trace'> {
  /** module bytes or a loaded module */
  readonly module: Uint8Array | DeviceModule;
  /** a name for the module in reports and errors (e.g. its file name) */
  readonly moduleName?: string;
  /** virtual seconds to simulate (default: the plant's) */
  readonly durationS?: number;
  /** operator parameters; param 0 (setpoint) defaults to the plant's setpoint */
  readonly params?: Readonly<Record<number, number>>;
  /** keep the last this many telemetry events (default 0) */
  readonly keepTelemetry?: number;
}

export interface SimulationResult {
  readonly plant: string;
  readonly module: string;
  /** `step` calls made */
  readonly steps: number;
  readonly durationS: number;
  readonly periodS: number;
  readonly seed: number;
  readonly params: Readonly<Record<number, number>>;
  readonly finalState: string;
  readonly faults: readonly Fault[];
  readonly control: ControlQuality;
  readonly peaks: DevicePeaks;
  /** sha256 of the deterministic trace columns */
  readonly digest: string;
  readonly trace: Trace;
  readonly logs: readonly LogEvent[];
  readonly telemetry: readonly TelemetryEvent[];
  readonly sim: SimDevice;
}

/** Run a simulation. Throws DeployError when the module cannot be deployed. */
export function simulate(opts: SimulationOptions): SimulationResult {
  const mod = opts.module instanceof Uint8Array ? loadDeviceModule(opts.module, opts.moduleName) : opts.module;
  const probe = new SimDevice({ ...opts, trace: false });
  const durationS = opts.durationS ?? probe.plant.spec.defaults.durationS;
  const periods = probe.periodsIn(durationS);
  const params: Record<number, number> = { 0: probe.plant.spec.defaults.setpoint, ...(opts.params ?? {}) };
  const sim = new SimDevice({ ...opts, params, trace: periods + 1 });
  const logs: LogEvent[] = [];
  sim.device.on('log', (e) => {
    logs.push(e);
    if (logs.length > 100) logs.shift();
  });
  const telemetry: TelemetryEvent[] = [];
  const keep = opts.keepTelemetry ?? 0;
  if (keep > 0) {
    sim.device.on('telemetry', (e) => {
      telemetry.push(e);
      if (telemetry.length > keep) telemetry.shift();
    });
  }
  sim.device.deploy(mod);
  sim.run(periods);
  const trace = sim.trace!;
  let steps = 0;
  for (let i = 0; i < trace.length; i++) steps += trace.ran[i]!;
  return {
    plant: sim.plant.spec.name,
    module: mod.name,
    steps,
    durationS: sim.nowUs / 1e6,
    periodS: sim.periodS,
    seed: opts.seed ?? 1,
    params,
    finalState: sim.device.state,
    faults: [...sim.device.faults],
    control: analyze(trace, sim.periodS),
    peaks: sim.device.peaks(),
    digest: trace.digest(),
    trace,
    logs,
    telemetry,
    sim,
  };
}

const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);
const orNull = (x: number | null, digits = 6) => (x === null ? null : round(x, digits));
const dist = (d: Distribution, digits = 6) => ({ mean: round(d.mean, digits), p50: round(d.p50, digits), p99: round(d.p99, digits), max: round(d.max, digits) });

/** The `wasmlet sim --json` report: snake_case, one object. */
export function jsonReport(r: SimulationResult): Record<string, unknown> {
  const c = r.control;
  return {
    plant: r.plant,
    module: r.module,
    steps: r.steps,
    duration_s: round(r.durationS),
    period_s: r.periodS,
    seed: r.seed,
    params: Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, v])),
    final_state: r.finalState === 'faulted' ? 'faulted' : 'running',
    faults: r.faults.map((f) => ({ step: f.step, time_s: round(f.timeUs / 1e6), kind: f.kind, message: f.message })),
    control: {
      rise_time_s: orNull(c.riseTimeS),
      overshoot_pct: orNull(c.overshootPct),
      settling_time_s: orNull(c.settlingTimeS),
      steady_state_error: orNull(c.steadyStateError),
      iae: round(c.iae),
      saturation_s: round(c.saturationS),
    },
    peak: {
      fuel_per_step: r.peaks.fuelPerStep,
      memory_bytes: r.peaks.memoryBytes,
      call_depth: r.peaks.callDepth,
      value_stack_bytes: r.peaks.valueStackBytes,
    },
    step_stats: {
      fuel: dist(c.fuelPerStep),
      time_us: dist(c.stepTimeUs, 4),
    },
    trace_sha256: r.digest,
  };
}
