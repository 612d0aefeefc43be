/**
 * A device: one deployed module running on hardware (real or simulated) under per-step limits.
 *
 * The device owns the module's store and instance, the actuator outputs, the operator's
 * parameters and the fault record. `tick(nowUs)` runs one `step` when the device is running; a
 * trap, a non-zero `step`, an overrun (fuel), a missed wall-clock deadline, memory growth past the
 * budget or a NaN actuator write moves it to `faulted`: every actuator goes to its safe value, the
 * fault is recorded with step, time, kind and message, and nothing runs until `reset()` or
 * `deploy()`. Transports attach through the typed events (`state`, `fault`, `telemetry`, `log`,
 * `deploy`) and the `deploy(module)` entry point, which validates a module completely before it
 * replaces the running one.
 *
 * The ABI's host functions are shared by all devices (one set of function objects) and act on
 * the device whose call is in progress, so an idle device costs little more than its store.
 */
import { EventEmitter } from 'node:events';
import { Linker, MemoryInst, Store, Trap, WasmletError, type FuncInst, type Instance, type Tier } from '../../core/index.js';
import {
  ABI_MODULE,
  ACTUATOR_APPLIED,
  ACTUATOR_CLAMPED,
  ACTUATOR_INVALID_VALUE,
  ACTUATOR_UNKNOWN_CHANNEL,
  LOG_LEVEL_NAMES,
  MAX_KEY_BYTES,
  MAX_LOG_BYTES,
} from './abi.js';
import { resolveLimits, type DeviceLimits } from './limits.js';
import { budgetProblem, loadDeviceModule, type DeviceModule } from './module.js';

// ---- hardware description --------------------------------------------------------------------

export interface SensorSpec {
  readonly name: string;
  readonly unit: string;
}

export interface ActuatorSpec {
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** the value applied while the device is faulted, stopped or empty */
  readonly safe: number;
}

/** What the device runs on: its channels and how to read a sensor now. */
export interface DeviceHardware {
  readonly sensors: readonly SensorSpec[];
  readonly actuators: readonly ActuatorSpec[];
  /** the latest reading of `channel` (a valid index); NaN when the sensor failed */
  readSensor(channel: number): number;
}

// ---- state, faults, events ---------------------------------------------------------------------

/** empty: no module; running: steps run; stopped: by the operator; faulted: by a fault */
export type DeviceState = 'empty' | 'running' | 'stopped' | 'faulted';

export type FaultKind =
  | 'step_error'
  | 'init_error'
  | 'deadline_missed'
  | 'memory_budget'
  | 'invalid_actuator_value'
  | 'host_error'
  /** a trap: its kind, e.g. 'unreachable', 'out_of_fuel' (overrun), 'call_stack_exhausted' */
  | (string & {});

export interface Fault {
  /** index of the step that faulted (0-based); -1 for a fault in init */
  readonly step: number;
  /** device time of that step, in microseconds */
  readonly timeUs: number;
  readonly kind: FaultKind;
  readonly message: string;
}

export interface TelemetryEvent {
  readonly key: string;
  readonly value: number;
  readonly timeUs: number;
}

export interface LogEvent {
  readonly level: number;
  readonly levelName: string;
  readonly message: string;
  readonly timeUs: number;
}

export interface DeviceEvents {
  state: [state: DeviceState, previous: DeviceState];
  fault: [fault: Fault];
  telemetry: [event: TelemetryEvent];
  log: [event: LogEvent];
  deploy: [module: DeviceModule];
}

/** deploy() refused a module; the running module (if any) keeps running. */
export class DeployError extends WasmletError {
  static override readonly brand: string = 'DeployError';
  /** why the module was refused, when another error said so (a CompileError, DeviceAbiError…) */
  override readonly cause: unknown;
  constructor(message: string, cause?: unknown) {
    super('WASMLET_DEPLOY', message);
    this.name = 'DeployError';
    this.cause = cause;
  }
}

/** Peak resource use since the device was created (or `resetPeaks`), across redeploys. */
export interface DevicePeaks {
  readonly fuelPerStep: number;
  readonly stepTimeUs: number;
  readonly memoryBytes: number;
  readonly callDepth: number;
  readonly valueStackBytes: number;
  /** GC heap (structs and arrays) at its peak, in bytes by the heap formula (docs/engine.md "GC") */
  readonly gcHeapBytes: number;
}

export interface DeviceOptions {
  readonly id?: string;
  readonly hardware: DeviceHardware;
  readonly limits?: Partial<DeviceLimits>;
  /** where the module's functions run (default 'interpreter'; 'compiled' and 'auto' need the compiled tier loaded: `wasmlet/compiled`) */
  readonly tier?: Tier;
}

// ---- the shared host functions -----------------------------------------------------------------

/** the device whose Wasm call is in progress (calls are synchronous, never nested across devices) */
let active: Device | null = null;

const linker = new Linker()
  .func(ABI_MODULE, 'now_us', { params: [], results: ['i64'] }, () => active!.nowBig)
  .func(ABI_MODULE, 'sensor_read', { params: ['i32'], results: ['f64'] }, (ch: number) => active!.hostSensorRead(ch))
  .func(ABI_MODULE, 'actuator_write', { params: ['i32', 'f64'], results: ['i32'] }, (ch: number, v: number) => active!.hostActuatorWrite(ch, v))
  .func(ABI_MODULE, 'param_get', { params: ['i32'], results: ['f64'] }, (id: number) => active!.params.get(id) ?? 0)
  .func(ABI_MODULE, 'telemetry', { params: ['i32', 'i32', 'f64'], results: [] }, (p: number, n: number, v: number) => active!.hostTelemetry(p, n, v))
  .func(ABI_MODULE, 'log', { params: ['i32', 'i32', 'i32'], results: [] }, (lvl: number, p: number, n: number) => active!.hostLog(lvl, p, n));

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Telemetry keys seen recently, shared by all devices (keys are usually constants in the module's
 * data, identical across devices): FNV-1a hash of the bytes → bytes and decoded key.
 */
const keyCache = new Map<number, { readonly bytes: Uint8Array; readonly key: string }>();

function decodeKey(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  const hit = keyCache.get(h);
  if (hit && hit.bytes.length === bytes.length) {
    const b = hit.bytes;
    let i = 0;
    while (i < b.length && b[i] === bytes[i]) i++;
    if (i === b.length) return hit.key;
  }
  const key = utf8.decode(bytes);
  if (keyCache.size >= 1024) keyCache.clear();
  keyCache.set(h, { bytes: bytes.slice(), key });
  return key;
}
const growProto = MemoryInst.prototype.grow;

/** Last few step times and fuel, for transports' metrics (p50/p99 over a short window). */
export const METRICS_WINDOW = 32;

// ---- the device ---------------------------------------------------------------------------------

export class Device extends EventEmitter<DeviceEvents> {
  readonly id: string;
  readonly hardware: DeviceHardware;
  readonly limits: DeviceLimits;
  /** the tier every store of this device runs on (DeviceOptions.tier) */
  readonly tier: Tier;
  /** actuator outputs now (safe values unless running) */
  readonly actuators: Float64Array;
  /** whether the last write to each actuator was clamped */
  readonly clamped: Uint8Array;
  /** operator parameters (id 0: setpoint by convention) */
  readonly params = new Map<number, number>();
  /** latest value of each telemetry key */
  readonly telemetry = new Map<string, number>();
  /** every fault since creation, oldest first (the last 32 are kept) */
  readonly faults: Fault[] = [];
  /** number of `step` calls made since the last deploy/reset */
  steps = 0;
  /** fuel used by the last step */
  lastFuel = 0;
  /** wall-clock time of the last step, microseconds */
  lastStepUs = 0;
  /** ring of the last METRICS_WINDOW steps: [2k] step time µs, [2k+1] fuel (index: step % window) */
  readonly recent = new Float32Array(2 * METRICS_WINDOW);

  private _state: DeviceState = 'empty';
  private _module: DeviceModule | null = null;
  private store: Store | null = null;
  private instance: Instance | null = null;
  private memory: MemoryInst | null = null;
  private stepFn: FuncInst | null = null;
  private readonly stepArgs: [bigint] = [0n];
  private readonly stepResults: unknown[] = [];
  /** current device time, µs, as the step sees it */
  private nowUs = 0;
  /** now_us() result for the current step */
  nowBig = 0n;
  /** a fault raised by a host function during the current call, reported when it returns */
  private pending: { kind: FaultKind; message: string } | null = null;
  private peakFuel = 0;
  private peakStepUs = 0;
  private peakMemory = 0;
  private peakDepth = 0;
  private peakStack = 0;
  private peakGcHeap = 0;

  constructor(opts: DeviceOptions) {
    super();
    this.id = opts.id ?? 'device';
    this.hardware = opts.hardware;
    this.limits = resolveLimits(opts.limits);
    this.tier = opts.tier ?? 'interpreter';
    this.actuators = new Float64Array(opts.hardware.actuators.length);
    this.clamped = new Uint8Array(opts.hardware.actuators.length);
    this.applySafe();
  }

  get state(): DeviceState {
    return this._state;
  }

  /** the deployed module, or null */
  get module(): DeviceModule | null {
    return this._module;
  }

  get lastFault(): Fault | undefined {
    return this.faults[this.faults.length - 1];
  }

  /**
   * Deploy a module (bytes or an already loaded DeviceModule): compile and ABI-check it, check it
   * fits the budgets, instantiate it in a fresh store and call `init`. A module that cannot be
   * loaded or instantiated throws DeployError and the running module keeps running; one whose
   * `init` fails is installed but leaves the device `faulted` (recorded as 'init_error' or the
   * trap's kind). Returns the new state.
   */
  deploy(module: Uint8Array | DeviceModule, name?: string): DeviceState {
    let mod: DeviceModule;
    try {
      mod = module instanceof Uint8Array ? loadDeviceModule(module, name) : module;
    } catch (e) {
      throw new DeployError(e instanceof Error ? e.message : String(e), e);
    }
    const problem = budgetProblem(mod, this.limits);
    if (problem) throw new DeployError(problem);
    try {
      this.instantiate(mod); // replaces the running instance only once the new one exists
    } catch (e) {
      throw new DeployError(e instanceof Error ? e.message.split('\n')[0]! : String(e), e);
    }
    this._module = mod;
    this.emit('deploy', mod);
    return this.runInit();
  }

  /** Re-instantiate the deployed module and call `init` again; clears a fault. */
  reset(): DeviceState {
    const mod = this._module;
    if (!mod) return this._state;
    try {
      this.instantiate(mod);
    } catch (e) {
      this.fault(-1, 'host_error', e instanceof Error ? e.message.split('\n')[0]! : String(e));
      return this._state;
    }
    return this.runInit();
  }

  /** Stop stepping (actuators to safe values); `start` continues without re-initialising. */
  stop(): void {
    if (this._state !== 'running') return;
    this.applySafe();
    this.setState('stopped');
  }

  start(): void {
    if (this._state === 'stopped') this.setState('running');
  }

  setParam(id: number, value: number): void {
    this.params.set(id | 0, value);
  }

  /**
   * Run one `step` at device time `nowUs` (microseconds) if the device is running. Returns the
   * step's result (0 ok), or -1 when nothing ran or the step faulted.
   */
  tick(nowUs: number): number {
    if (this._state !== 'running') return -1;
    const store = this.store!;
    const index = this.steps++;
    this.nowUs = nowUs;
    this.nowBig = BigInt(nowUs);
    this.stepArgs[0] = this.nowBig;
    const budget = this.limits.fuelPerStep;
    store.setFuel(budget);
    // an event listener may step another device from inside a host call: restore, don't clear
    const outer = active;
    active = this;
    let result: number;
    const t0 = performance.now();
    try {
      // allocation-free: a fleet steps thousands of devices per second
      store.callRawInto(this.stepFn!, this.stepArgs, this.stepResults);
      result = this.stepResults[0] as number;
    } catch (e) {
      active = outer;
      this.recordStep(index, performance.now() - t0, budget - store.getFuel());
      this.faultFrom(index, e);
      return -1;
    }
    active = outer;
    const ms = performance.now() - t0;
    this.recordStep(index, ms, budget - store.getFuel());
    const pending = this.takePending();
    if (pending) {
      this.fault(index, pending.kind, pending.message);
      return -1;
    }
    if (result !== 0) {
      this.fault(index, 'step_error', `step returned ${result}`);
      return -1;
    }
    if (ms > this.limits.deadlineMs) {
      this.fault(index, 'deadline_missed', `step took ${ms.toFixed(3)} ms; the deadline is ${this.limits.deadlineMs} ms`);
      return -1;
    }
    return 0;
  }

  /** Peak resource use since creation or `resetPeaks`, across redeploys and resets. */
  peaks(): DevicePeaks {
    this.foldStorePeaks();
    return {
      fuelPerStep: this.peakFuel,
      stepTimeUs: this.peakStepUs,
      memoryBytes: this.peakMemory,
      callDepth: this.peakDepth,
      valueStackBytes: this.peakStack,
      gcHeapBytes: this.peakGcHeap,
    };
  }

  resetPeaks(): void {
    this.peakFuel = this.peakStepUs = this.peakMemory = this.peakDepth = this.peakStack = this.peakGcHeap = 0;
    this.store?.resetStats();
  }

  // ---- host functions (called with `active === this`) -----------------------------------------

  /** @internal */
  hostSensorRead(ch: number): number {
    return ch >= 0 && ch < this.hardware.sensors.length ? this.hardware.readSensor(ch) : NaN;
  }

  /** @internal */
  hostActuatorWrite(ch: number, v: number): number {
    const specs = this.hardware.actuators;
    if (ch < 0 || ch >= specs.length) return ACTUATOR_UNKNOWN_CHANNEL;
    const s = specs[ch]!;
    if (v !== v) {
      this.actuators[ch] = s.safe;
      this.pending ??= { kind: 'invalid_actuator_value', message: `actuator ${ch} (${s.name}) written with NaN` };
      return ACTUATOR_INVALID_VALUE;
    }
    if (v < s.min || v > s.max) {
      this.actuators[ch] = v < s.min ? s.min : s.max;
      this.clamped[ch] = 1;
      return ACTUATOR_CLAMPED;
    }
    this.actuators[ch] = v;
    this.clamped[ch] = 0;
    return ACTUATOR_APPLIED;
  }

  /** @internal */
  hostTelemetry(ptr: number, len: number, value: number): void {
    const key = this.readKey(ptr, len);
    if (key === undefined) return;
    this.telemetry.set(key, value);
    if (this.listenerCount('telemetry') > 0) this.emit('telemetry', { key, value, timeUs: this.nowUs });
  }

  /** @internal */
  hostLog(level: number, ptr: number, len: number): void {
    const bytes = this.guestBytes(ptr, Math.min(len, MAX_LOG_BYTES), len);
    if (!bytes) return;
    const lvl = level < 0 ? 0 : level > 4 ? 4 : level;
    this.emit('log', { level: lvl, levelName: LOG_LEVEL_NAMES[lvl]!, message: utf8.decode(bytes), timeUs: this.nowUs });
  }

  // ---- internals ------------------------------------------------------------------------------

  /** guest bytes [ptr, ptr+n), or undefined (with a warning) when [ptr, ptr+len) is out of bounds */
  private guestBytes(ptr: number, n: number, len: number): Uint8Array | undefined {
    const mem = this.memory;
    const p = ptr >>> 0;
    if (!mem || len < 0 || p + len > mem.byteLength) {
      if (this.listenerCount('log') > 0) {
        this.emit('log', { level: 3, levelName: 'warn', message: `host: string at ${p}+${len} is outside linear memory; ignored`, timeUs: this.nowUs });
      }
      return undefined;
    }
    return mem.u8.subarray(p, p + n);
  }

  /** decode a telemetry key, without allocating when a module passes the same key again */
  private readKey(ptr: number, len: number): string | undefined {
    const bytes = this.guestBytes(ptr, Math.min(len, MAX_KEY_BYTES), len);
    return bytes ? decodeKey(bytes) : undefined;
  }

  private instantiate(mod: DeviceModule): void {
    this.foldStorePeaks();
    const l = this.limits;
    const store = new Store({
      maxCallDepth: l.maxCallDepth,
      maxStackBytes: l.maxStackBytes,
      maxMemoryBytes: l.maxMemoryBytes,
      maxInstanceMemoryBytes: l.maxMemoryBytes,
      maxTableElements: l.maxTableElements,
      metering: true,
      tier: this.tier,
    });
    store.setFuel(l.initFuel);
    const prevActive = active;
    active = this;
    this.pending = null;
    this.nowBig = BigInt(this.nowUs);
    let inst: Instance;
    try {
      inst = linker.instantiate(store, mod.compiled);
    } finally {
      active = prevActive;
    }
    const memExport = inst.exports.get('memory');
    const memory = memExport?.kind === 'memory' ? memExport.value : null;
    for (const m of inst.memories) this.watchGrowth(m, inst.memories);
    this.store = store;
    this.instance = inst;
    this.memory = memory;
    this.stepFn = inst.func('step');
    this.telemetry.clear();
    this.steps = 0;
  }

  /** memory.grow refused by the budget is a fault (the engine itself just returns -1) */
  private watchGrowth(m: MemoryInst, all: readonly MemoryInst[]): void {
    const self = this;
    const budget = this.limits.maxMemoryBytes;
    m.grow = function (this: MemoryInst, delta: number): number {
      const r = growProto.call(this, delta);
      // the budget is for all of the module's memories together
      const wanted = all.reduce((a, x) => a + x.byteLength, 0) + delta * this.pageSize;
      if (r === -1 && wanted > budget) {
        self.pending ??= {
          kind: 'memory_budget',
          message: `memory.grow by ${delta} page(s) refused: ${wanted} bytes exceeds the memory budget of ${budget} bytes`,
        };
      }
      return r;
    };
  }

  private runInit(): DeviceState {
    const store = this.store!;
    const inst = this.instance!;
    this.applySafe();
    this.pending = null;
    const outer = active;
    active = this;
    let r: number;
    try {
      r = store.call(inst.func('init'), [])[0] as number;
    } catch (e) {
      active = outer;
      this.faultFrom(-1, e);
      return this._state;
    }
    active = outer;
    const pending = this.takePending();
    if (pending) {
      this.fault(-1, pending.kind, pending.message);
      return this._state;
    }
    if (r !== 0) {
      this.fault(-1, 'init_error', `init returned ${r}`);
      return this._state;
    }
    this.setState('running');
    return this._state;
  }

  /** a fault a host function raised during the call that just returned (the flag is cleared) */
  private takePending(): { kind: FaultKind; message: string } | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  private recordStep(index: number, ms: number, fuel: number): void {
    const us = ms * 1000;
    this.lastStepUs = us;
    this.lastFuel = fuel;
    const slot = (index % METRICS_WINDOW) << 1;
    this.recent[slot] = us;
    this.recent[slot + 1] = fuel;
    if (fuel > this.peakFuel) this.peakFuel = fuel;
    if (us > this.peakStepUs) this.peakStepUs = us;
  }

  private faultFrom(step: number, e: unknown): void {
    this.pending = null;
    if (e instanceof Trap) {
      const detail = e.kind === 'out_of_fuel' ? ` (overrun: more than ${step < 0 ? this.limits.initFuel : this.limits.fuelPerStep} fuel)` : '';
      const top = e.backtrace[0];
      const where = top ? ` in ${top.funcName ?? `func[${top.funcIndex}]`} @ 0x${top.offset.toString(16)}` : '';
      this.fault(step, e.kind, `${e.message.split('\n')[0]}${detail}${where}`);
    } else {
      this.fault(step, 'host_error', e instanceof Error ? e.message.split('\n')[0]! : String(e));
    }
  }

  private fault(step: number, kind: FaultKind, message: string): void {
    this.pending = null;
    this.applySafe();
    const f: Fault = { step, timeUs: this.nowUs, kind, message };
    this.faults.push(f);
    if (this.faults.length > 32) this.faults.shift();
    this.setState('faulted');
    this.emit('fault', f);
  }

  private applySafe(): void {
    const specs = this.hardware.actuators;
    for (let i = 0; i < specs.length; i++) {
      this.actuators[i] = specs[i]!.safe;
      this.clamped[i] = 0;
    }
  }

  private setState(s: DeviceState): void {
    const prev = this._state;
    this._state = s;
    if (prev !== s) this.emit('state', s, prev);
  }

  private foldStorePeaks(): void {
    const s = this.store;
    if (!s) return;
    const st = s.stats;
    if (st.memoryBytes > this.peakMemory) this.peakMemory = st.memoryBytes;
    if (st.peakCallDepth > this.peakDepth) this.peakDepth = st.peakCallDepth;
    if (st.peakStackBytes > this.peakStack) this.peakStack = st.peakStackBytes;
    if (st.peakGcHeapBytes > this.peakGcHeap) this.peakGcHeap = st.peakGcHeapBytes;
  }
}
