/**
 * The interface between the validator and the translator. The validator decodes and type-checks
 * each instruction of a function body and, once an instruction is known to be valid, reports it
 * here. The translator never sees raw bytes, and validation alone (WebAssembly.validate) runs with
 * no sink at all.
 */
import type { FuncType, ValType } from '../types.js';

export enum BlockKind {
  Block = 2,
  Loop = 3,
  If = 4,
}

export interface InstrSink {
  /** byte offset of the instruction being reported, set by the validator before each call */
  srcOffset: number;
  unreachable(): void;
  block(kind: BlockKind, params: readonly ValType[], results: readonly ValType[]): void;
  else(): void;
  /** end of a block/loop/if; `end` of the function body itself is reported by `finish` */
  end(): void;
  br(depth: number): void;
  brIf(depth: number): void;
  brTable(depths: readonly number[], dflt: number): void;
  return(): void;
  call(funcIndex: number, type: FuncType): void;
  callIndirect(typeIndex: number, table: number, type: FuncType): void;
  /** tail calls: the arguments are on the stack, the callee's results are the function's */
  returnCall(funcIndex: number, type: FuncType): void;
  returnCallIndirect(typeIndex: number, table: number, type: FuncType): void;
  /** typed function references: call the reference on top (above the arguments) */
  callRef(type: FuncType): void;
  returnCallRef(type: FuncType): void;
  /** the reference on top, trapping when null */
  refAsNonNull(): void;
  /** branch to `depth` (dropping the reference) when the reference on top is null */
  brOnNull(depth: number): void;
  /** branch to `depth` with the reference when it is not null; else drop it */
  brOnNonNull(depth: number): void;
  drop(): void;
  select(): void;
  localGet(index: number): void;
  localSet(index: number): void;
  localTee(index: number): void;
  globalGet(index: number, type: ValType): void;
  globalSet(index: number, type: ValType): void;
  tableGet(table: number): void;
  tableSet(table: number): void;
  /** loads and stores by instruction id (core/ops/gen/wasm-ops.ts), with the static offset and memory */
  load(id: number, offset: number, mem: number): void;
  store(id: number, offset: number, mem: number): void;
  memorySize(mem: number): void;
  memoryGrow(mem: number): void;
  /** i32/f32 constants as 32 raw bits */
  const32(type: ValType, bits: number): void;
  /** i64/f64 constants as 64 raw bits */
  const64(type: ValType, bits: bigint): void;
  /** a simple instruction (one with a signature in the instruction table), by instruction id */
  simple(id: number): void;
  refNull(type: ValType): void;
  refIsNull(): void;
  refFunc(index: number): void;
  /**
   * 0xfc-prefixed bulk memory and table ops (8–17) with their immediates; memory.init: (data,
   * memory), memory.copy: (destination, source memory), memory.fill: (memory, 0)
   */
  bulk(sub: number, a: number, b: number): void;
  /**
   * memory64/table64: the i64 address, index or length `depth` entries below the top (0 = top)
   * becomes an i32 holding min(value, 2^32 - 1), reported before the instruction that uses it.
   * No 64-bit memory or table reaches 2^32 - 1 bytes or elements, so the saturated value is out
   * of bounds exactly when the i64 one is, and the 32-bit ops do the checks.
   */
  addr64(depth: number): void;
  /**
   * memory64/table64: the i32 result on top becomes the i64 the instruction returns: a size
   * zero-extended, or (`grow`) a grow result with -1 kept as -1.
   */
  extend64(grow: boolean): void;
  /**
   * exception handling: a try_table block (its `end` is reported by `end`); its catch clauses'
   * labels are depths relative to the enclosing blocks, as for a `br` just before it
   */
  tryTable(params: readonly ValType[], results: readonly ValType[], catches: readonly CatchClause[]): void;
  /** throw: the payload (the tag's params) is on the stack */
  throw(tag: number, type: FuncType): void;
  /** throw_ref: the exnref is on the stack */
  throwRef(): void;
  /**
   * a 0xfd (SIMD) instruction by id, its immediates as IR words: memarg as (offset, memory),
   * then a lane index; shuffle and v128.const as four little-endian words of their 16 bytes
   */
  simd(id: number, imms: readonly number[]): void;
  /**
   * GC: instruction `id` (core/ops/gen/wasm-ops.ts) with its immediates in IR order, taking the
   * top `nIn` operands and leaving `out` (undefined: nothing)
   */
  gc(id: number, imms: readonly number[], nIn: number, out: ValType | undefined): void;
  /**
   * GC: br_on_cast (or, `fail`, br_on_cast_fail) to `depth` with the reference on top: branch when
   * it is (is not) in heap type `heap` (null passes when `nullable` is 1); the reference stays
   */
  brOnCast(depth: number, fail: boolean, heap: number, nullable: number): void;
  /** the function body's final `end` */
  finish(): void;
}

/** A try_table catch clause: catch (0), catch_ref (1), catch_all (2), catch_all_ref (3). */
export interface CatchClause {
  readonly kind: 0 | 1 | 2 | 3;
  /** tag index for catch / catch_ref, -1 for the catch_all forms */
  readonly tag: number;
  /** label depth, relative to the try_table's enclosing block */
  readonly label: number;
  /** what the clause hands its label: the tag's params (catch, catch_ref), then exnref (the _ref forms) */
  readonly values: readonly ValType[];
}
