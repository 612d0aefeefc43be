/**
 * Exception handling at run time (the exception-handling proposal with exnref): tag and
 * exception objects, the search for a handler over the machine's explicit frame stack, and the
 * typed error an uncaught exception becomes at the call boundary.
 *
 * Wasm-to-Wasm throws never use JS exceptions: `unwind` walks the interpreter's frames (the
 * handler tables the translator made for each function, innermost try_table first) and the
 * interpreter continues at the landing pad, so fuel, call-depth limits and suspension work as for
 * any branch. Only an exception that leaves an invocation crosses JS frames, as a WasmException:
 * out of `invoke`, or out of a host function back into the Wasm that called it.
 */
import { WasmletError } from '../errors.js';
import { ValType } from '../types.js';
import { slotWidth } from '../limits.js';
import type { Machine } from './machine.js';
import { TagInst, type FuncInst } from './objects.js';

export { TagInst } from './objects.js';

/**
 * An exception (the value an exnref holds): its tag and its payload as raw slot words, so NaN
 * payloads survive, with references in a parallel array when the tag has any.
 */
export class ExnInst {
  constructor(
    readonly tag: TagInst,
    readonly words: Int32Array,
    readonly refs: unknown[] | null,
  ) {}
}

/** Objects carrying an exception (WasmException, the JS API's WebAssembly.Exception) hold it here. */
export const EXN = Symbol.for('wasmlet.exn');

/** the exception a thrown JS value carries, if it is a Wasm exception */
export function exnOf(e: unknown): ExnInst | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const x = (e as { [EXN]?: unknown })[EXN];
  return x instanceof ExnInst ? x : undefined;
}

/** handler table layout (CompiledFunc.handlers): 6 words per catch clause, innermost first */
export const HANDLER_WORDS = 6;
// [start, end) code range of the try_table body, tag index (-1: catch_all), 1 for the _ref forms,
// landing pad pc, frame slot where the payload (then the exnref) lands

/** a new exception of `tag` with the payload in the machine's slots from `slot` */
export function newExn(m: Machine, tag: TagInst, slot: number): ExnInst {
  const n = tag.payloadSlots;
  return new ExnInst(tag, m.i32.slice(slot << 1, (slot + n) << 1), tag.hasRefs ? m.refs.slice(slot, slot + n) : null);
}

/** where `unwind` found a handler: the interpreter continues there */
export const landing: { fn: FuncInst | null; pc: number; fp: number; depth: number } = { fn: null, pc: 0, fp: 0, depth: 0 };

/**
 * Find the handler for `exn`, starting in frame (fn, fp) at `depth` at code offset `site` (an
 * offset inside the throwing or calling instruction) and walking caller frames down to
 * `entryDepth`. On success the payload (and the exnref for catch_ref) is in place, `landing`
 * says where to continue, and the frames above it are gone. False: no handler in this run.
 */
export function unwind(m: Machine, exn: ExnInst, fn: FuncInst, site: number, fp: number, depth: number, entryDepth: number): boolean {
  for (;;) {
    const h = fn.compiled!.handlers;
    if (h !== undefined) {
      const tags = fn.instance!.tags;
      for (let i = 0; i < h.length; i += HANDLER_WORDS) {
        if (site < h[i]! || site >= h[i + 1]!) continue;
        const t = h[i + 2]!;
        if (t >= 0 && tags[t] !== exn.tag) continue;
        let slot = fp + h[i + 5]!;
        if (t >= 0) {
          m.i32.set(exn.words, slot << 1);
          const refs = exn.refs;
          if (refs !== null) for (let k = 0; k < refs.length; k++) m.refs[slot + k] = refs[k];
          slot += exn.words.length >> 1;
        }
        if (h[i + 3] !== 0) m.refs[slot] = exn;
        landing.fn = fn;
        landing.pc = h[i + 4]!;
        landing.fp = fp;
        landing.depth = depth;
        return true;
      }
    }
    if (depth === entryDepth) return false;
    depth--;
    site = m.framePc[depth]! - 1;
    fp = m.frameFp[depth]!;
    fn = m.frameFn[depth]!;
  }
}

/** a host function threw a Wasm exception: callHost returns this marker and leaves it here */
export const HOST_THREW: PromiseLike<unknown> = Object.freeze({ then: () => HOST_THREW }) as PromiseLike<unknown>;
let thrown: ExnInst | null = null;
export function setHostThrown(x: ExnInst): void {
  thrown = x;
}
export function takeHostThrown(): ExnInst {
  const x = thrown!;
  thrown = null;
  return x;
}

// ---- payload values (raw convention of invokeRaw: f32/f64 as bits) ---------------------------

const scratch = new Int32Array(2);
const scratch64 = new BigInt64Array(scratch.buffer);

/** the payload as raw values: i32 number, i64 bigint, f32 u32 bits, f64 u64 bits, references */
export function payloadOf(exn: ExnInst): unknown[] {
  const out: unknown[] = [];
  const w = exn.words;
  let s = 0;
  for (const t of exn.tag.type.params) {
    switch (t) {
      case ValType.I32:
        out.push(w[s * 2]);
        break;
      case ValType.F32:
        out.push(w[s * 2]! >>> 0);
        break;
      case ValType.I64:
      case ValType.F64:
        scratch[0] = w[s * 2]!;
        scratch[1] = w[s * 2 + 1]!;
        out.push(t === ValType.I64 ? scratch64[0] : BigInt.asUintN(64, scratch64[0]!));
        break;
      case ValType.V128: {
        let v = 0n;
        for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(w[s * 2 + k]! >>> 0);
        out.push(v);
        break;
      }
      default:
        out.push(exn.refs![s]);
    }
    s += slotWidth(t);
  }
  return out;
}

/** an exception of `tag` from raw payload values (TypeError when they do not fit its type) */
export function exnFromRaw(tag: TagInst, payload: readonly unknown[]): ExnInst {
  const ps = tag.type.params;
  if (!Array.isArray(payload) || payload.length !== ps.length) throw new TypeError(`the tag's payload has ${ps.length} values, got ${Array.isArray(payload) ? payload.length : 'no array'}`);
  const w = new Int32Array(tag.payloadSlots * 2);
  const refs = tag.hasRefs ? new Array<unknown>(tag.payloadSlots).fill(null) : null;
  let s = 0;
  for (let i = 0; i < ps.length; i++) {
    const t = ps[i]!;
    const v = payload[i];
    switch (t) {
      case ValType.I32:
      case ValType.F32:
        if (typeof v !== 'number') throw new TypeError(`payload value ${i} (${t === ValType.I32 ? 'i32' : 'f32 bits'}) must be a number`);
        w[s * 2] = v;
        break;
      case ValType.I64:
      case ValType.F64:
        if (typeof v !== 'bigint') throw new TypeError(`payload value ${i} (${t === ValType.I64 ? 'i64' : 'f64 bits'}) must be a bigint`);
        scratch64[0] = BigInt.asIntN(64, v);
        w[s * 2] = scratch[0]!;
        w[s * 2 + 1] = scratch[1]!;
        break;
      case ValType.V128: {
        if (typeof v !== 'bigint') throw new TypeError(`payload value ${i} (v128) must be a bigint`);
        for (let k = 0; k < 4; k++) w[s * 2 + k] = Number(BigInt.asIntN(32, v >> BigInt(32 * k)));
        break;
      }
      default:
        refs![s] = v;
    }
    s += slotWidth(t);
  }
  return new ExnInst(tag, w, refs);
}

/**
 * A Wasm exception as a JS error. Thrown by `invoke` and the other calls when an exception
 * escapes Wasm (`tag` and `payload`, raw values as invokeRaw returns them); a host function
 * throws one to raise an exception into the Wasm that called it, where try_table can catch it.
 */
export class WasmException extends WasmletError {
  static override readonly brand: string = 'WasmException';
  readonly tag: TagInst;
  /** @internal the exception itself (identity survives a catch_ref / throw_ref round trip) */
  readonly [EXN]: ExnInst;
  constructor(tag: TagInst, payload: readonly unknown[]);
  /** @internal */
  constructor(exn: ExnInst);
  constructor(tagOrExn: TagInst | ExnInst, payload?: readonly unknown[]) {
    const exn = tagOrExn instanceof ExnInst ? tagOrExn : exnFromRaw(tagOrExn, payload ?? []);
    super('WASMLET_EXCEPTION', `uncaught wasm exception (a tag with ${exn.tag.type.params.length} payload values)`);
    this.name = 'WasmException';
    this.tag = exn.tag;
    this[EXN] = exn;
  }
  /** the payload, raw values (f32/f64 as their bits) */
  get payload(): unknown[] {
    return payloadOf(this[EXN]);
  }
}
