/**
 * The GC heap budget of a store (StoreLimits.maxGcHeapBytes): what every GC allocation is
 * charged, and how charged bytes are released. Kept apart from core/exec/gc.ts so the machine's
 * counters can hold it without an import cycle.
 */
import { TrapCode } from '../errors.js';
import { trap } from './trap.js';
import { MAX_GC_OBJECT_BYTES } from '../limits.js';

const EPOCHS = 1 << 20;
/**
 * Objects this large or larger are registered for release by the FinalizationRegistry; smaller
 * ones (list nodes, tree nodes) only by the reachability count, since registering one costs
 * several times its allocation (BENCHMARKS.md "GC allocation")
 */
export const REGISTER_MIN_BYTES = 1024;

/**
 * A store's GC heap account. Each allocation is charged `bytes` (the documented formula) before
 * the object exists; over `limit` it traps (gc_heap_exhausted) instead of allocating. With a
 * finite limit, objects are registered with a FinalizationRegistry and their bytes are released
 * when the JS GC has collected them and run the callback, which happens asynchronously (never
 * during a synchronous call, only after control returns to the event loop): `used` over-counts
 * until then. Before trapping, `trace` (set by the store) may count what is still reachable from
 * the store's roots and replace the over-count (see Store).
 */
export class GcHeap {
  /** bytes charged and not yet released */
  used = 0;
  /** reachability counts so far, and the current one's number (mod EPOCHS) */
  traces = 0;
  private epoch = 0;
  /** `objects` at the last count */
  private countedAt = 0;
  peak = 0;
  /** bytes ever allocated, objects ever allocated */
  allocatedBytes = 0;
  objects = 0;
  private readonly registry: FinalizationRegistry<number> | null;
  /** bytes reachable from the store's roots now (a trace), or null when the store cannot tell */
  trace: (() => number) | null = null;
  constructor(readonly limit: number) {
    // the held value is bytes · 2^20 + epoch: a release from before the last trace is ignored
    // (the trace already left that object out, or counted it live: then it stays over-counted
    // until the next trace, which is the safe direction)
    this.registry =
      Number.isFinite(limit) && typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry((h: number) => {
            if (h % EPOCHS === this.epoch) this.used -= Math.floor(h / EPOCHS);
          })
        : null;
  }
  /** charge an allocation of `bytes`; traps when it does not fit */
  charge(bytes: number): void {
    if (bytes > MAX_GC_OBJECT_BYTES) trap(TrapCode.GcHeapExhausted);
    let u = this.used + bytes;
    if (u > this.limit) {
      // the over-count may be garbage the JS GC has not reported yet: count what is reachable
      if (this.trace !== null) u = this.measure(true) + bytes;
      if (u > this.limit) trap(TrapCode.GcHeapExhausted);
    }
    this.used = u;
    if (u > this.peak) this.peak = u;
    this.allocatedBytes += bytes;
    this.objects++;
  }
  /** the object charged last: released when collected */
  track(o: object, bytes: number): void {
    // small objects are left to the trace: registering one costs more than allocating it
    if (bytes >= REGISTER_MIN_BYTES) this.registry?.register(o, bytes * EPOCHS + this.epoch);
  }
  /** count what is reachable now (a trace), making `used` exact; `used` when there is no trace */
  measure(force = false): number {
    // nothing allocated since the last count: it still stands, unless forced (cheap for stores
    // without GC; an allocation over the budget always counts: references may have been dropped)
    if (this.registry !== null && this.trace !== null && (force || this.objects !== this.countedAt)) {
      this.countedAt = this.objects;
      this.used = this.trace();
      this.epoch = (this.epoch + 1) % EPOCHS;
      this.traces++;
    }
    return this.used;
  }
  /** whether allocations are accounted (a finite limit) */
  get limited(): boolean {
    return this.registry !== null;
  }
  /**
   * GC objects handed to the host (call results, host-function arguments): held weakly, they are
   * roots of `trace` while the JS GC keeps them (the host may still use them)
   */
  readonly escaped: WeakRef<object>[] = [];
  private readonly escapedSet = new WeakSet<object>();
  escape(o: object): void {
    if (this.registry === null || typeof WeakRef !== 'function' || this.escapedSet.has(o)) return;
    this.escapedSet.add(o);
    this.escaped.push(new WeakRef(o));
  }
  /** the escaped objects still alive (dead ones are dropped from the list) */
  liveEscaped(): object[] {
    const out: object[] = [];
    let n = 0;
    for (const w of this.escaped) {
      const o = w.deref();
      if (o === undefined) continue;
      out.push(o);
      this.escaped[n++] = w;
    }
    this.escaped.length = n;
    return out;
  }
}

