/**
 * Execution state shared by every call in one store: the value stack (one ArrayBuffer with
 * 32- and 64-bit views over 8-byte slots, plus a parallel array for references) and the call
 * stack (return pc, frame pointer and function per frame). Preallocated once, so call depth and
 * stack size are limits we enforce, and execution state is plain data that can be suspended.
 */
import { DEFAULT_STORE_LIMITS, SLOT_BYTES, type MachineLimits } from '../limits.js';
import type { FuncInst } from './objects.js';
import { GcHeap } from './gc-heap.js';


/** Counters shared by every machine of one store: fuel and the peaks of the budget report. */
export class StoreCounters {
  /** remaining fuel (metered code only); effectively unlimited by default */
  fuel = Number.MAX_SAFE_INTEGER;
  /** fuel held back by a sliced (cancellable) call, still owned by the user */
  reserve = 0;
  peakDepth = 0;
  peakStackSlots = 0;
  /** the GC heap account (the store replaces it with one holding its maxGcHeapBytes) */
  gc = new GcHeap(Infinity);
}

/** Why execute/resume returned. */
export enum Status {
  Done = 0,
  OutOfFuel = 1,
  HostPending = 2,
}

/** Execution state saved when a call suspends (out of fuel or an async host call). */
export interface Suspension {
  readonly fn: FuncInst;
  readonly pc: number;
  readonly fp: number;
  readonly depth: number;
  readonly entryDepth: number;
  /** for HostPending: the promise, the host function and where its results go */
  readonly pending?: { readonly promise: PromiseLike<unknown>; readonly callee: FuncInst; readonly fp: number };
}

const NO_REFS: unknown[] = [];

export class Machine {
  readonly slots: number;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly u64: BigUint64Array;
  /** narrower lane views of the same buffer, for SIMD (core/exec/simd.ts) */
  readonly i8: Int8Array;
  readonly u8: Uint8Array;
  readonly i16: Int16Array;
  readonly u16: Uint16Array;
  readonly u32: Uint32Array;
  /**
   * reference values (funcref/externref) by absolute slot; allocated by `ensureRefs` only for
   * stores that run modules using reference types (8 bytes per slot otherwise wasted)
   */
  refs: unknown[] = NO_REFS;
  readonly framePc: Int32Array;
  readonly frameFp: Int32Array;
  readonly frameFn: (FuncInst | null)[];
  readonly maxDepth: number;
  /** current call depth (frames in use) */
  depth = 0;
  /** first free slot: nested invocations (host → Wasm) start here */
  sp = 0;
  /** set when the last execute/resume returned a status other than Done */
  suspended: Suspension | null = null;
  /** whether a host function may return a Promise (async call path) */
  allowAsync = false;

  constructor(
    limits: MachineLimits = DEFAULT_STORE_LIMITS,
    readonly counters: StoreCounters = new StoreCounters(),
  ) {
    this.slots = Math.max(16, Math.floor(limits.maxStackBytes / SLOT_BYTES));
    const buf = new ArrayBuffer(this.slots * SLOT_BYTES);
    this.i32 = new Int32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.i64 = new BigInt64Array(buf);
    this.u64 = new BigUint64Array(buf);
    this.i8 = new Int8Array(buf);
    this.u8 = new Uint8Array(buf);
    this.i16 = new Int16Array(buf);
    this.u16 = new Uint16Array(buf);
    this.u32 = new Uint32Array(buf);
    this.maxDepth = limits.maxCallDepth;
    this.framePc = new Int32Array(this.maxDepth + 1);
    this.frameFp = new Int32Array(this.maxDepth + 1);
    this.frameFn = new Array(this.maxDepth + 1).fill(null);
  }

  ensureRefs(): void {
    if (this.refs === NO_REFS) this.refs = new Array(this.slots).fill(null);
  }
}
