/**
 * A simulated device: a Device (hosts/device) wired to a plant model through a sensor model
 * (seeded noise, delay, failure) and a disturbance schedule, stepped in virtual time at a fixed
 * period. One `advance()` is one control period:
 *
 *   sample sensors at t → device.tick(t) → hold actuators (or safe values) → integrate the plant
 *   over [t, t + period] → record a trace row → t += period
 *
 * Nothing here reads the wall clock except the device's own step-time measurement, so the same
 * seed and inputs give bit-identical traces. Transports attach to `sim.device` (its events and
 * `deploy`), exactly as they would to a device on real hardware.
 */
import { Device, type DeviceHardware } from '../hosts/device/device.js';
import type { DeviceLimits } from '../hosts/device/limits.js';
import type { Tier } from '../core/index.js';
import { ArgumentError } from '../hosts/errors.js';
import { createPlant, type Plant, type PlantName } from './plants.js';
import { Rng } from './rng.js';
import { Trace } from './trace.js';

export interface SensorOptions {
  /** Gaussian noise, standard deviation in the sensor's unit (default: the plant's) */
  readonly noise?: number;
  /** transport delay, seconds (rounded to whole periods) */
  readonly delayS?: number;
  /** constant offset added to the reading */
  readonly bias?: number;
  /** from this virtual time on the sensor has failed and reads NaN */
  readonly failAtS?: number;
}

/** From `atS` on, the plant's disturbance input is `value` (see PlantSpec.disturbance). */
export interface Disturbance {
  readonly atS: number;
  readonly value: number;
}

/** A parameter change by the operator at virtual time `atS`. */
export interface ParamChange {
  readonly atS: number;
  readonly id: number;
  readonly value: number;
}

export interface SimDeviceOptions {
  readonly plant: PlantName | Plant;
  /** overrides of the plant's physical parameters (see plants.ts) */
  readonly plantParams?: Record<string, number>;
  readonly id?: string;
  /** control period, s (default: the plant's) */
  readonly periodS?: number;
  readonly seed?: number;
  readonly sensor?: SensorOptions;
  readonly disturbances?: readonly Disturbance[];
  /** operator parameters at the start (id → value; id 0 is the setpoint) */
  readonly params?: Readonly<Record<number, number>>;
  /** parameter changes during the run */
  readonly paramChanges?: readonly ParamChange[];
  /**
   * device limits; unlike a device on real hardware, a simulated one has no wall-clock deadline
   * unless `deadlineMs` is given here: virtual time must not depend on how busy the host is (the
   * fuel budget bounds every step deterministically)
   */
  readonly limits?: Partial<DeviceLimits>;
  /** where the module runs (Device's `tier`; default 'interpreter') */
  readonly tier?: Tier;
  /** record a trace (default true); give an expected step count to preallocate it */
  readonly trace?: boolean | number;
}

export class SimDevice {
  readonly device: Device;
  readonly plant: Plant;
  readonly periodUs: number;
  readonly trace: Trace | null;
  /** virtual time now, µs */
  nowUs = 0;
  /** periods simulated */
  periods = 0;
  /** the latest sensor readings, as the module sees them */
  readonly readings: Float64Array;

  private readonly rng: Rng;
  private readonly noise: number;
  private readonly bias: number;
  private readonly failAtUs: number;
  private readonly delay: number;
  /** ring of past true values for the delayed sensor (sensor 0) */
  private readonly history: Float64Array;
  private readonly disturbances: readonly Disturbance[];
  private readonly paramChanges: readonly ParamChange[];
  private nextParam = 0;

  constructor(opts: SimDeviceOptions) {
    this.plant = typeof opts.plant === 'string' ? createPlant(opts.plant, opts.plantParams) : opts.plant;
    const spec = this.plant.spec;
    const periodS = opts.periodS ?? spec.defaults.periodS;
    if (!(periodS > 0)) throw new ArgumentError(`period must be positive, got ${periodS}`);
    this.periodUs = Math.max(1, Math.round(periodS * 1e6));
    this.rng = new Rng(opts.seed ?? 1);
    const s = opts.sensor ?? {};
    this.noise = s.noise ?? spec.defaults.noise;
    this.bias = s.bias ?? 0;
    this.failAtUs = s.failAtS === undefined ? Infinity : Math.round(s.failAtS * 1e6);
    this.delay = Math.max(0, Math.round(((s.delayS ?? 0) * 1e6) / this.periodUs));
    this.history = new Float64Array(this.delay + 1).fill(this.plant.output(0));
    this.disturbances = [...(opts.disturbances ?? [])].sort((a, b) => a.atS - b.atS);
    this.paramChanges = [...(opts.paramChanges ?? [])].sort((a, b) => a.atS - b.atS);
    this.readings = new Float64Array(spec.sensors.length);
    const readings = this.readings;
    const hardware: DeviceHardware = {
      sensors: spec.sensors,
      actuators: spec.actuators,
      readSensor: (ch) => readings[ch]!,
    };
    this.device = new Device({ id: opts.id ?? spec.name, hardware, limits: { deadlineMs: Infinity, ...opts.limits }, ...(opts.tier ? { tier: opts.tier } : {}) });
    for (const [id, v] of Object.entries(opts.params ?? {})) this.device.setParam(Number(id), v);
    this.trace = opts.trace === false ? null : new Trace(typeof opts.trace === 'number' ? opts.trace : 1024);
  }

  get periodS(): number {
    return this.periodUs / 1e6;
  }

  get timeS(): number {
    return this.nowUs / 1e6;
  }

  /** Simulate one control period. */
  advance(): void {
    const t = this.nowUs;
    const dev = this.device;
    const plant = this.plant;
    while (this.nextParam < this.paramChanges.length && this.paramChanges[this.nextParam]!.atS * 1e6 <= t) {
      const c = this.paramChanges[this.nextParam++]!;
      dev.setParam(c.id, c.value);
    }
    // sample: true value → delay line → noise and bias → failure
    const pv = plant.output(0);
    const hist = this.history;
    // ring of delay+1 values: write now, read the one written `delay` periods ago
    const k = this.periods % hist.length;
    hist[k] = pv;
    const delayed = this.delay === 0 ? pv : hist[(k + 1) % hist.length]!;
    let reading = delayed + this.bias + (this.noise > 0 ? this.noise * this.rng.gaussian() : 0);
    if (t >= this.failAtUs) reading = NaN;
    this.readings[0] = reading;
    for (let ch = 1; ch < this.readings.length; ch++) this.readings[ch] = plant.output(ch);

    const ran = dev.state === 'running';
    dev.tick(t);
    const u = dev.actuators;
    const a0 = dev.hardware.actuators[0]!;
    const running = ran && dev.state === 'running';
    const saturated = running && (u[0]! <= a0.min || u[0]! >= a0.max);

    let d = 0;
    for (let i = 0; i < this.disturbances.length && this.disturbances[i]!.atS * 1e6 <= t; i++) d = this.disturbances[i]!.value;
    plant.advance(this.periodUs / 1e6, u, d);

    this.trace?.record(t / 1e6, dev.params.get(0) ?? 0, pv, reading, u[0]!, saturated, ran, ran ? dev.lastFuel : 0, ran ? dev.lastStepUs : 0);
    this.periods++;
    this.nowUs = t + this.periodUs;
  }

  /** Simulate `n` periods. */
  run(n: number): void {
    for (let i = 0; i < n; i++) this.advance();
  }

  /** Simulate until virtual time reaches `durationS` seconds (whole periods). */
  runFor(durationS: number): void {
    this.run(this.periodsIn(durationS));
  }

  periodsIn(durationS: number): number {
    return Math.max(0, Math.round((durationS * 1e6) / this.periodUs));
  }
}
