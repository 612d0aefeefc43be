/**
 * The GC heap budget of a store (StoreLimits.maxGcHeapBytes): what every GC allocation is
 * charged, and how charged bytes are released. Kept apart from core/exec/gc.ts so the machine's
 * counters can hold it without an import cycle.
 */
import { TrapCode } from '../errors.js';
import { trap } from './trap.js';

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
  peak = 0;
  /** bytes ever allocated, objects ever allocated */
  allocatedBytes = 0;
  objects = 0;
  private readonly registry: FinalizationRegistry<number> | null;
  /** bytes reachable from the store's roots now (a trace), or null when the store cannot tell */
  trace: (() => number) | null = null;
  constructor(readonly limit: number) {
    this.registry = Number.isFinite(limit) && typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((b: number) => void (this.used -= b)) : null;
  }
  /** charge an allocation of `bytes`; traps when it does not fit */
  charge(bytes: number): void {
    let u = this.used + bytes;
    if (u > this.limit) {
      // the over-count may be garbage the JS GC has not reported yet: count what is reachable
      if (this.trace !== null) {
        this.used = this.trace();
        u = this.used + bytes;
      }
      if (u > this.limit) trap(TrapCode.GcHeapExhausted);
    }
    this.used = u;
    if (u > this.peak) this.peak = u;
    this.allocatedBytes += bytes;
    this.objects++;
  }
  /** the object charged last: released when collected */
  track(o: object, bytes: number): void {
    this.registry?.register(o, bytes);
  }
}

