/**
 * A Store owns the execution machines its instances run on, the limits they run under, the fuel
 * they consume and the budget report. Instances of one store call each other directly; the JS API
 * uses one default store.
 *
 * Calls come in four forms:
 * - `invoke` / `invokeRaw`: synchronous; running out of fuel is a Trap ('out of fuel');
 * - `call`: synchronous with options (raw values, a wall-clock timeout);
 * - `callResumable`: running out of fuel returns a resumable outcome instead of trapping;
 * - `invokeAsync`: host functions may return Promises; the call suspends and resumes around them,
 *   and can be cancelled by an AbortSignal or a timeout.
 * Suspendable calls run on machines of their own, so several may be suspended at once.
 */
import { Trap, TrapCode } from '../errors.js';
import { execute, resume, resumeThrow, suspendedBacktrace, writeHostResults } from '../exec/interpreter.js';
import { exnOf, type ExnInst } from '../exec/exceptions.js';
import { Machine, Status, StoreCounters } from '../exec/machine.js';
import { GcHeap } from '../exec/gc-heap.js';
import { traceBytes } from '../exec/gc.js';
import { CANCEL_SLICE_FUEL, DEFAULT_STORE_LIMITS, slotWidth, type StoreLimits } from '../limits.js';

export { DEFAULT_STORE_LIMITS, type StoreLimits };
import { typeName } from '../validate/function.js';
import { beginCall, endCall, readRaw, readResults, slotsOf, writeRaw } from './invoke.js';
import { FuncInst, funcOfExported, type Instance } from '../exec/objects.js';
import { tierCompiler, type Tier, type TierCompiler } from './tier.js';


/** Peaks and totals since the store was created or `resetStats` was called. */
export interface BudgetStats {
  /** deepest Wasm call nesting (activations) */
  readonly peakCallDepth: number;
  /** highest value-stack use, in bytes */
  readonly peakStackBytes: number;
  /** linear memory of this store's instances now, in bytes (memories never shrink) */
  readonly memoryBytes: number;
  /** fuel consumed by top-level calls (metering stores only) */
  readonly fuelConsumed: number;
  /** the most fuel one top-level call consumed */
  readonly peakFuelPerCall: number;
  /** number of top-level calls */
  readonly calls: number;
  /**
   * GC heap bytes reachable now, counted when read (a reachability count, docs/engine.md "GC");
   * 0 without a heap budget
   */
  readonly gcHeapBytes: number;
  /** the most GC heap bytes charged at once (garbage not yet counted out included: at most the budget) */
  readonly peakGcHeapBytes: number;
  /** GC objects allocated, and their bytes, by the formula (counted with or without a budget) */
  readonly gcObjects: number;
  readonly gcAllocatedBytes: number;
}

/** Store options besides the limits. */
export interface StoreOptions {
  /**
   * 'interpreter' (default); 'compiled': every function compiled to JS on its first call (needs
   * `wasmlet/compiled` loaded and code generation allowed, else a TierError); 'auto': interpreted
   * until hot, then compiled (interprets where the compiled tier is missing or cannot run).
   * Results, traps, backtraces and fuel are the same on every tier (docs/engine.md).
   */
  readonly tier?: Tier;
}

export interface CallOptions {
  /** exact values (see invokeRaw) instead of JS API values */
  readonly raw?: boolean;
  /** cancel after this many milliseconds of wall-clock time (needs metering) */
  readonly timeoutMs?: number;
  /** cancel when aborted, e.g. an AbortSignal (async calls; needs metering to interrupt pure computation) */
  readonly signal?: { readonly aborted: boolean };
}

export type Resumable =
  | { readonly state: 'done'; readonly results: unknown[] }
  | {
      readonly state: 'out_of_fuel';
      /** continue where execution stopped; add fuel first */
      resume(): Resumable;
      /** give up: releases the suspended call's machine */
      cancel(): void;
    };

const SLICE = CANCEL_SLICE_FUEL;
const UNLIMITED = Number.MAX_SAFE_INTEGER;

export class Store {
  readonly machine: Machine;
  readonly limits: StoreLimits;
  readonly counters = new StoreCounters();
  private readonly pool: Machine[] = [];
  private readonly memories: { byteLength: number }[] = [];
  private refsNeeded = false;
  private fuelConsumed = 0;
  private peakFuelPerCall = 0;
  private calls = 0;

  /** where this store's functions run (StoreOptions.tier) */
  readonly tier: Tier;
  private readonly compiler: TierCompiler | null;

  constructor(options: Partial<StoreLimits> & StoreOptions = {}) {
    const { tier = 'interpreter', ...limits } = options;
    this.tier = tier;
    this.compiler = tierCompiler(tier);
    this.limits = Object.freeze({ ...DEFAULT_STORE_LIMITS, ...limits });
    this.counters.gc = new GcHeap(this.limits.maxGcHeapBytes);
    this.machine = new Machine(this.limits, this.counters);
    this.machines.add(this.machine);
    // over budget, the heap first counts what is still reachable (docs/engine.md "GC")
    this.counters.gc.trace = () => traceBytes(this.gcRoots());
  }

  /** every machine that may hold references: the main one, pooled and suspended ones */
  private readonly machines = new Set<Machine>();
  /** the instances of this store, weakly (their globals, tables and segments are GC roots) */
  private readonly instances: WeakRef<Instance>[] = [];

  /** reference slots that keep GC objects alive: value stacks, globals, tables, segments, the host's */
  private *gcRoots(): Generator<ArrayLike<unknown>> {
    for (const m of this.machines) yield m.refs;
    for (const w of this.instances) {
      const inst = w.deref();
      if (inst === undefined) continue;
      yield inst.globals.map((g) => g.ref);
      for (const t of inst.tables) yield t.elements;
      for (const e of inst.elems) if (e !== null) yield e;
    }
    yield this.counters.gc.liveEscaped();
  }

  // ---- fuel -----------------------------------------------------------------------------------

  /** Set the remaining fuel (metering stores). */
  setFuel(n: number): void {
    if (!(n >= 0)) throw new RangeError('fuel must be a non-negative number');
    this.counters.fuel = Math.min(Math.floor(n), UNLIMITED);
    this.counters.reserve = 0;
  }
  addFuel(n: number): void {
    this.setFuel(this.getFuel() + n);
  }
  getFuel(): number {
    return this.counters.fuel + this.counters.reserve;
  }

  /** @internal a module or call uses reference values: give every machine its reference array */
  needRefs(): void {
    this.refsNeeded = true;
    this.machine.ensureRefs();
    for (const m of this.pool) m.ensureRefs();
  }

  // ---- budget report ----------------------------------------------------------------------------

  /** @internal called by instantiate once the instance's functions exist */
  attachTier(inst: Instance): void {
    if (this.compiler !== null) this.compiler.attach(inst, this.tier as 'compiled' | 'auto');
  }

  /** @internal called by instantiate */
  track(inst: Instance): void {
    if (typeof WeakRef === 'function') this.instances.push(new WeakRef(inst));
    for (const m of inst.memories) if (!this.memories.includes(m)) this.memories.push(m);
  }

  get stats(): BudgetStats {
    return {
      peakCallDepth: this.counters.peakDepth,
      peakStackBytes: this.counters.peakStackSlots * 8,
      memoryBytes: this.memories.reduce((a, m) => a + m.byteLength, 0),
      fuelConsumed: this.fuelConsumed,
      peakFuelPerCall: this.peakFuelPerCall,
      calls: this.calls,
      // what is reachable now: a trace (the charged account over-counts garbage until one)
      gcHeapBytes: this.counters.gc.limited ? this.counters.gc.measure() : 0,
      peakGcHeapBytes: this.counters.gc.limited ? this.counters.gc.peak : 0,
      gcObjects: this.counters.gc.objects,
      gcAllocatedBytes: this.counters.gc.allocatedBytes,
    };
  }

  resetStats(): void {
    this.counters.peakDepth = 0;
    this.counters.peakStackSlots = 0;
    this.counters.gc.peak = this.counters.gc.used;
    this.fuelConsumed = 0;
    this.peakFuelPerCall = 0;
    this.calls = 0;
  }

  /** @internal account one top-level call's fuel */
  account(fuelBefore: number): void {
    const used = fuelBefore - this.getFuel();
    this.fuelConsumed += used;
    if (used > this.peakFuelPerCall) this.peakFuelPerCall = used;
    this.calls++;
  }

  // ---- calls ------------------------------------------------------------------------------------

  /** Call `f` with JS values (JS API conversions); returns its results as an array. */
  invoke(f: FuncInst, ...args: unknown[]): unknown[] {
    return this.call(f, args);
  }

  /**
   * Call `f` with exact values: i32 number, i64 bigint, f32 as u32 bits (number), f64 as u64
   * bits (bigint), references as engine values. NaN payloads survive both ways.
   */
  invokeRaw(f: FuncInst, args: readonly unknown[]): unknown[] {
    return this.call(f, args, { raw: true });
  }

  /** Synchronous call with options. Out of fuel → Trap; a timeout → Trap 'cancelled'. */
  call(f: FuncInst, args: readonly unknown[], opts: CallOptions = {}): unknown[] {
    const m = this.machine;
    const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined;
    if (deadline !== undefined) this.requireMetering('timeoutMs');
    const call = beginCall(this, m, f, args, opts.raw ?? false);
    const slice = deadline !== undefined ? this.startSlicing() : undefined;
    try {
      let st = call.start();
      while (st === Status.OutOfFuel) {
        if (!slice || !this.refill()) throw new Trap(TrapCode.OutOfFuel, suspendedBacktrace(m));
        if (Date.now() > deadline!) throw new Trap(TrapCode.Cancelled, suspendedBacktrace(m), `deadline of ${opts.timeoutMs} ms exceeded`);
        st = resume(m);
      }
      return readResults(m, f, call.fp, opts.raw ?? false);
    } finally {
      if (slice) this.stopSlicing();
      endCall(this, m, call);
    }
  }

  /**
   * The allocation-free path for hosts that call small exported callbacks many times (proxy-wasm
   * callbacks, device steps): `f` takes only i32 parameters (given in `args`, which the call does
   * not keep) and returns nothing or one i32, which is returned (0 when there is none). Same
   * limits, fuel accounting and traps as `invokeRaw`; no timeout.
   */
  callI32(f: FuncInst, args: ArrayLike<number>): number {
    const t = f.type;
    if (!f.i32Only) {
      const text = `(${t.params.map(typeName).join(' ')}) -> (${t.results.map(typeName).join(' ')})`;
      throw new TypeError(`callI32 takes functions of type (i32*) -> (i32?), not ${text}`);
    }
    const fp = this.frameFor(f, args.length);
    const I32 = this.machine.i32;
    for (let i = 0; i < args.length; i++) I32[(fp + i) << 1] = args[i]!;
    this.runAt(f, fp);
    // the results stay in their slots after the call returns the stack
    return t.results.length > 0 ? I32[fp << 1]! : 0;
  }

  /**
   * `invokeRaw` without allocations of its own: exact (raw) argument values from `args`, results
   * written into `results` (its length set to the result count). For hosts that call one export
   * many times with any signature (a device's `step(i64)` every control period).
   */
  callRawInto(f: FuncInst, args: ArrayLike<unknown>, results: unknown[]): void {
    const t = f.type;
    const m = this.machine;
    const fp = this.frameFor(f, args.length);
    // values at the prefix sums of their widths (a v128 takes two slots)
    for (let i = 0, slot = fp; i < args.length; slot += slotWidth(t.params[i]!), i++) writeRaw(m, slot, t.params[i]!, args[i]);
    this.runAt(f, fp);
    const nr = t.results.length;
    results.length = nr;
    for (let i = 0, slot = fp; i < nr; slot += slotWidth(t.results[i]!), i++) results[i] = readRaw(m, slot, t.results[i]!);
  }

  /** Check an allocation-free call's argument count and stack room; returns its frame pointer. */
  private frameFor(f: FuncInst, nargs: number): number {
    const t = f.type;
    const np = t.params.length;
    if (nargs !== np) throw new TypeError(`expected ${np} arguments, got ${nargs}`);
    if (f.usesRefs) this.needRefs();
    const m = this.machine;
    const fp = m.sp;
    if (fp + Math.max(slotsOf(t.params), slotsOf(t.results), 1) > m.slots || m.depth >= m.maxDepth) throw new Trap(TrapCode.CallStackExhausted);
    return fp;
  }

  /** Run `f` with its arguments at `fp` on the store's machine; restore the stack and account fuel. */
  private runAt(f: FuncInst, fp: number): void {
    const m = this.machine;
    const saveDepth = m.depth;
    const top = saveDepth === 0;
    const fuelBefore = top ? this.getFuel() : 0;
    try {
      if (execute(m, f, fp) === Status.OutOfFuel) throw new Trap(TrapCode.OutOfFuel, suspendedBacktrace(m));
    } finally {
      m.sp = fp;
      m.depth = saveDepth;
      m.suspended = null;
      if (top) this.account(fuelBefore);
    }
  }

  /** Run `f`; when fuel runs out, return a resumable outcome instead of trapping. */
  callResumable(f: FuncInst, args: readonly unknown[], opts: { raw?: boolean } = {}): Resumable {
    const m = this.acquire();
    const call = beginCall(this, m, f, args, opts.raw ?? false);
    const step = (run: () => Status): Resumable => {
      let st: Status;
      try {
        st = run();
      } catch (e) {
        endCall(this, m, call);
        this.release(m);
        throw e;
      }
      if (st === Status.Done) {
        const results = readResults(m, f, call.fp, opts.raw ?? false);
        endCall(this, m, call);
        this.release(m);
        return { state: 'done', results };
      }
      return {
        state: 'out_of_fuel',
        resume: () => step(() => resume(m)),
        cancel: () => {
          endCall(this, m, call);
          this.release(m);
        },
      };
    };
    return step(() => call.start());
  }

  /**
   * Call `f` allowing host functions to return Promises: execution suspends at such a call and
   * resumes with its result. Cancellable with `signal` or `timeoutMs` (between fuel slices and at
   * host calls); cancellation ends with Trap 'cancelled'.
   */
  async invokeAsync(f: FuncInst, args: readonly unknown[], opts: CallOptions = {}): Promise<unknown[]> {
    const m = this.acquire();
    m.allowAsync = true;
    const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined;
    const cancellable = deadline !== undefined || opts.signal !== undefined;
    const check = () => {
      if (opts.signal?.aborted) throw new Trap(TrapCode.Cancelled, suspendedBacktrace(m), 'aborted');
      if (deadline !== undefined && Date.now() > deadline) throw new Trap(TrapCode.Cancelled, suspendedBacktrace(m), `deadline of ${opts.timeoutMs} ms exceeded`);
    };
    check();
    const call = beginCall(this, m, f, args, opts.raw ?? false);
    const sliced = cancellable && this.limits.metering;
    if (sliced) this.startSlicing();
    try {
      let st = call.start();
      for (;;) {
        if (st === Status.Done) return readResults(m, f, call.fp, opts.raw ?? false);
        if (st === Status.HostPending) {
          const p = m.suspended!.pending!;
          let value: unknown;
          let exn: ExnInst | undefined;
          try {
            value = await p.promise;
          } catch (e) {
            // a rejection with a Wasm exception is thrown into the guest at the suspended call
            exn = exnOf(e);
            if (exn === undefined) throw e;
          }
          check();
          if (exn !== undefined) st = resumeThrow(m, exn);
          else {
            writeHostResults(m, p.callee, p.fp, value);
            st = resume(m);
          }
          continue;
        }
        // out of fuel: only a slice ran out if fuel remains in reserve
        if (!sliced || !this.refill()) throw new Trap(TrapCode.OutOfFuel, suspendedBacktrace(m));
        await yieldToHost();
        check();
        st = resume(m);
      }
    } finally {
      if (sliced) this.stopSlicing();
      endCall(this, m, call);
      this.release(m);
    }
  }

  private requireMetering(what: string): void {
    if (!this.limits.metering) throw new TypeError(`${what} needs a store created with { metering: true }`);
  }

  /** hand fuel out in slices so long computations return control regularly */
  private startSlicing(): boolean {
    const c = this.counters;
    const total = c.fuel + c.reserve;
    c.fuel = Math.min(total, SLICE);
    c.reserve = total - c.fuel;
    return true;
  }
  private refill(): boolean {
    const c = this.counters;
    if (c.reserve <= 0) return false;
    const add = Math.min(c.reserve, SLICE);
    c.fuel += add;
    c.reserve -= add;
    return true;
  }
  private stopSlicing(): void {
    const c = this.counters;
    c.fuel += c.reserve;
    c.reserve = 0;
  }

  private acquire(): Machine {
    const m = this.pool.pop() ?? new Machine(this.limits, this.counters);
    if (this.refsNeeded) m.ensureRefs();
    this.machines.add(m);
    return m;
  }
  private release(m: Machine): void {
    m.depth = 0;
    m.sp = 0;
    m.suspended = null;
    m.allowAsync = false;
    if (this.pool.length < 8) this.pool.push(m);
    else this.machines.delete(m);
  }
}

/** Let timers and I/O run (so an abort can arrive); a microtask where the engine has no timers. */
function yieldToHost(): Promise<void> {
  const st = (globalThis as { setTimeout?: (f: () => void, ms: number) => unknown }).setTimeout;
  return new Promise<void>((r) => (st ? st(r, 0) : Promise.resolve().then(r)));
}

let defaultStore: Store | undefined;
let defaultTier: Tier = 'interpreter';
export function getDefaultStore(): Store {
  return (defaultStore ??= new Store({ tier: defaultTier }));
}

/**
 * @internal the tier of the default store (the drop-in `WebAssembly`): `wasmlet/compiled` sets
 * 'auto' when it loads. Once the default store exists its tier is fixed.
 */
export function setDefaultTier(tier: Tier): void {
  if (defaultStore !== undefined && defaultStore.tier !== tier) throw new TypeError(`the default store already runs on tier ${defaultStore.tier}`);
  defaultTier = tier;
}

/** Call with exact (raw) values; returns the results as raw values. */
export function invokeRaw(store: Store, f: FuncInst | Function, args: readonly unknown[]): unknown[] {
  return store.call(engineFunc(store, f), args, { raw: true });
}

/**
 * `f` as an engine function: a FuncInst, or a function exported through the drop-in
 * `WebAssembly` API, whose instance lives in the default store (so only that store can run it).
 */
function engineFunc(store: Store, f: FuncInst | Function): FuncInst {
  if (f instanceof FuncInst) return f;
  const fi = typeof f === 'function' ? funcOfExported.get(f) : undefined;
  if (fi === undefined) throw new TypeError('invokeRaw takes a FuncInst or a function exported by a WebAssembly.Instance');
  if (store !== getDefaultStore()) throw new TypeError('a function exported through the WebAssembly API runs in getDefaultStore(), not in another store');
  return fi;
}

/** Call with JS values (JS API coercions); returns the results as JS values. */
export function invokeJs(store: Store, f: FuncInst, args: readonly unknown[]): unknown[] {
  return store.call(f, args);
}
