/**
 * Function-body validation: the spec's algorithm (Appendix "Validation Algorithm") with an
 * operand-type stack and a control stack, including the polymorphic stack after unreachable code.
 * Each valid instruction is reported to an optional InstrSink (the translator). Errors are
 * CompileErrors naming the function and the byte offset of the offending instruction.
 */
import { CompileError } from '../errors.js';
import { Reader } from '../decode/reader.js';
import { ValType, type FuncType } from '../types.js';
import { kindAt, typesMatch, valMatch, type ModuleContext } from './context.js';
import { readHeapType, readValType } from '../decode/common.js';
import { concreteRef, heapOf, HT, isNullable, isRefType, makeRef, REF_CONCRETE, topOf, typeIndexOf } from '../reftypes.js';
import { CompKind, PACKED_I16, PACKED_I8, type FieldType } from '../types.js';
import { DEFAULT_FEATURES, type Features } from '../features.js';
import { BlockKind, type CatchClause, type InstrSink } from './sink.js';
import { ALIGN, FEATURE, IMM, IMM_LANE, IMM_MEMARG, IMM_MEMARG_LANE, IMM_SHUFFLE, IMM_V128, LANES, OPCODE, OPCODE_FB, OPCODE_FC, OPCODE_FD, PREFIX_FB, PREFIX_FC, PREFIX_FD, SIG, SIG_PARAMS, SIG_RESULTS } from '../ops/gen/wasm-ops.js';
import { NO_SIMD, simdSupport } from '../simd-support.js';
import { FEATURE_NAMES } from '../ops/spec.js';

const MULTI_VALUE = FEATURE_NAMES.indexOf('multi-value');
const RELAXED_SIMD = FEATURE_NAMES.indexOf('relaxed-simd');

/** The bottom type of the polymorphic stack. */
const UNKNOWN = 0;
const I32 = ValType.I32;
const I64 = ValType.I64;
const F32 = ValType.F32;
const F64 = ValType.F64;
const EMPTY: readonly ValType[] = [];
const EMPTY_IMMS: readonly number[] = [];

interface Ctrl {
  kind: number; // 0 function, or BlockKind
  params: readonly ValType[];
  results: readonly ValType[];
  height: number;
  unreachable: boolean;
  /** non-defaultable locals first set inside this block: unset again at its end */
  inits: number[] | undefined;
}

export const isRef = isRefType;

/** the control-stack kind of a try_table (its label behaves as a block's) */
const TRY_TABLE = 0x1f;
/** legacy exception-handling opcodes (the 2017 proposal), refused by name */
const LEGACY_EH: Record<number, string> = { 0x06: 'try', 0x07: 'catch', 0x09: 'rethrow', 0x18: 'delegate', 0x19: 'catch_all' };
function isNum(t: number): boolean {
  return t === I32 || t === I64 || t === F32 || t === F64 || t === ValType.V128;
}
export function typeName(t: number): string {
  switch (t) {
    case I32:
      return 'i32';
    case I64:
      return 'i64';
    case F32:
      return 'f32';
    case F64:
      return 'f64';
    case ValType.V128:
      return 'v128';
    case ValType.FuncRef:
      return 'funcref';
    case ValType.ExternRef:
      return 'externref';
    case ValType.ExnRef:
      return 'exnref';
    default: {
      if (!isRefType(t)) return 'unknown';
      const h = heapOf(t);
      const x = typeIndexOf(t);
      const ht = x >= 0 ? `${x}` : (['nofunc', 'noextern', 'none', 'func', 'extern', 'any', 'eq', 'i31', 'struct', 'array', 'exn', 'noexn'] as const)[[0x73, 0x72, 0x71, 0x70, 0x6f, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69, 0x74].indexOf(h)] ?? '?';
      return `(ref ${isNullable(t) ? 'null ' : ''}${ht})`;
    }
  }
}

export class FunctionValidator {
  private readonly vals: number[] = [];
  private readonly ctrls: Ctrl[] = [];
  private readonly locals: ValType[];
  private r!: Reader;
  private instrOffset = 0;
  /** the memory index of the last memarg read */
  private memArgIndex = 0;
  /** bit i: the body uses FEATURE_NAMES[i] (for inspect; see core/validate/features-used.ts) */
  featureMask = 0;
  /** highest operand-stack depth seen, for frame sizing */
  maxHeight = 0;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly funcIndex: number,
    private readonly type: FuncType,
    locals: readonly ValType[],
    private readonly features: Features = DEFAULT_FEATURES,
  ) {
    this.locals = [...type.params, ...locals];
    // parameters and defaultable locals start set; a non-nullable reference local must be set first
    this.localInit = this.locals.map((t, i) => i < type.params.length || !isRefType(t) || isNullable(t));
  }

  private readonly localInit: boolean[];

  private matches(a: number, b: number): boolean {
    return a === b || valMatch(this.ctx, a, b);
  }

  /** a value type read from the body: its type index must exist */
  private valType(): ValType {
    const t = readValType(this.r);
    this.checkIndex(t);
    return t;
  }

  private checkIndex(t: number): void {
    const x = typeIndexOf(t);
    if (x >= this.ctx.types.length) this.fail(`unknown type ${x}`);
  }

  /** the last type index funcTypeAt read */
  private lastIndex = 0;

  private funcTypeAt(x: number): FuncType {
    const t = this.ctx.types[x];
    if (!t) this.fail(`unknown type ${x}`);
    this.lastIndex = x;
    return t;
  }

  private popRef(): number {
    const t = this.popAny();
    if (t !== UNKNOWN && !isRefType(t)) this.fail(`type mismatch: expected a reference, got ${typeName(t)}`);
    return t;
  }

  private setLocalInit(i: number): void {
    if (this.localInit[i]) return;
    this.localInit[i] = true;
    const c = this.ctrls[this.ctrls.length - 1]!;
    (c.inits ??= []).push(i);
  }

  private needExceptions(name: string, byte: number): void {
    if (!this.features.exceptions) this.fail(`illegal opcode 0x${byte.toString(16)} (${name} needs the exceptions feature)`);
  }

  private needTailCalls(name: string, byte: number): void {
    if (!this.features.tailCall) this.fail(`illegal opcode 0x${byte.toString(16)} (${name} needs the tail-call feature)`);
  }

  /** a tail call returns the callee's results as the function's own: they must be the same types */
  private tailResults(t: FuncType, name: string): void {
    const want = this.type.results;
    if (!typesMatch(this.ctx, t.results, want)) {
      this.fail(`type mismatch: ${name} callee returns [${t.results.map(typeName).join(' ')}], the function [${want.map(typeName).join(' ')}]`);
    }
  }

  private fail(msg: string): never {
    throw new CompileError(`${msg} in function ${this.funcIndex}`, this.instrOffset, 'code');
  }

  private push(t: number): void {
    this.vals.push(t);
    if (this.vals.length > this.maxHeight) this.maxHeight = this.vals.length;
  }

  private popAny(): number {
    const c = this.ctrls[this.ctrls.length - 1]!;
    if (this.vals.length === c.height) {
      if (c.unreachable) return UNKNOWN;
      this.fail('type mismatch: operand stack underflow');
    }
    return this.vals.pop()!;
  }

  private pop(expect: number): number {
    const actual = this.popAny();
    if (actual !== expect && actual !== UNKNOWN && expect !== UNKNOWN && !this.matches(actual, expect)) {
      this.fail(`type mismatch: expected ${typeName(expect)}, got ${typeName(actual)}`);
    }
    return actual;
  }

  private pushVals(ts: readonly number[]): void {
    for (const t of ts) this.push(t);
  }

  private popVals(ts: readonly number[]): number[] {
    const out = new Array<number>(ts.length);
    for (let i = ts.length - 1; i >= 0; i--) out[i] = this.pop(ts[i]!);
    return out;
  }

  private pushCtrl(kind: number, params: readonly ValType[], results: readonly ValType[]): void {
    this.ctrls.push({ kind, params, results, height: this.vals.length, unreachable: false, inits: undefined });
    this.pushVals(params);
  }

  private popCtrl(): Ctrl {
    if (this.ctrls.length === 0) this.fail('unexpected end of control stack');
    const c = this.ctrls[this.ctrls.length - 1]!;
    this.popVals(c.results);
    if (this.vals.length !== c.height) this.fail('type mismatch: values remaining on stack at end of block');
    if (c.inits !== undefined) for (const i of c.inits) this.localInit[i] = false;
    this.ctrls.pop();
    return c;
  }

  private labelTypes(c: Ctrl): readonly ValType[] {
    return c.kind === BlockKind.Loop ? c.params : c.results;
  }

  private label(depth: number): Ctrl {
    if (depth >= this.ctrls.length) this.fail(`unknown label ${depth}`);
    return this.ctrls[this.ctrls.length - 1 - depth]!;
  }

  private setUnreachable(): void {
    const c = this.ctrls[this.ctrls.length - 1]!;
    this.vals.length = c.height;
    c.unreachable = true;
  }

  private blockType(): [readonly ValType[], readonly ValType[]] {
    const r = this.r;
    const b = r.bytes[r.pos];
    if (b === 0x40) {
      r.pos++;
      return [EMPTY, EMPTY];
    }
    if (b === 0x63 || b === 0x64 || (b !== undefined && (isNum(b) || isRefType(b)))) {
      if (b === ValType.V128 && simdSupport.engine === null) this.fail(NO_SIMD);
      return [EMPTY, [this.valType()]];
    }
    const idx = r.s33();
    if (idx < 0) this.fail('malformed block type');
    const t = this.ctx.types[idx];
    if (!t) this.fail(`unknown type ${idx}`);
    if (t.params.length > 0 || t.results.length > 1) this.featureMask |= 1 << MULTI_VALUE;
    return [t.params, t.results];
  }

  private localType(i: number): ValType {
    const t = this.locals[i];
    if (t === undefined) this.fail(`unknown local ${i}`);
    return t;
  }

  /**
   * A load's or store's memarg; returns the static offset and leaves the memory index in
   * `memArgIndex`. With multiple memories, bit 6 of the alignment field says an index follows.
   */
  private memarg(maxAlign: number): number {
    let align = this.r.u32();
    let mem = 0;
    if (this.features.multiMemory && align >= 64) {
      if (align >= 128) this.fail('malformed memop flags');
      align -= 64;
      mem = this.r.u32();
    }
    // memory64: a u64 offset. Any offset ≥ 2^32 traps on every access (no memory reaches 4 GiB,
    // see MemoryInst), so it is reported saturated to 2^32 - 1, which traps the same way
    let offset: number;
    if (this.ctx.memories[mem]?.address64) {
      const o = this.r.u64();
      offset = o > 0xffffffffn ? 0xffffffff : Number(o);
    } else offset = this.r.u32();
    if (mem >= this.ctx.memories.length) this.fail(`unknown memory ${mem}`);
    if (align > maxAlign) this.fail('alignment must not be larger than natural');
    this.memArgIndex = mem;
    return offset;
  }

  private table(idx: number): ValType {
    const t = this.ctx.tables[idx];
    if (!t) this.fail(`unknown table ${idx}`);
    return t.elem;
  }

  /** memory64/table64: the address type of memory or table `i` (validated to exist) */
  private memAt(i: number): number {
    return this.ctx.memories[i]!.address64 ? I64 : I32;
  }
  private tableAt(i: number): number {
    return this.ctx.tables[i]!.address64 ? I64 : I32;
  }
  /** tell the sink which i64 operands (by depth, 0 = top) are addresses to saturate to u32 */
  /**
   * memory.copy / table.copy operands: the destination and source addresses in their own address
   * types, the length in the smaller of the two (memory64)
   */
  private copyOperands(s: InstrSink | undefined, dt: number, st: number): void {
    const nt = dt === I64 && st === I64 ? I64 : I32;
    this.pop(nt);
    this.pop(st);
    this.pop(dt);
    this.addr64(s, 0, nt);
    this.addr64(s, 1, st);
    this.addr64(s, 2, dt);
  }

  private addr64(s: InstrSink | undefined, depth: number, t: number): void {
    if (t === I64) s?.addr64(depth);
  }

  private needDataCount(): void {
    if (this.ctx.dataCount === undefined) this.fail('data count section required');
  }

  /** ref.null's heap type, as the nullable reference it makes */
  private refType(): ValType {
    const t = makeRef(readHeapType(this.r), true);
    this.checkIndex(t);
    return t;
  }

  /** a tag's type (exception handling) */
  private tagType(x: number): FuncType {
    const ti = this.ctx.tags[x];
    if (ti === undefined) this.fail(`unknown tag ${x}`);
    return this.ctx.types[ti]!;
  }

  /** try_table's catch clauses: each label must take what the clause hands it */
  private catchClauses(end: number): CatchClause[] {
    const r = this.r;
    const n = r.u32();
    if (n > end - r.pos) this.fail('try_table catch count out of bounds');
    const out: CatchClause[] = [];
    for (let i = 0; i < n; i++) {
      const kind = r.u8();
      if (kind > 3) this.fail(`malformed catch clause kind 0x${kind.toString(16)}`);
      const tag = kind < 2 ? r.u32() : -1;
      const label = r.u32();
      const want: ValType[] = kind < 2 ? [...this.tagType(tag).params] : [];
      // the _ref forms hand over the caught exception, never null: (ref exn)
      if (kind === 1 || kind === 3) want.push(makeRef(HT.exn, false));
      const have = this.labelTypes(this.label(label));
      if (!typesMatch(this.ctx, want, have)) {
        this.fail(`type mismatch: catch clause ${i} hands [${want.map(typeName).join(' ')}] to a label of [${have.map(typeName).join(' ')}]`);
      }
      out.push({ kind: kind as CatchClause['kind'], tag, label, values: want });
    }
    return out;
  }

  /**
   * Validate the body in bytes[start, end) and report it to `sink`. Throws CompileError.
   * Instructions with a signature in the table (core/ops/wasm.ts) are checked generically; the
   * cases below are the rules written by hand. Case labels are instruction ids, kept in sync with
   * the table by scripts/gen-ops.mjs through the name in each label's comment.
   */
  run(bytes: Uint8Array, start: number, end: number, sink: InstrSink | undefined): void {
    const r = new Reader(bytes, start, end);
    this.r = r;
    const ctx = this.ctx;
    this.ctrls.push({ kind: 0, params: EMPTY, results: this.type.results, height: 0, unreachable: false, inits: undefined });
    const s = sink;
    if (simdSupport.engine === null && this.locals.includes(ValType.V128)) this.fail(NO_SIMD);
    for (const t of this.locals) this.checkIndex(t);
    while (r.pos < end) {
      this.instrOffset = r.pos;
      if (s) s.srcOffset = r.pos;
      const byte = r.u8();
      let id: number;
      if (byte === PREFIX_FB) {
        const sub = r.u32();
        id = (sub < OPCODE_FB.length ? OPCODE_FB[sub]! : 0) - 1;
        if (id < 0) this.fail(`illegal opcode 0xfb 0x${sub.toString(16)}`);
        this.featureMask |= 1 << FEATURE[id]!;
        this.gc(id, sub, s, end);
        continue;
      } else if (byte === PREFIX_FC) {
        const sub = r.u32();
        id = (sub < OPCODE_FC.length ? OPCODE_FC[sub]! : 0) - 1;
        if (id < 0) this.fail(`illegal opcode 0xfc 0x${sub.toString(16)}`);
      } else if (byte === PREFIX_FD) {
        if (simdSupport.engine === null) this.fail(NO_SIMD);
        const sub = r.u32();
        id = (sub < OPCODE_FD.length ? OPCODE_FD[sub]! : 0) - 1;
        if (id < 0) this.fail(`illegal opcode 0xfd 0x${sub.toString(16)}`);
        if (FEATURE[id] === RELAXED_SIMD && !this.features.relaxedSimd) this.fail(`illegal opcode 0xfd 0x${sub.toString(16)} (relaxed SIMD needs the relaxedSimd feature)`);
      } else {
        id = OPCODE[byte]! - 1;
        if (id < 0 && LEGACY_EH[byte] !== undefined) {
          this.fail(`illegal opcode 0x${byte.toString(16)}: legacy exception handling (${LEGACY_EH[byte]}) is not supported; use try_table and throw_ref`);
        }
        if (id < 0) this.fail(byte === 0xfd ? 'SIMD instructions are not supported' : `illegal opcode 0x${byte.toString(16)}`);
      }
      this.featureMask |= 1 << FEATURE[id]!;
      switch (id) {
        case 0 /* unreachable */:
          this.setUnreachable();
          s?.unreachable();
          break;
        case 1 /* nop */:
          break;
        case 2 /* block */:
        case 3 /* loop */:
        case 4 /* if */: {
          const [params, results] = this.blockType();
          if (byte === 0x04) this.pop(I32);
          this.popVals(params);
          this.pushCtrl(byte, params, results);
          s?.block(byte as BlockKind, params, results);
          break;
        }
        case 5 /* else */: {
          const c = this.ctrls[this.ctrls.length - 1]!;
          if (c.kind !== BlockKind.If) this.fail('else without matching if');
          this.popCtrl();
          this.pushCtrl(5, c.params, c.results);
          s?.else();
          break;
        }
        case 6 /* end */: {
          const c = this.popCtrl();
          // `if` without `else` must have matching param and result types
          if (c.kind === BlockKind.If && !typesMatch(this.ctx, c.params, c.results)) this.fail('type mismatch: if without else must have matching params and results');
          if (this.ctrls.length === 0) {
            if (r.pos !== end) this.fail('operators remaining after end of function');
            s?.finish();
            return;
          }
          this.pushVals(c.results);
          s?.end();
          break;
        }
        case 7 /* br */: {
          const d = r.u32();
          this.popVals(this.labelTypes(this.label(d)));
          this.setUnreachable();
          s?.br(d);
          break;
        }
        case 8 /* br_if */: {
          const d = r.u32();
          this.pop(I32);
          const ts = this.labelTypes(this.label(d));
          this.popVals(ts);
          this.pushVals(ts);
          s?.brIf(d);
          break;
        }
        case 9 /* br_table */: {
          const n = r.u32();
          if (n > end - r.pos) this.fail('br_table length out of bounds');
          const depths = new Array<number>(n);
          for (let i = 0; i < n; i++) depths[i] = r.u32();
          const dflt = r.u32();
          this.pop(I32);
          const arity = this.labelTypes(this.label(dflt)).length;
          for (const d of depths) {
            const ts = this.labelTypes(this.label(d));
            if (ts.length !== arity) this.fail('type mismatch: br_table targets have different arities');
            this.pushVals(this.popVals(ts));
          }
          this.popVals(this.labelTypes(this.label(dflt)));
          this.setUnreachable();
          s?.brTable(depths, dflt);
          break;
        }
        case 10 /* return */:
          this.popVals(this.type.results);
          this.setUnreachable();
          s?.return();
          break;
        case 11 /* call */: {
          const f = r.u32();
          const ti = ctx.funcTypes[f];
          if (ti === undefined) this.fail(`unknown function ${f}`);
          const t = ctx.types[ti]!;
          this.popVals(t.params);
          this.pushVals(t.results);
          s?.call(f, t);
          break;
        }
        case 12 /* call_indirect */: {
          const ti = r.u32();
          const tab = r.u32();
          if (!this.matches(this.table(tab), ValType.FuncRef)) this.fail('type mismatch: call_indirect requires a funcref table');
          const t = ctx.types[ti];
          if (!t) this.fail(`unknown type ${ti}`);
          const at = this.tableAt(tab);
          this.pop(at);
          this.popVals(t.params);
          this.pushVals(t.results);
          this.addr64(s, 0, at);
          s?.callIndirect(ti, tab, t);
          break;
        }
        case 201 /* return_call */: {
          const f = r.u32();
          this.needTailCalls('return_call', 0x12);
          const ti = ctx.funcTypes[f];
          if (ti === undefined) this.fail(`unknown function ${f}`);
          const t = ctx.types[ti]!;
          this.tailResults(t, 'return_call');
          this.popVals(t.params);
          this.setUnreachable();
          s?.returnCall(f, t);
          break;
        }
        case 202 /* return_call_indirect */: {
          const ti = r.u32();
          const tab = r.u32();
          this.needTailCalls('return_call_indirect', 0x13);
          if (!this.matches(this.table(tab), ValType.FuncRef)) this.fail('type mismatch: return_call_indirect requires a funcref table');
          const t = ctx.types[ti];
          if (!t) this.fail(`unknown type ${ti}`);
          this.tailResults(t, 'return_call_indirect');
          const at = this.tableAt(tab);
          this.pop(at);
          this.popVals(t.params);
          this.setUnreachable();
          this.addr64(s, 0, at);
          s?.returnCallIndirect(ti, tab, t);
          break;
        }
        case 206 /* call_ref */: {
          const t = this.funcTypeAt(r.u32());
          this.pop(concreteRef(this.lastIndex, true));
          this.popVals(t.params);
          this.pushVals(t.results);
          s?.callRef(t);
          break;
        }
        case 207 /* return_call_ref */: {
          this.needTailCalls('return_call_ref', 0x15);
          const t = this.funcTypeAt(r.u32());
          this.tailResults(t, 'return_call_ref');
          this.pop(concreteRef(this.lastIndex, true));
          this.popVals(t.params);
          this.setUnreachable();
          s?.returnCallRef(t);
          break;
        }
        case 208 /* ref.as_non_null */: {
          const t = this.popRef();
          this.push(t === UNKNOWN ? UNKNOWN : makeRef(heapOf(t), false));
          s?.refAsNonNull();
          break;
        }
        case 209 /* br_on_null */: {
          const d = r.u32();
          const t = this.popRef();
          const ts = this.labelTypes(this.label(d));
          this.popVals(ts);
          this.pushVals(ts);
          this.push(t === UNKNOWN ? UNKNOWN : makeRef(heapOf(t), false));
          s?.brOnNull(d);
          break;
        }
        case 210 /* br_on_non_null */: {
          const d = r.u32();
          const ts = this.labelTypes(this.label(d));
          const last = ts[ts.length - 1];
          if (last === undefined || !isRefType(last)) this.fail('type mismatch: br_on_non_null needs a label whose last type is a reference');
          const t = this.popRef();
          if (t !== UNKNOWN && !this.matches(makeRef(heapOf(t), false), last)) this.fail(`type mismatch: br_on_non_null of ${typeName(t)} to a label of ${typeName(last)}`);
          const rest = ts.slice(0, -1);
          this.popVals(rest);
          this.pushVals(rest);
          s?.brOnNonNull(d);
          break;
        }
        case 203 /* throw */: {
          this.needExceptions('throw', byte);
          const x = r.u32();
          const t = this.tagType(x);
          this.popVals(t.params);
          this.setUnreachable();
          s?.throw(x, t);
          break;
        }
        case 204 /* throw_ref */:
          this.needExceptions('throw_ref', byte);
          this.pop(ValType.ExnRef);
          this.setUnreachable();
          s?.throwRef();
          break;
        case 205 /* try_table */: {
          this.needExceptions('try_table', byte);
          const [params, results] = this.blockType();
          const catches = this.catchClauses(end);
          this.popVals(params);
          this.pushCtrl(TRY_TABLE, params, results);
          s?.tryTable(params, results, catches);
          break;
        }
        case 13 /* drop */:
          this.popAny();
          s?.drop();
          break;
        case 14 /* select */: {
          this.pop(I32);
          const t1 = this.popAny();
          const t2 = this.popAny();
          if (!((isNum(t1) || t1 === UNKNOWN) && (isNum(t2) || t2 === UNKNOWN))) this.fail('type mismatch: select without type needs numeric operands');
          if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail('type mismatch: select operands differ');
          this.push(t1 === UNKNOWN ? t2 : t1);
          s?.select();
          break;
        }
        case 15 /* select_t */: {
          const n = r.u32();
          if (n !== 1) this.fail('invalid result arity for select');
          const t = this.valType();
          if (t === ValType.V128 && simdSupport.engine === null) this.fail(NO_SIMD);
          this.pop(I32);
          this.pop(t);
          this.pop(t);
          this.push(t);
          s?.select();
          break;
        }
        case 16 /* local.get */: {
          const i = r.u32();
          this.push(this.localType(i));
          if (!this.localInit[i]) this.fail(`uninitialized local ${i}`);
          s?.localGet(i);
          break;
        }
        case 17 /* local.set */: {
          const i = r.u32();
          this.pop(this.localType(i));
          this.setLocalInit(i);
          s?.localSet(i);
          break;
        }
        case 18 /* local.tee */: {
          const i = r.u32();
          const t = this.localType(i);
          this.pop(t);
          this.push(t);
          this.setLocalInit(i);
          s?.localTee(i);
          break;
        }
        case 19 /* global.get */: {
          const i = r.u32();
          const g = ctx.globals[i];
          if (!g) this.fail(`unknown global ${i}`);
          this.push(g.type);
          s?.globalGet(i, g.type);
          break;
        }
        case 20 /* global.set */: {
          const i = r.u32();
          const g = ctx.globals[i];
          if (!g) this.fail(`unknown global ${i}`);
          if (!g.mutable) this.fail(`global ${i} is immutable`);
          this.pop(g.type);
          s?.globalSet(i, g.type);
          break;
        }
        case 21 /* table.get */: {
          const t = r.u32();
          const et = this.table(t);
          const at = this.tableAt(t);
          this.pop(at);
          this.push(et);
          this.addr64(s, 0, at);
          s?.tableGet(t);
          break;
        }
        case 22 /* table.set */: {
          const t = r.u32();
          const et = this.table(t);
          const at = this.tableAt(t);
          this.pop(et);
          this.pop(at);
          this.addr64(s, 1, at);
          s?.tableSet(t);
          break;
        }
        case 46 /* memory.size */: {
          const mem = this.memIndex();
          const at = this.memAt(mem);
          this.push(at);
          s?.memorySize(mem);
          if (at === I64) s?.extend64(false);
          break;
        }
        case 47 /* memory.grow */: {
          const mem = this.memIndex();
          const at = this.memAt(mem);
          this.pop(at);
          this.push(at);
          this.addr64(s, 0, at);
          s?.memoryGrow(mem);
          if (at === I64) s?.extend64(true);
          break;
        }
        case 48 /* i32.const */: {
          // read before the call: `s?.` would skip evaluating its argument
          const v = r.s32();
          this.push(I32);
          s?.const32(I32, v);
          break;
        }
        case 49 /* i64.const */: {
          // read before the call: `s?.` would skip evaluating its argument
          const v = r.s64();
          this.push(I64);
          s?.const64(I64, v);
          break;
        }
        case 50 /* f32.const */: {
          // read before the call: `s?.` would skip evaluating its argument
          const v = r.f32bits();
          this.push(F32);
          s?.const32(F32, v);
          break;
        }
        case 51 /* f64.const */: {
          // read before the call: `s?.` would skip evaluating its argument
          const v = r.f64bits();
          this.push(F64);
          s?.const64(F64, v);
          break;
        }
        case 211 /* ref.eq */: {
          this.pop(makeRef(HT.eq, true));
          this.pop(makeRef(HT.eq, true));
          this.push(I32);
          s?.gc(id, EMPTY_IMMS, 2, I32);
          break;
        }
        case 180 /* ref.null */: {
          const t = this.refType();
          this.push(t);
          s?.refNull(t);
          break;
        }
        case 181 /* ref.is_null */: {
          this.popRef();
          this.push(I32);
          s?.refIsNull();
          break;
        }
        case 182 /* ref.func */: {
          const f = r.u32();
          if (ctx.funcTypes[f] === undefined) this.fail(`unknown function ${f}`);
          if (!ctx.declaredRefs.has(f)) this.fail(`undeclared function reference ${f}`);
          this.push(concreteRef(ctx.funcTypes[f]!, false));
          s?.refFunc(f);
          break;
        }
        case 191 /* memory.init */: {
          const seg = r.u32();
          const mem = this.memIndex();
          this.needDataCount();
          if (seg >= ctx.dataCount!) this.fail(`unknown data segment ${seg}`);
          const at = this.memAt(mem);
          this.popN(2);
          this.pop(at);
          this.addr64(s, 2, at);
          s?.bulk(8, seg, mem);
          break;
        }
        case 192 /* data.drop */: {
          const seg = r.u32();
          this.needDataCount();
          if (seg >= ctx.dataCount!) this.fail(`unknown data segment ${seg}`);
          s?.bulk(9, seg, 0);
          break;
        }
        case 193 /* memory.copy */: {
          const dst = this.memIndex();
          const src = this.memIndex();
          this.copyOperands(s, this.memAt(dst), this.memAt(src));
          s?.bulk(10, dst, src);
          break;
        }
        case 194 /* memory.fill */: {
          const mem = this.memIndex();
          const at = this.memAt(mem);
          this.pop(at);
          this.pop(I32);
          this.pop(at);
          this.addr64(s, 0, at);
          this.addr64(s, 2, at);
          s?.bulk(11, mem, 0);
          break;
        }
        case 195 /* table.init */: {
          const seg = r.u32();
          const t = r.u32();
          const et = this.table(t);
          const e = ctx.elemTypes[seg];
          if (e === undefined) this.fail(`unknown elem segment ${seg}`);
          if (!this.matches(e, et)) this.fail('type mismatch: table.init segment and table types differ');
          const at = this.tableAt(t);
          this.popN(2);
          this.pop(at);
          this.addr64(s, 2, at);
          s?.bulk(12, t, seg);
          break;
        }
        case 196 /* elem.drop */: {
          const seg = r.u32();
          if (ctx.elemTypes[seg] === undefined) this.fail(`unknown elem segment ${seg}`);
          s?.bulk(13, seg, 0);
          break;
        }
        case 197 /* table.copy */: {
          const dst = r.u32();
          const src = r.u32();
          if (!this.matches(this.table(src), this.table(dst))) this.fail('type mismatch: table.copy between different element types');
          this.copyOperands(s, this.tableAt(dst), this.tableAt(src));
          s?.bulk(14, dst, src);
          break;
        }
        case 198 /* table.grow */: {
          const t = r.u32();
          const et = this.table(t);
          const at = this.tableAt(t);
          this.pop(at);
          this.pop(et);
          this.push(at);
          this.addr64(s, 0, at);
          s?.bulk(15, t, 0);
          if (at === I64) s?.extend64(true);
          break;
        }
        case 199 /* table.size */: {
          const t = r.u32();
          this.table(t);
          const at = this.tableAt(t);
          this.push(at);
          s?.bulk(16, t, 0);
          if (at === I64) s?.extend64(false);
          break;
        }
        case 200 /* table.fill */: {
          const t = r.u32();
          const et = this.table(t);
          const at = this.tableAt(t);
          this.pop(at);
          this.pop(et);
          this.pop(at);
          this.addr64(s, 0, at);
          this.addr64(s, 2, at);
          s?.bulk(17, t, 0);
          break;
        }
        default: {
          if (byte === PREFIX_FD) {
            // SIMD: immediates, then the signature; the translator gets the immediates as words
            const imms = this.simdImms(id);
            const sg = SIG[id]!;
            const params = SIG_PARAMS[sg]!;
            for (let i = params.length - 1; i >= 0; i--) this.pop(params[i]!);
            const results = SIG_RESULTS[sg]!;
            if (results.length > 0) this.push(results[0]!);
            s?.simd(id, imms);
            break;
          }
          // a simple instruction: its signature, and a memarg for loads and stores
          let offset = 0;
          if (IMM[id] === IMM_MEMARG) offset = this.memarg(ALIGN[id]!);
          const sg = SIG[id]!;
          const params = SIG_PARAMS[sg]!;
          // a load's or store's address (operand 0) has its memory's address type (memory64)
          const a64 = IMM[id] === IMM_MEMARG && this.ctx.memories[this.memArgIndex]!.address64 === true;
          for (let i = params.length - 1; i >= 0; i--) this.pop(i === 0 && a64 ? I64 : params[i]!);
          const results = SIG_RESULTS[sg]!;
          if (results.length > 0) this.push(results[0]!);
          if (s) {
            if (IMM[id] !== IMM_MEMARG) s.simple(id);
            else {
              if (a64) s.addr64(params.length - 1);
              if (results.length > 0) s.load(id, offset, this.memArgIndex);
              else s.store(id, offset, this.memArgIndex);
            }
          }
        }
      }
    }
    this.instrOffset = end;
    this.fail('unexpected end of function body (END opcode expected)');
  }

  /** a SIMD instruction's immediates as IR words: memarg (offset, memory), lane, 16 bytes as 4 words */
  private simdImms(id: number): number[] {
    const k = IMM[id];
    const r = this.r;
    if (k === IMM_MEMARG || k === IMM_MEMARG_LANE) {
      const offset = this.memarg(ALIGN[id]!);
      if (k === IMM_MEMARG) return [offset, this.memArgIndex];
      return [offset, this.memArgIndex, this.lane(id, LANES[id]!)];
    }
    if (k === IMM_LANE) return [this.lane(id, LANES[id]!)];
    if (k === IMM_SHUFFLE || k === IMM_V128) {
      const w = [0, 0, 0, 0];
      for (let i = 0; i < 16; i++) {
        const b = k === IMM_SHUFFLE ? this.lane(id, 32) : r.u8();
        w[i >> 2] |= b << ((i & 3) * 8);
      }
      return w;
    }
    return [];
  }

  private lane(_id: number, n: number): number {
    const l = this.r.u8();
    if (l >= n) this.fail(`invalid lane index ${l} (${n} lanes)`);
    return l;
  }

  // ---- GC (0xfb) -------------------------------------------------------------------------------

  /** the fields of struct or array type x (which must be one) */
  private gcType(x: number, kind: CompKind): readonly FieldType[] {
    if (x >= this.ctx.types.length) this.fail(`unknown type ${x}`);
    if (kindAt(this.ctx, x) !== kind) this.fail(`type mismatch: type ${x} is not ${kind === CompKind.Struct ? 'a struct' : 'an array'} type`);
    return this.ctx.typeDefs[x]!.fields!;
  }

  private field(fs: readonly FieldType[], x: number, k: number): FieldType {
    const f = fs[k];
    if (f === undefined) this.fail(`unknown field ${k} of type ${x}`);
    return f;
  }

  /** a heap type immediate, checked to exist */
  private heapType(): number {
    const h = readHeapType(this.r);
    if (h >= REF_CONCRETE && typeIndexOf(h) >= this.ctx.types.length) this.fail(`unknown type ${typeIndexOf(h)}`);
    return h;
  }

  private kindOf = (h: number): CompKind => kindAt(this.ctx, typeIndexOf(h));

  /** the abstract top of h's hierarchy */
  private top(h: number): number {
    return topOf(h, this.kindOf);
  }

  private readSeg(data: boolean): number {
    const x = this.r.u32();
    if (data) {
      this.needDataCount();
      if (x >= this.ctx.dataCount!) this.fail(`unknown data segment ${x}`);
    } else if (this.ctx.elemTypes[x] === undefined) this.fail(`unknown elem segment ${x}`);
    return x;
  }

  /** one 0xfb instruction (sub-opcode `sub`, instruction id `id`) */
  private gc(id: number, sub: number, s: InstrSink | undefined, end: number): void {
    const r = this.r;
    const un = (t: number): ValType => (t === PACKED_I8 || t === PACKED_I16 ? I32 : (t as ValType));
    const packed = (t: number) => t === PACKED_I8 || t === PACKED_I16;
    const defaultable = (t: number) => !isRefType(t) || isNullable(t);
    switch (sub) {
      case 0x00: // struct.new
      case 0x01: {
        const x = r.u32();
        const fs = this.gcType(x, CompKind.Struct);
        if (sub === 0) for (let k = fs.length - 1; k >= 0; k--) this.pop(un(fs[k]!.type));
        else if (!fs.every((f) => defaultable(f.type))) this.fail(`type mismatch: struct.new_default of type ${x}, which has a non-defaultable field`);
        this.push(concreteRef(x, false));
        s?.gc(id, [x], sub === 0 ? fs.length : 0, concreteRef(x, false));
        return;
      }
      case 0x02: // struct.get, get_s, get_u
      case 0x03:
      case 0x04: {
        const x = r.u32();
        const k = r.u32();
        const f = this.field(this.gcType(x, CompKind.Struct), x, k);
        if ((sub === 2) === packed(f.type)) this.fail(sub === 2 ? `type mismatch: struct.get of packed field ${k} (use get_s or get_u)` : `type mismatch: ${sub === 3 ? 'struct.get_s' : 'struct.get_u'} of unpacked field ${k}`);
        this.pop(concreteRef(x, true));
        this.push(un(f.type));
        s?.gc(id, [x, k], 1, un(f.type));
        return;
      }
      case 0x05: {
        const x = r.u32();
        const k = r.u32();
        const f = this.field(this.gcType(x, CompKind.Struct), x, k);
        if (!f.mutable) this.fail(`field is immutable: struct.set of field ${k} of type ${x}`);
        this.pop(un(f.type));
        this.pop(concreteRef(x, true));
        s?.gc(id, [x, k], 2, undefined);
        return;
      }
      case 0x06: // array.new, new_default, new_fixed, new_data, new_elem
      case 0x07:
      case 0x08:
      case 0x09:
      case 0x0a: {
        const x = r.u32();
        const f = this.gcType(x, CompKind.Array)[0]!;
        const et = un(f.type);
        let imms: number[] = [x];
        let n = 2;
        if (sub === 0x06) {
          this.pop(I32);
          this.pop(et);
        } else if (sub === 0x07) {
          if (!defaultable(f.type)) this.fail(`type mismatch: array.new_default of type ${x}, whose elements are not defaultable`);
          this.pop(I32);
          n = 1;
        } else if (sub === 0x08) {
          const at = r.pos;
          n = r.u32();
          if (n > end - at + 10_000) this.fail(`array.new_fixed length ${n} too large`);
          for (let k = 0; k < n; k++) this.pop(et);
          imms = [x, n];
        } else {
          const seg = this.readSeg(sub === 0x09);
          if (sub === 0x09 && isRefType(et)) this.fail(`type mismatch: array type is not numeric or vector (array.new_data of type ${x})`);
          if (sub === 0x0a && !this.matches(this.ctx.elemTypes[seg]!, et)) this.fail(`type mismatch: elem segment ${seg} does not match the element type of type ${x}`);
          this.pop(I32);
          this.pop(I32);
          imms = [x, seg];
        }
        this.push(concreteRef(x, false));
        s?.gc(id, imms, n, concreteRef(x, false));
        return;
      }
      case 0x0b: // array.get, get_s, get_u
      case 0x0c:
      case 0x0d: {
        const x = r.u32();
        const f = this.gcType(x, CompKind.Array)[0]!;
        if ((sub === 0x0b) === packed(f.type)) this.fail(sub === 0x0b ? 'type mismatch: array.get of a packed array (use get_s or get_u)' : 'type mismatch: array.get_s/get_u of an unpacked array');
        this.pop(I32);
        this.pop(concreteRef(x, true));
        this.push(un(f.type));
        s?.gc(id, [x], 2, un(f.type));
        return;
      }
      case 0x0e: {
        const x = r.u32();
        const f = this.gcType(x, CompKind.Array)[0]!;
        if (!f.mutable) this.fail(`array is immutable: array.set of type ${x}`);
        this.pop(un(f.type));
        this.pop(I32);
        this.pop(concreteRef(x, true));
        s?.gc(id, [x], 3, undefined);
        return;
      }
      case 0x0f:
        this.pop(makeRef(HT.array, true));
        this.push(I32);
        s?.gc(id, EMPTY_IMMS, 1, I32);
        return;
      case 0x10: {
        const x = r.u32();
        const f = this.gcType(x, CompKind.Array)[0]!;
        if (!f.mutable) this.fail(`array is immutable: array.fill of type ${x}`);
        this.pop(I32);
        this.pop(un(f.type));
        this.pop(I32);
        this.pop(concreteRef(x, true));
        s?.gc(id, [x], 4, undefined);
        return;
      }
      case 0x11: {
        const x = r.u32();
        const y = r.u32();
        const fd = this.gcType(x, CompKind.Array)[0]!;
        const fs = this.gcType(y, CompKind.Array)[0]!;
        if (!fd.mutable) this.fail(`array is immutable: array.copy to type ${x}`);
        const ok = packed(fd.type) || packed(fs.type) ? fd.type === fs.type : this.matches(fs.type, fd.type);
        if (!ok) this.fail(`array types do not match: array.copy from type ${y} to type ${x}`);
        this.pop(I32);
        this.pop(I32);
        this.pop(concreteRef(y, true));
        this.pop(I32);
        this.pop(concreteRef(x, true));
        s?.gc(id, [x, y], 5, undefined);
        return;
      }
      case 0x12:
      case 0x13: {
        const x = r.u32();
        const f = this.gcType(x, CompKind.Array)[0]!;
        const seg = this.readSeg(sub === 0x12);
        if (!f.mutable) this.fail(`array is immutable: ${sub === 0x12 ? 'array.init_data' : 'array.init_elem'} of type ${x}`);
        if (sub === 0x12 && isRefType(f.type)) this.fail(`type mismatch: array type is not numeric or vector (array.init_data of type ${x})`);
        if (sub === 0x13 && !this.matches(this.ctx.elemTypes[seg]!, un(f.type))) this.fail(`type mismatch: elem segment ${seg} does not match the element type of type ${x}`);
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        this.pop(concreteRef(x, true));
        s?.gc(id, [x, seg], 4, undefined);
        return;
      }
      case 0x14: // ref.test, ref.test null, ref.cast, ref.cast null
      case 0x15:
      case 0x16:
      case 0x17: {
        const h = this.heapType();
        const nullable = sub === 0x15 || sub === 0x17;
        const t = makeRef(h, nullable);
        // the operand: any reference of the target's hierarchy
        this.pop(makeRef(this.top(h), true));
        this.push(sub < 0x16 ? I32 : t);
        s?.gc(id, [h, nullable ? 1 : 0], 1, sub < 0x16 ? I32 : t);
        return;
      }
      case 0x18: // br_on_cast, br_on_cast_fail
      case 0x19: {
        const flags = r.u8();
        if (flags > 3) this.fail(`malformed br_on_cast flags 0x${flags.toString(16)}`);
        const d = r.u32();
        const h1 = this.heapType();
        const h2 = this.heapType();
        const t1 = makeRef(h1, (flags & 1) !== 0);
        const t2 = makeRef(h2, (flags & 2) !== 0);
        if (!this.matches(t2, t1)) this.fail(`type mismatch: br_on_cast target ${typeName(t2)} is not a subtype of ${typeName(t1)}`);
        // t1 minus t2: non-null when the cast lets null through
        const diff = makeRef(h1, (flags & 1) !== 0 && (flags & 2) === 0);
        const ts = this.labelTypes(this.label(d));
        const last = ts[ts.length - 1];
        const toLabel = sub === 0x18 ? t2 : diff;
        if (last === undefined || !this.matches(toLabel, last)) this.fail(`type mismatch: ${sub === 0x18 ? 'br_on_cast' : 'br_on_cast_fail'} hands ${typeName(toLabel)} to a label of [${ts.map(typeName).join(' ')}]`);
        this.pop(t1);
        const rest = ts.slice(0, -1);
        this.popVals(rest);
        this.pushVals(rest);
        this.push(sub === 0x18 ? diff : t2);
        s?.brOnCast(d, sub === 0x19, h2, (flags & 2) !== 0 ? 1 : 0);
        return;
      }
      case 0x1a: // any.convert_extern, extern.convert_any: the same value, in the other hierarchy
      case 0x1b: {
        const from = sub === 0x1a ? HT.extern : HT.any;
        const t = this.pop(makeRef(from, true));
        this.push(makeRef(sub === 0x1a ? HT.any : HT.extern, t !== UNKNOWN && isNullable(t)));
        return;
      }
      case 0x1c:
        this.pop(I32);
        this.push(makeRef(HT.i31, false));
        s?.gc(id, EMPTY_IMMS, 1, makeRef(HT.i31, false));
        return;
      case 0x1d:
      case 0x1e:
        this.pop(makeRef(HT.i31, true));
        this.push(I32);
        s?.gc(id, EMPTY_IMMS, 1, I32);
        return;
    }
    this.fail(`illegal opcode 0xfb 0x${sub.toString(16)}`);
  }

  private popN(n: number): void {
    for (let i = 0; i < n; i++) this.pop(I32);
  }

  /** a memory index immediate (in 2.0 a zero byte) naming an existing memory */
  private memIndex(): number {
    let mem: number;
    if (this.features.multiMemory) mem = this.r.u32();
    else if (this.r.u8() !== 0) this.fail('zero byte expected');
    else mem = 0;
    if (mem >= this.ctx.memories.length) this.fail(`unknown memory ${mem}`);
    return mem;
  }
}
