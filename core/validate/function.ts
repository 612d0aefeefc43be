/**
 * Function-body validation: the spec's algorithm (Appendix "Validation Algorithm") with an
 * operand-type stack and a control stack, including the polymorphic stack after unreachable code.
 * Each valid instruction is reported to an optional InstrSink (the translator). Errors are
 * CompileErrors naming the function and the byte offset of the offending instruction.
 */
import { CompileError } from '../errors.js';
import { Reader } from '../decode/reader.js';
import { ValType, type FuncType } from '../types.js';
import type { ModuleContext } from './context.js';
import { BlockKind, type InstrSink } from './sink.js';

/** The bottom type of the polymorphic stack. */
const UNKNOWN = 0;
const I32 = ValType.I32;
const I64 = ValType.I64;
const F32 = ValType.F32;
const F64 = ValType.F64;
const EMPTY: readonly ValType[] = [];

interface Ctrl {
  kind: number; // 0 function, or BlockKind
  params: readonly ValType[];
  results: readonly ValType[];
  height: number;
  unreachable: boolean;
}

/** Signatures of the simple numeric opcodes 0x45–0xc4: [operand types..., result type]. */
const NUMERIC_SIG: (readonly number[] | undefined)[] = [];
function sig(from: number, to: number, s: readonly number[]): void {
  for (let op = from; op <= to; op++) NUMERIC_SIG[op] = s;
}
sig(0x45, 0x45, [I32, I32]);
sig(0x46, 0x4f, [I32, I32, I32]);
sig(0x50, 0x50, [I64, I32]);
sig(0x51, 0x5a, [I64, I64, I32]);
sig(0x5b, 0x60, [F32, F32, I32]);
sig(0x61, 0x66, [F64, F64, I32]);
sig(0x67, 0x69, [I32, I32]);
sig(0x6a, 0x78, [I32, I32, I32]);
sig(0x79, 0x7b, [I64, I64]);
sig(0x7c, 0x8a, [I64, I64, I64]);
sig(0x8b, 0x91, [F32, F32]);
sig(0x92, 0x98, [F32, F32, F32]);
sig(0x99, 0x9f, [F64, F64]);
sig(0xa0, 0xa6, [F64, F64, F64]);
sig(0xa7, 0xa7, [I64, I32]);
sig(0xa8, 0xa9, [F32, I32]);
sig(0xaa, 0xab, [F64, I32]);
sig(0xac, 0xad, [I32, I64]);
sig(0xae, 0xaf, [F32, I64]);
sig(0xb0, 0xb1, [F64, I64]);
sig(0xb2, 0xb3, [I32, F32]);
sig(0xb4, 0xb5, [I64, F32]);
sig(0xb6, 0xb6, [F64, F32]);
sig(0xb7, 0xb8, [I32, F64]);
sig(0xb9, 0xba, [I64, F64]);
sig(0xbb, 0xbb, [F32, F64]);
sig(0xbc, 0xbc, [F32, I32]);
sig(0xbd, 0xbd, [F64, I64]);
sig(0xbe, 0xbe, [I32, F32]);
sig(0xbf, 0xbf, [I64, F64]);
sig(0xc0, 0xc1, [I32, I32]);
sig(0xc2, 0xc4, [I64, I64]);
/** 0xfc 0–7: saturating truncations */
const SAT_SIG: readonly (readonly number[])[] = [
  [F32, I32],
  [F32, I32],
  [F64, I32],
  [F64, I32],
  [F32, I64],
  [F32, I64],
  [F64, I64],
  [F64, I64],
];

/** [value type, natural alignment log2] of loads 0x28–0x35 and stores 0x36–0x3e */
const MEM_SIG: (readonly [number, number] | undefined)[] = [];
(
  [
    [0x28, I32, 2],
    [0x29, I64, 3],
    [0x2a, F32, 2],
    [0x2b, F64, 3],
    [0x2c, I32, 0],
    [0x2d, I32, 0],
    [0x2e, I32, 1],
    [0x2f, I32, 1],
    [0x30, I64, 0],
    [0x31, I64, 0],
    [0x32, I64, 1],
    [0x33, I64, 1],
    [0x34, I64, 2],
    [0x35, I64, 2],
    [0x36, I32, 2],
    [0x37, I64, 3],
    [0x38, F32, 2],
    [0x39, F64, 3],
    [0x3a, I32, 0],
    [0x3b, I32, 1],
    [0x3c, I64, 0],
    [0x3d, I64, 1],
    [0x3e, I64, 2],
  ] as const
).forEach(([op, t, a]) => (MEM_SIG[op] = [t, a]));

export function isRef(t: number): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef;
}
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
    default:
      return 'unknown';
  }
}

export class FunctionValidator {
  private readonly vals: number[] = [];
  private readonly ctrls: Ctrl[] = [];
  private readonly locals: ValType[];
  private r!: Reader;
  private instrOffset = 0;
  /** highest operand-stack depth seen, for frame sizing */
  maxHeight = 0;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly funcIndex: number,
    private readonly type: FuncType,
    locals: readonly ValType[],
  ) {
    this.locals = [...type.params, ...locals];
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
    if (actual !== expect && actual !== UNKNOWN && expect !== UNKNOWN) {
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
    this.ctrls.push({ kind, params, results, height: this.vals.length, unreachable: false });
    this.pushVals(params);
  }

  private popCtrl(): Ctrl {
    if (this.ctrls.length === 0) this.fail('unexpected end of control stack');
    const c = this.ctrls[this.ctrls.length - 1]!;
    this.popVals(c.results);
    if (this.vals.length !== c.height) this.fail('type mismatch: values remaining on stack at end of block');
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
    if (b === I32 || b === I64 || b === F32 || b === F64 || b === ValType.V128 || b === ValType.FuncRef || b === ValType.ExternRef) {
      r.pos++;
      if (b === ValType.V128) this.fail('SIMD (v128) is not supported');
      return [EMPTY, [b as ValType]];
    }
    const idx = r.s33();
    if (idx < 0) this.fail('malformed block type');
    const t = this.ctx.types[idx];
    if (!t) this.fail(`unknown type ${idx}`);
    return [t.params, t.results];
  }

  private localType(i: number): ValType {
    const t = this.locals[i];
    if (t === undefined) this.fail(`unknown local ${i}`);
    return t;
  }

  private memarg(maxAlign: number): number {
    const align = this.r.u32();
    const offset = this.r.u32();
    if (this.ctx.memories.length === 0) this.fail('unknown memory 0');
    if (align > maxAlign) this.fail('alignment must not be larger than natural');
    return offset;
  }

  private table(idx: number): ValType {
    const t = this.ctx.tables[idx];
    if (!t) this.fail(`unknown table ${idx}`);
    return t.elem;
  }

  private needDataCount(): void {
    if (this.ctx.dataCount === undefined) this.fail('data count section required');
  }

  private refType(): ValType {
    const b = this.r.u8();
    if (b !== ValType.FuncRef && b !== ValType.ExternRef) this.fail('malformed reference type');
    return b as ValType;
  }

  /**
   * Validate the body in bytes[start, end) and report it to `sink`. Throws CompileError.
   */
  run(bytes: Uint8Array, start: number, end: number, sink: InstrSink | undefined): void {
    const r = new Reader(bytes, start, end);
    this.r = r;
    const ctx = this.ctx;
    this.ctrls.push({ kind: 0, params: EMPTY, results: this.type.results, height: 0, unreachable: false });
    const s = sink;
    while (r.pos < end) {
      this.instrOffset = r.pos;
      if (s) s.srcOffset = r.pos;
      const op = r.u8();
      switch (op) {
        case 0x00:
          this.setUnreachable();
          s?.unreachable();
          break;
        case 0x01:
          break;
        case 0x02:
        case 0x03:
        case 0x04: {
          const [params, results] = this.blockType();
          if (op === 0x04) this.pop(I32);
          this.popVals(params);
          this.pushCtrl(op, params, results);
          s?.block(op as BlockKind, params, results);
          break;
        }
        case 0x05: {
          const c = this.ctrls[this.ctrls.length - 1]!;
          if (c.kind !== BlockKind.If) this.fail('else without matching if');
          this.popCtrl();
          this.pushCtrl(5, c.params, c.results);
          s?.else();
          break;
        }
        case 0x0b: {
          const c = this.popCtrl();
          if (c.kind === 5 || c.kind === BlockKind.If) {
            // `if` without `else` must have matching param and result types
            if (c.kind === BlockKind.If && !sameTypes(c.params, c.results)) this.fail('type mismatch: if without else must have matching params and results');
          }
          if (this.ctrls.length === 0) {
            if (r.pos !== end) this.fail('operators remaining after end of function');
            s?.finish();
            return;
          }
          this.pushVals(c.results);
          s?.end();
          break;
        }
        case 0x0c: {
          const d = r.u32();
          this.popVals(this.labelTypes(this.label(d)));
          this.setUnreachable();
          s?.br(d);
          break;
        }
        case 0x0d: {
          const d = r.u32();
          this.pop(I32);
          const ts = this.labelTypes(this.label(d));
          this.popVals(ts);
          this.pushVals(ts);
          s?.brIf(d);
          break;
        }
        case 0x0e: {
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
        case 0x0f:
          this.popVals(this.type.results);
          this.setUnreachable();
          s?.return();
          break;
        case 0x10: {
          const f = r.u32();
          const ti = ctx.funcTypes[f];
          if (ti === undefined) this.fail(`unknown function ${f}`);
          const t = ctx.types[ti]!;
          this.popVals(t.params);
          this.pushVals(t.results);
          s?.call(f, t);
          break;
        }
        case 0x11: {
          const ti = r.u32();
          const tab = r.u32();
          if (this.table(tab) !== ValType.FuncRef) this.fail('type mismatch: call_indirect requires a funcref table');
          const t = ctx.types[ti];
          if (!t) this.fail(`unknown type ${ti}`);
          this.pop(I32);
          this.popVals(t.params);
          this.pushVals(t.results);
          s?.callIndirect(ti, tab, t);
          break;
        }
        case 0x1a:
          this.popAny();
          s?.drop();
          break;
        case 0x1b: {
          this.pop(I32);
          const t1 = this.popAny();
          const t2 = this.popAny();
          if (!((isNum(t1) || t1 === UNKNOWN) && (isNum(t2) || t2 === UNKNOWN))) this.fail('type mismatch: select without type needs numeric operands');
          if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail('type mismatch: select operands differ');
          this.push(t1 === UNKNOWN ? t2 : t1);
          s?.select();
          break;
        }
        case 0x1c: {
          const n = r.u32();
          if (n !== 1) this.fail('invalid result arity for select');
          const t = r.u8();
          if (!(isNum(t) || isRef(t))) this.fail('malformed value type');
          if (t === ValType.V128) this.fail('SIMD (v128) is not supported');
          this.pop(I32);
          this.pop(t);
          this.pop(t);
          this.push(t);
          s?.select();
          break;
        }
        case 0x20: {
          const i = r.u32();
          this.push(this.localType(i));
          s?.localGet(i);
          break;
        }
        case 0x21: {
          const i = r.u32();
          this.pop(this.localType(i));
          s?.localSet(i);
          break;
        }
        case 0x22: {
          const i = r.u32();
          const t = this.localType(i);
          this.pop(t);
          this.push(t);
          s?.localTee(i);
          break;
        }
        case 0x23: {
          const i = r.u32();
          const g = ctx.globals[i];
          if (!g) this.fail(`unknown global ${i}`);
          this.push(g.type);
          s?.globalGet(i, g.type);
          break;
        }
        case 0x24: {
          const i = r.u32();
          const g = ctx.globals[i];
          if (!g) this.fail(`unknown global ${i}`);
          if (!g.mutable) this.fail(`global ${i} is immutable`);
          this.pop(g.type);
          s?.globalSet(i, g.type);
          break;
        }
        case 0x25: {
          const t = r.u32();
          const et = this.table(t);
          this.pop(I32);
          this.push(et);
          s?.tableGet(t);
          break;
        }
        case 0x26: {
          const t = r.u32();
          const et = this.table(t);
          this.pop(et);
          this.pop(I32);
          s?.tableSet(t);
          break;
        }
        case 0x3f:
        case 0x40: {
          if (r.u8() !== 0) this.fail('zero byte expected');
          if (ctx.memories.length === 0) this.fail('unknown memory 0');
          if (op === 0x3f) {
            this.push(I32);
            s?.memorySize();
          } else {
            this.pop(I32);
            this.push(I32);
            s?.memoryGrow();
          }
          break;
        }
        case 0x41: {
          const v = r.s32();
          this.push(I32);
          s?.const32(I32, v);
          break;
        }
        case 0x42: {
          const v = r.s64();
          this.push(I64);
          s?.const64(I64, v);
          break;
        }
        case 0x43: {
          const v = r.f32bits();
          this.push(F32);
          s?.const32(F32, v);
          break;
        }
        case 0x44: {
          const v = r.f64bits();
          this.push(F64);
          s?.const64(F64, v);
          break;
        }
        case 0xd0: {
          const t = this.refType();
          this.push(t);
          s?.refNull(t);
          break;
        }
        case 0xd1: {
          const t = this.popAny();
          if (t !== UNKNOWN && !isRef(t)) this.fail('type mismatch: ref.is_null needs a reference');
          this.push(I32);
          s?.refIsNull();
          break;
        }
        case 0xd2: {
          const f = r.u32();
          if (ctx.funcTypes[f] === undefined) this.fail(`unknown function ${f}`);
          if (!ctx.declaredRefs.has(f)) this.fail(`undeclared function reference ${f}`);
          this.push(ValType.FuncRef);
          s?.refFunc(f);
          break;
        }
        case 0xfc:
          this.prefixed(r.u32(), s);
          break;
        case 0xfd:
          this.fail('SIMD instructions are not supported');
          break;
        default: {
          const ns = NUMERIC_SIG[op];
          if (ns) {
            if (ns.length === 3) {
              this.pop(ns[1]!);
              this.pop(ns[0]!);
              this.push(ns[2]!);
            } else {
              this.pop(ns[0]!);
              this.push(ns[1]!);
            }
            s?.numeric(op);
            break;
          }
          const ms = MEM_SIG[op];
          if (ms) {
            const offset = this.memarg(ms[1]);
            if (op <= 0x35) {
              this.pop(I32);
              this.push(ms[0]);
              s?.load(op, offset);
            } else {
              this.pop(ms[0]);
              this.pop(I32);
              s?.store(op, offset);
            }
            break;
          }
          this.fail(`illegal opcode 0x${op.toString(16)}`);
        }
      }
    }
    this.instrOffset = end;
    this.fail('unexpected end of function body (END opcode expected)');
  }

  private prefixed(sub: number, s: InstrSink | undefined): void {
    const r = this.r;
    const ctx = this.ctx;
    if (sub <= 7) {
      const sg = SAT_SIG[sub]!;
      this.pop(sg[0]!);
      this.push(sg[1]!);
      s?.numeric(0xfc00 | sub);
      return;
    }
    switch (sub) {
      case 8: {
        // memory.init
        const seg = r.u32();
        if (r.u8() !== 0) this.fail('zero byte expected');
        this.needDataCount();
        if (ctx.memories.length === 0) this.fail('unknown memory 0');
        if (seg >= ctx.dataCount!) this.fail(`unknown data segment ${seg}`);
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        s?.bulk(sub, seg, 0);
        return;
      }
      case 9: {
        const seg = r.u32();
        this.needDataCount();
        if (seg >= ctx.dataCount!) this.fail(`unknown data segment ${seg}`);
        s?.bulk(sub, seg, 0);
        return;
      }
      case 10:
      case 11: {
        if (r.u8() !== 0) this.fail('zero byte expected');
        if (sub === 10 && r.u8() !== 0) this.fail('zero byte expected');
        if (ctx.memories.length === 0) this.fail('unknown memory 0');
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        s?.bulk(sub, 0, 0);
        return;
      }
      case 12: {
        // table.init elem table
        const seg = r.u32();
        const t = r.u32();
        const et = this.table(t);
        const e = ctx.elemTypes[seg];
        if (e === undefined) this.fail(`unknown elem segment ${seg}`);
        if (e !== et) this.fail('type mismatch: table.init segment and table types differ');
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        s?.bulk(sub, t, seg);
        return;
      }
      case 13: {
        const seg = r.u32();
        if (ctx.elemTypes[seg] === undefined) this.fail(`unknown elem segment ${seg}`);
        s?.bulk(sub, seg, 0);
        return;
      }
      case 14: {
        const dst = r.u32();
        const src = r.u32();
        if (this.table(dst) !== this.table(src)) this.fail('type mismatch: table.copy between different element types');
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        s?.bulk(sub, dst, src);
        return;
      }
      case 15: {
        const t = r.u32();
        const et = this.table(t);
        this.pop(I32);
        this.pop(et);
        this.push(I32);
        s?.bulk(sub, t, 0);
        return;
      }
      case 16: {
        const t = r.u32();
        this.table(t);
        this.push(I32);
        s?.bulk(sub, t, 0);
        return;
      }
      case 17: {
        const t = r.u32();
        const et = this.table(t);
        this.pop(I32);
        this.pop(et);
        this.pop(I32);
        s?.bulk(sub, t, 0);
        return;
      }
      default:
        this.fail(`illegal opcode 0xfc 0x${sub.toString(16)}`);
    }
  }
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
