/**
 * The shapes of the instruction tables (core/ops/wasm.ts, ir.ts, peephole.ts). Only the
 * generator (scripts/gen-ops.mjs) reads the tables themselves; the engine reads what it generates
 * from them into core/ops/gen/ (and FEATURE_NAMES, the one value defined here).
 */

/** How an instruction's immediates are encoded after its opcode (the decoder's view). */
export type ImmKind =
  | 'none'
  | 'blocktype' // block, loop, if
  | 'label' // br, br_if: a label depth
  | 'labels' // br_table: vec(label) label
  | 'func' // call, ref.func
  | 'call_indirect' // type index, table index
  | 'local'
  | 'global'
  | 'table'
  | 'memarg' // align, offset
  | 'mem' // a memory index byte (0 in 2.0)
  | 'mem2' // two memory index bytes (memory.copy)
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'reftype' // ref.null
  | 'valtypes' // select t*
  | 'data' // data.drop
  | 'data_mem' // memory.init: data index, memory byte
  | 'elem' // elem.drop
  | 'elem_table' // table.init: elem index, table index
  | 'table2' // table.copy: dst table, src table
  | 'tag' // throw: a tag index
  | 'try_table' // try_table: blocktype, vec(catch clause)
  | 'v128' // v128.const: 16 bytes
  | 'lane' // extract_lane, replace_lane: a lane index byte
  | 'shuffle' // i8x16.shuffle: 16 lane index bytes
  | 'memarg_lane' // load_lane, store_lane: memarg, then a lane index byte
  | 'type' // call_ref, return_call_ref, struct.new, array.get...: a type index
  | 'type_field' // struct.get/set: type index, field index
  | 'type_n' // array.new_fixed: type index, length
  | 'type_data' // array.new_data, array.init_data: type index, data index
  | 'type_elem' // array.new_elem, array.init_elem: type index, elem index
  | 'type2' // array.copy: destination and source type indices
  | 'heaptype' // ref.test, ref.cast: a heap type
  | 'br_on_cast'; // br_on_cast(_fail): flags, label, two heap types

/**
 * What `wasmlet inspect` reports a module uses, beyond the MVP. Instructions name theirs in the
 * table; the rest (multi-value, mutable-globals, multi-memory, extended-const, custom-page-sizes, memory64)
 * are found from the module's structure (core/validate/features-used.ts).
 */
export const FEATURE_NAMES = [
  'mvp',
  'sign-extension',
  'sat-float-to-int',
  'bulk-memory',
  'reference-types',
  'tail-call',
  'multi-value',
  'mutable-globals',
  'multi-memory',
  'extended-const',
  'custom-page-sizes',
  'memory64',
  'exceptions',
  'simd',
  'relaxed-simd',
  'function-references',
  'gc',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** One WebAssembly instruction. */
export interface WasmOpDef {
  /** the text-format name, e.g. `i32.add` */
  readonly name: string;
  /** the opcode byte, or the LEB128 sub-opcode after `prefix` */
  readonly code: number;
  readonly prefix?: 0xfb | 0xfc | 0xfd;
  /** immediates after the opcode; 'none' when omitted */
  readonly imm?: ImmKind;
  /**
   * operand and result types of a simple instruction (`i32 i32 -> i32`), validated and
   * translated generically; omitted for instructions with a hand-written rule
   */
  readonly sig?: string;
  /** a lane immediate must be below this (extract/replace_lane, load/store_lane) */
  readonly lanes?: number;
  /** load/store: natural alignment (log2 of the access width); the validator checks memarg */
  readonly align?: number;
  /** fuel units charged when it runs (default 1; structural block/loop/else/end are free) */
  readonly fuel?: number;
  /** the proposal it came from (one of FEATURE_NAMES); omitted for the MVP */
  readonly feature?: FeatureName;
  // ---- translation of simple instructions: the IR forms it may become ----
  /** register form: every operand in a frame slot */
  readonly ir?: string;
  /** with a constant right operand inline (i32: one immediate; i64: lo, hi) */
  readonly immForm?: string;
  /** a constant left operand may be moved right */
  readonly commutes?: boolean;
  /** `x op 0` is x (for shifts and rotates: a count of 0 mod 32), so it emits nothing */
  readonly identity0?: boolean;
  /** `x - c` becomes this op with the immediate -c */
  readonly negImm?: string;
  /** f64: with a constant right operand from the function's constant pool */
  readonly poolForm?: string;
  /** f64: with a constant left operand from the pool (`k op a`) */
  readonly poolLeftForm?: string;
  /** load/store with a constant address (below 2^31), folded with the static offset */
  readonly constAddrForm?: string;
  /** same bits, new type (reinterpret; wrap keeps the low word): no code */
  readonly retype?: boolean;
}

/** One IR instruction (see core/ops/ir.ts for the operand kinds and template syntax). */
export interface IrOpDef {
  readonly name: string;
  /** operands, `name:kind` separated by spaces, in code order */
  readonly args: string;
  /** an expression assigned to the first operand */
  readonly expr?: string;
  /** statements */
  readonly body?: string;
  /** sets pc on every path */
  readonly jumps?: boolean;
  /** may trap (memory accesses, division, calls) */
  readonly traps?: boolean;
  /** reads or writes the reference array */
  readonly refs?: boolean;
  /**
   * a SIMD op: its case is generated into core/exec/simd.ts (reached from the interpreter's
   * default case), not into the interpreter's switch
   */
  readonly simd?: boolean;
  /**
   * a hot SIMD op whose case is also generated into the interpreter's switch (no call; the fused
   * ops of the vectorized inner loops), so `run` stays under V8's optimisation size limit only
   * while these stay few
   */
  readonly direct?: boolean;
  /** its case is written by hand in core/exec/interpreter.ts */
  readonly hand?: boolean;
  /** ops that share one case (smaller code, one more branch per dispatch) */
  readonly group?: string;
  /**
   * on one member of a generated group: the shared case body, which tells the members apart by
   * `code[pc]` and advances pc itself; `#Name` is op Name's number
   */
  readonly groupBody?: string;
  readonly doc?: string;
}

/**
 * A peephole rule: when instruction `then` is emitted right after `first` (no label between),
 * the pair becomes `to`. Operands are written `first.x` / `then.x` (field names from ir.ts), or a
 * small expression of them.
 */
export interface PeepholeRule {
  readonly first: string;
  readonly then: string;
  /**
   * `then` operand that reads `first`'s result `d`. With `consume`, that result must be a stack
   * temporary nothing else reads (so the fused op need not write it); otherwise `first.d` is kept
   * (the fused op still writes it) and only equality of the two fields is required.
   */
  readonly via?: string;
  readonly consume?: boolean;
  /** extra conditions, as a JS expression over first.x / then.x */
  readonly when?: string;
  readonly to: string;
  /** the fused op's operands, in order */
  readonly operands: string;
  readonly why: string;
}
