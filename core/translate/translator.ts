/**
 * Translator: turns a validated function body (reported instruction by instruction through
 * InstrSink) into the register-style IR of `exec/ir.ts`.
 *
 * Every operand-stack position p has a home slot `numLocals + p` in the frame. Stack entries are
 * lazy: an entry may still live in a local (after local.get) or be a constant, and only becomes a
 * slot when something needs it there (control-flow joins, calls, conflicting local writes). This
 * folds local.get and constants into the instruction that consumes them; `op; local.set x`
 * retargets the op's destination to the local. Branch targets are absolute code offsets and the
 * value copies a branch needs are emitted explicitly, so the executor never searches for labels.
 */
import { Op } from '../exec/ir.js';
import { ValType, type FuncType } from '../types.js';
import { BlockKind, type InstrSink } from '../validate/sink.js';

const SLOT = 0;
const LOCAL = 1;
const CONST32 = 2;
const CONST64 = 3;

/** operand units */
const S = 0; // slot (64-bit views)
const W = 1; // word (32-bit views)

export interface CompiledFunc {
  readonly code: Int32Array;
  readonly numParams: number;
  /** params + declared locals */
  readonly numLocals: number;
  /** slots the frame needs: locals + maximum operand height */
  readonly frameSize: number;
  /** true when some declared (non-param) local is a reference and must start as null */
  readonly hasRefLocals: boolean;
  /** (code offset, wasm byte offset) pairs, ascending, for backtraces */
  readonly pcMap: Int32Array;
  /** f64 constants that `F64…K` ops name by index (exact bits) */
  readonly consts: Float64Array;
  /** translated with fuel metering (Fuel ops at block entries, bulk ops charge per byte) */
  readonly metered: boolean;
  /** touches reference values, so the machine needs its reference array */
  readonly usesRefs: boolean;
}

/** IR ops that read or write the machine's reference array */
const REF_OPS = new Set<number>([
  Op.MovRef,
  Op.SelectRef,
  Op.GlobalGetRef,
  Op.GlobalSetRef,
  Op.TableGet,
  Op.TableSet,
  Op.TableGrow,
  Op.TableFill,
  Op.RefNull,
  Op.RefIsNull,
  Op.RefFunc,
  Op.ReturnRef,
]);

interface Frame {
  kind: number; // 0 = function, BlockKind, 5 = else
  height: number;
  params: readonly ValType[];
  results: readonly ValType[];
  /** code positions whose value must become this frame's end offset */
  patches: number[];
  /** loop: branch target */
  loopPc: number;
  /** if: position of the BrUnless target field, -1 once patched */
  ifPatch: number;
  live: boolean; // entered from reachable code
}

/** numeric op table: wasm opcode → [ir op, unit d, unit a, unit b (or -1 for unary)] */
const NUM: (readonly [number, number, number, number] | undefined)[] = [];
function num(wasm: number, count: number, ir: number, d: number, a: number, b: number): void {
  for (let i = 0; i < count; i++) NUM[wasm + i] = [ir + i, d, a, b];
}
num(0x45, 1, Op.I32Eqz, W, W, -1);
num(0x46, 10, Op.I32Eq, W, W, W);
num(0x50, 1, Op.I64Eqz, W, W, -1);
num(0x51, 10, Op.I64Eq, W, W, W);
num(0x5b, 6, Op.F32Eq, W, W, W);
num(0x61, 6, Op.F64Eq, W, S, S);
num(0x67, 3, Op.I32Clz, W, W, -1);
num(0x6a, 15, Op.I32Add, W, W, W);
num(0x79, 3, Op.I64Clz, W, W, -1);
num(0x7c, 2, Op.I64Add, W, W, W);
num(0x7e, 1, Op.I64Mul, W, W, W);
num(0x7f, 4, Op.I64DivS, S, S, S);
num(0x83, 3, Op.I64And, W, W, W);
num(0x86, 5, Op.I64Shl, W, W, W);
num(0x8b, 7, Op.F32Abs, W, W, -1);
num(0x92, 7, Op.F32Add, W, W, W);
num(0x99, 2, Op.F64Abs, W, W, -1);
num(0x9b, 5, Op.F64Ceil, S, S, -1);
num(0xa0, 6, Op.F64Add, S, S, S);
num(0xa6, 1, Op.F64Copysign, W, W, W);
num(0xa8, 2, Op.I32TruncF32S, W, W, -1);
num(0xaa, 2, Op.I32TruncF64S, W, S, -1);
num(0xac, 2, Op.I64ExtendI32S, W, W, -1);
num(0xae, 2, Op.I64TruncF32S, S, W, -1);
num(0xb0, 2, Op.I64TruncF64S, S, S, -1);
num(0xb2, 2, Op.F32ConvertI32S, W, W, -1);
num(0xb4, 2, Op.F32ConvertI64S, W, S, -1);
num(0xb6, 1, Op.F32DemoteF64, W, S, -1);
num(0xb7, 2, Op.F64ConvertI32S, S, W, -1);
num(0xb9, 2, Op.F64ConvertI64S, S, S, -1);
num(0xbb, 1, Op.F64PromoteF32, S, W, -1);
num(0xc0, 2, Op.I32Extend8S, W, W, -1);
num(0xc2, 3, Op.I64Extend8S, W, W, -1);
const SAT: readonly (readonly [number, number, number])[] = [
  [Op.I32TruncSatF32S, W, W],
  [Op.I32TruncSatF32U, W, W],
  [Op.I32TruncSatF64S, W, S],
  [Op.I32TruncSatF64U, W, S],
  [Op.I64TruncSatF32S, S, W],
  [Op.I64TruncSatF32U, S, W],
  [Op.I64TruncSatF64S, S, S],
  [Op.I64TruncSatF64U, S, S],
];

/** i32 ops with an immediate right-hand form */
const IMM: (number | undefined)[] = [];
IMM[0x46] = Op.I32EqI;
IMM[0x47] = Op.I32NeI;
IMM[0x48] = Op.I32LtSI;
IMM[0x49] = Op.I32LtUI;
IMM[0x4a] = Op.I32GtSI;
IMM[0x4b] = Op.I32GtUI;
IMM[0x4c] = Op.I32LeSI;
IMM[0x4d] = Op.I32LeUI;
IMM[0x4e] = Op.I32GeSI;
IMM[0x4f] = Op.I32GeUI;
IMM[0x6a] = Op.I32AddI;
IMM[0x6c] = Op.I32MulI;
IMM[0x71] = Op.I32AndI;
IMM[0x72] = Op.I32OrI;
IMM[0x73] = Op.I32XorI;
IMM[0x74] = Op.I32ShlI;
IMM[0x75] = Op.I32ShrSI;
IMM[0x76] = Op.I32ShrUI;
IMM[0x77] = Op.I32RotlI;
IMM[0x78] = Op.I32RotrI;

/** i32 ops for which a constant 0 on the right (after commuting) gives back the left value */
const IDENTITY0 = new Set([0x6a, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78]);

/** i64 ops with a constant right-hand form (d a lo hi) */
const IMM64: (number | undefined)[] = [];
for (let i = 0; i < 10; i++) IMM64[0x51 + i] = Op.I64EqI + i;
IMM64[0x7c] = Op.I64AddI;
IMM64[0x7e] = Op.I64MulI;
IMM64[0x83] = Op.I64AndI;
IMM64[0x84] = Op.I64OrI;
IMM64[0x85] = Op.I64XorI;
IMM64[0x86] = Op.I64ShlI;
IMM64[0x87] = Op.I64ShrSI;
IMM64[0x88] = Op.I64ShrUI;
IMM64[0x89] = Op.I64RotlI;
IMM64[0x8a] = Op.I64RotrI;
const COMMUTATIVE64 = new Set([0x51, 0x52, 0x7c, 0x7e, 0x83, 0x84, 0x85]);

/** f64 ops with a constant right operand, and with a constant left operand (k op a) */
const F64K: Record<number, number> = {
  0x61: Op.F64EqK,
  0x62: Op.F64NeK,
  0x63: Op.F64LtK,
  0x64: Op.F64GtK,
  0x65: Op.F64LeK,
  0x66: Op.F64GeK,
  0xa0: Op.F64AddK,
  0xa1: Op.F64SubK,
  0xa2: Op.F64MulK,
  0xa3: Op.F64DivK,
};
const F64K_LEFT: Record<number, number> = {
  0x61: Op.F64EqK,
  0x62: Op.F64NeK,
  0x63: Op.F64GtK, // k < a  ⇔  a > k
  0x64: Op.F64LtK,
  0x65: Op.F64GeK,
  0x66: Op.F64LeK,
  0xa0: Op.F64AddK,
  0xa1: Op.F64KSub,
  0xa2: Op.F64MulK,
  0xa3: Op.F64KDiv,
};
const NO_CONSTS = new Float64Array(0);

/** shift/rotate by a constant → the xor-with-shifted-operand op it folds into (rotr as rotl) */
const XOR_SHIFT: Record<number, number> = {
  [Op.I32RotlI]: Op.I32XorRotlI,
  [Op.I32RotrI]: Op.I32XorRotlI,
  [Op.I32ShrUI]: Op.I32XorShrUI,
  [Op.I32ShlI]: Op.I32XorShlI,
  [Op.I64ShrUI]: Op.I64XorShrUI,
  [Op.I64ShlI]: Op.I64XorShlI,
};

/** i32 compare opcode → its negation, and → fused branch ops (reg, imm) */
const NEGATE: Record<number, number> = { 0x46: 0x47, 0x47: 0x46, 0x48: 0x4e, 0x4e: 0x48, 0x49: 0x4f, 0x4f: 0x49, 0x4a: 0x4c, 0x4c: 0x4a, 0x4b: 0x4d, 0x4d: 0x4b };
function brCmp(op: number, imm: boolean): number {
  return (imm ? Op.BrEqI : Op.BrEq) + (op - 0x46);
}
/** commutative i32 ops (a constant on the left may be swapped right) */
const COMMUTATIVE = new Set([0x46, 0x47, 0x6a, 0x6c, 0x71, 0x72, 0x73]);

const LOADS: Record<number, number> = {
  0x28: Op.Load32,
  0x29: Op.Load64,
  0x2a: Op.Load32,
  0x2b: Op.Load64,
  0x2c: Op.I32Load8S,
  0x2d: Op.I32Load8U,
  0x2e: Op.I32Load16S,
  0x2f: Op.I32Load16U,
  0x30: Op.I64Load8S,
  0x31: Op.I64Load8U,
  0x32: Op.I64Load16S,
  0x33: Op.I64Load16U,
  0x34: Op.I64Load32S,
  0x35: Op.I64Load32U,
};
const STORES: Record<number, number> = {
  0x36: Op.Store32,
  0x37: Op.Store64,
  0x38: Op.Store32,
  0x39: Op.Store64,
  0x3a: Op.Store8,
  0x3b: Op.Store16,
  0x3c: Op.Store8,
  0x3d: Op.Store16,
  0x3e: Op.Store32,
};
/** memory op → its form with a fused `i32.add a, i` address (static offset 0 only) */
const ADDR_AI: Record<number, number> = {
  [Op.Load32]: Op.Load32AI,
  [Op.Load64]: Op.Load64AI,
  [Op.I32Load8S]: Op.I32Load8SAI,
  [Op.I32Load8U]: Op.I32Load8UAI,
  [Op.I32Load16S]: Op.I32Load16SAI,
  [Op.I32Load16U]: Op.I32Load16UAI,
  [Op.Store32]: Op.Store32AI,
  [Op.Store64]: Op.Store64AI,
  [Op.Store8]: Op.Store8AI,
  [Op.Store16]: Op.Store16AI,
};
/** and/xor followed by an add of its result */
const CHAIN_ADD: Record<number, number> = { [Op.I32And]: Op.I32AndAdd, [Op.I32Xor]: Op.I32XorAdd };

/** accesses with a form for constant addresses */
const ADDR_C: Record<number, number> = {
  [Op.Load32]: Op.Load32C,
  [Op.Load64]: Op.Load64C,
  [Op.Store32]: Op.Store32C,
  [Op.Store64]: Op.Store64C,
};
/** loads that can take in the `i32.add` that wrote the local they read (x = a + i; load x) */
const ADDR_AIT: Record<number, number> = {
  [Op.Load32]: Op.Load32AIT,
  [Op.Load64]: Op.Load64AIT,
  [Op.I32Load8U]: Op.I32Load8UAIT,
};
const LOAD_TYPE: Record<number, ValType> = {
  0x28: ValType.I32,
  0x29: ValType.I64,
  0x2a: ValType.F32,
  0x2b: ValType.F64,
};

function isRefType(t: ValType): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef;
}
function is64(t: ValType): boolean {
  return t === ValType.I64 || t === ValType.F64;
}

/**
 * Fuel costs (documented in docs/limits.md): every Wasm instruction costs 1 unit, except the
 * structural block, loop, else and end, which are free. Bulk memory and table operations cost one
 * more unit per FUEL_BYTES_PER_UNIT bytes (or per element), charged when they run.
 */
export const FUEL_BYTES_PER_UNIT = 16;

export class Translator implements InstrSink {
  private src = 0;
  /** code index of the open Fuel op's count, -1 when not metering */
  private fuelField = -1;
  get srcOffset(): number {
    return this.src;
  }
  /** a basic block began and has no Fuel op yet: the first chargeable instruction emits it */
  private blockPending = false;
  /** the open Fuel op was emitted for the current instruction */
  private fuelJustOpened = false;

  /** set by the validator before each instruction: also charges that instruction's fuel */
  set srcOffset(v: number) {
    this.src = v;
    if (!this.metering || this.dead) return;
    this.fuelJustOpened = this.blockPending;
    if (this.blockPending) {
      this.blockPending = false;
      this.fuelField = this.emit(Op.Fuel, 0) + 1;
      this.lastLen = -1;
    }
    this.code[this.fuelField]!++;
  }
  private code: number[] = [];
  private pcMap: number[] = [];
  private lastMapped = -1;
  // operand stack entries, indexed by position
  private kinds: number[] = [];
  private vals: number[] = [];
  private types: ValType[] = [];
  private c64: bigint[] = [];
  private sp = 0;
  private frames: Frame[] = [];
  private dead = false;
  // the last emitted instruction's destination field, for local.set retargeting
  private lastField = -1;
  private lastUnit = 0;
  private lastPos = -1;
  private lastLen = -1;
  private readonly numLocals: number;
  private readonly localTypes: readonly ValType[];

  constructor(
    private readonly type: FuncType,
    locals: readonly ValType[],
    private readonly metering = false,
  ) {
    this.localTypes = [...type.params, ...locals];
    this.numLocals = this.localTypes.length;
    this.frames.push({ kind: 0, height: 0, params: [], results: type.results, patches: [], loopPc: 0, ifPatch: -1, live: true });
    this.openBlock();
  }

  /**
   * Start a new basic block: code from here is charged by its own Fuel op. The op is emitted
   * lazily, so a block with nothing chargeable costs no dispatch and empty blocks merge.
   */
  private openBlock(): void {
    if (!this.metering) return;
    this.blockPending = true;
    this.fuelJustOpened = false;
  }

  /** the instruction being translated is structural and free: undo its charge */
  private free(): void {
    if (!this.metering || this.dead) return;
    if (this.fuelJustOpened) {
      // this instruction opened the Fuel op: take it back out, the block is still empty
      const start = this.fuelField - 1;
      this.code.length = start;
      if (this.pcMap.length > 0 && this.pcMap[this.pcMap.length - 2] === start) {
        this.pcMap.length -= 2;
        this.lastMapped = -1;
      }
      this.fuelJustOpened = false;
      this.blockPending = true;
      return;
    }
    this.code[this.fuelField]!--;
  }

  // ---- emission helpers -------------------------------------------------------------------

  private usesRefs = false;
  /** f64 constant pool (bit patterns) and its index by bits */
  private pool: bigint[] | null = null;

  private poolIndex(bits: bigint): number {
    // pools are small (a few constants per function): a linear search beats a Map per function
    const pool = (this.pool ??= []);
    let i = pool.indexOf(bits);
    if (i < 0) i = pool.push(bits) - 1;
    return i;
  }

  private emit(...words: number[]): number {
    const start = this.code.length;
    if (REF_OPS.has(words[0]!)) this.usesRefs = true;
    if (this.src !== this.lastMapped) {
      this.pcMap.push(start, this.src);
      this.lastMapped = this.src;
    }
    for (const w of words) this.code.push(w | 0);
    return start;
  }

  /** record that the instruction just emitted at `start` writes position `pos` via field 1 */
  private setLast(start: number, unit: number, pos: number): void {
    this.lastField = start + 1;
    this.lastUnit = unit;
    this.lastPos = pos;
    this.lastLen = this.code.length;
  }

  /** the last emitted i32 compare (start offset, wasm opcode, operands), for branch fusion */
  private cmpStart = -1;
  private cmpOp = 0;
  private cmpA = 0;
  private cmpB = 0;
  private cmpImm = false;

  /** the last emitted i64 shift by a constant (start offset, input, count), for xorshift fusion */
  private shiftStart = -1;
  private shiftA = 0;
  private shiftK = 0;

  private noteShift(start: number, a: number, k: number): void {
    this.shiftStart = start;
    this.shiftA = a;
    this.shiftK = k;
  }

  /**
   * i32/i64.xor (popped entries pa, pb) where one operand is the shift or rotate by a constant
   * just emitted: fold the shift into an xor-with-shifted-operand instruction.
   */
  private xorShift(pa: number, pb: number, rtype: ValType): boolean {
    const sp = this.lastOperand(pa, pb);
    if (sp < 0 || this.shiftStart !== this.lastField - 1) return false;
    const fused = XOR_SHIFT[this.code[this.shiftStart]!];
    const po = sp === pb ? pa : pb;
    const ko = this.kinds[po];
    if (fused === undefined || ko === CONST32 || ko === CONST64) return false;
    const a = this.shiftA;
    const k = this.shiftK;
    this.unemit(this.shiftStart);
    const b = this.loc(po, W); // a local or a slot: no code
    const p = this.pushSlot(rtype);
    const start = this.emit(fused, this.home(p) * 2, b, a, k);
    this.setLast(start, W, p);
    return true;
  }

  /**
   * f64.add/sub/mul (op; popped pa, pb) with an operand that the F64Mul just emitted produced:
   * fold the multiplication in. JS evaluates `a * b + c` with two roundings, as Wasm requires.
   */
  private mulChain(op: number, pa: number, pb: number, rtype: ValType): boolean {
    const sp = this.lastOperand(pa, pb);
    const m = this.lastField - 1;
    if (sp < 0 || m + 4 !== this.code.length) return false;
    const mul = this.code[m];
    if (mul !== Op.F64Mul && !(mul === Op.F64MulK && op === 0xa0)) return false;
    const po = sp === pb ? pa : pb;
    const ko = this.kinds[po];
    if (ko === CONST64) return false;
    const a = this.code[m + 2]!;
    const b = this.code[m + 3]!;
    const fused = mul === Op.F64MulK ? Op.F64MulKAdd : op === 0xa0 ? Op.F64MulAdd : op === 0xa2 ? Op.F64Mul3 : sp === pa ? Op.F64MulSub : Op.F64MulRSub;
    this.unemit(m);
    const c = this.loc(po, S); // a local or a slot: no code
    const p = this.pushSlot(rtype);
    const start = this.emit(fused, this.home(p), a, b, c);
    this.setLast(start, S, p);
    return true;
  }

  /**
   * i32.add/and/xor (`op`) of entries pa and pb (or of pa and the constant `imm` when pa === pb)
   * where one operand is what the add/and/xor just emitted produced: one three-operand op.
   */
  private addChain(pa: number, pb: number, rtype: ValType, imm: number, op: number): boolean {
    const sp = this.lastOperand(pa, pb);
    const m = this.lastField - 1;
    if (sp < 0 || m + 4 !== this.code.length) return false;
    const prev = this.code[m]!;
    const po = sp === pb ? pa : pb;
    if (pa !== pb && this.kinds[po] !== LOCAL && this.kinds[po] !== SLOT) return false;
    // (a + b) + c, (a + b) + i, (a + i) + c; (a & b) ^ c, (a ^ b) & c, (a & b) + c, (a ^ b) + c
    let fused: number | undefined;
    if (op === 0x6a) fused = prev === Op.I32Add ? (pa === pb ? Op.I32AddAddI : Op.I32Add3) : prev === Op.I32AddI && pa !== pb ? Op.I32AddAddI : pa !== pb ? CHAIN_ADD[prev] : undefined;
    else if (pa !== pb) fused = op === 0x73 ? (prev === Op.I32And ? Op.I32AndXor : undefined) : prev === Op.I32Xor ? Op.I32XorAnd : undefined;
    if (fused === undefined) return false;
    const a = this.code[m + 2]!;
    const b = this.code[m + 3]!;
    this.unemit(m);
    const c = pa === pb ? imm : this.loc(po, W); // a local or a slot: no code
    const p = this.pushSlot(rtype);
    const start = prev === Op.I32AddI ? this.emit(fused, this.home(p) * 2, a, c, b) : this.emit(fused, this.home(p) * 2, a, b, c);
    this.setLast(start, W, p);
    return true;
  }

  private noteAdd(start: number, a: number, imm: number): void {
    this.addStart = start;
    this.addA = a;
    this.addImm = imm;
  }

  private noteCompare(start: number, op: number, a: number, b: number, imm: boolean): void {
    this.cmpStart = start;
    this.cmpOp = op;
    this.cmpA = a;
    this.cmpB = b;
    this.cmpImm = imm;
  }

  /** whether entry p holds what the last emitted instruction wrote, with nothing emitted since */
  private producedLast(p: number): boolean {
    return this.kinds[p] === SLOT && this.lastLen === this.code.length && this.lastPos === p;
  }

  /** of two popped operands, the one the last emitted instruction produced, or -1 */
  private lastOperand(pa: number, pb: number): number {
    return this.producedLast(pb) ? pb : this.producedLast(pa) ? pa : -1;
  }

  /** the last emitted I32AddI (start offset and operands), for address fusion */
  private addStart = -1;
  private addA = 0;
  private addImm = 0;

  /** whether entry p holds the sum that the I32AddI just emitted (and nothing after it) computed */
  private justAdded(p: number): boolean {
    return this.producedLast(p) && this.addStart === this.lastField - 1 && this.code[this.addStart] === Op.I32AddI;
  }

  /** take back everything emitted from `start` on (the last instruction, about to be fused) */
  private unemit(start: number): void {
    this.code.length = start;
    while (this.pcMap.length > 0 && this.pcMap[this.pcMap.length - 2]! >= start) this.pcMap.length -= 2;
    this.lastMapped = -1;
    this.lastLen = -1;
    this.cmpStart = -1;
    this.addStart = -1;
    this.shiftStart = -1;
  }

  /**
   * Pop the condition and emit a conditional branch taken when it is non-zero (or zero, when
   * `negate`). A condition computed by the instruction just emitted (an i32 compare or eqz) is
   * fused into the branch. Returns the index of the target field to patch.
   */
  private condBranch(negate: boolean, target: number): number {
    const p = this.sp - 1;
    const fusable = this.producedLast(p) && this.cmpStart === this.lastField - 1;
    if (fusable) {
      this.pop();
      const cmpOp = this.cmpOp;
      const a = this.cmpA;
      const b = this.cmpB;
      const imm = this.cmpImm;
      this.unemit(this.cmpStart);
      if (cmpOp === 0x45) {
        // eqz: taken when a == 0 (a != 0 when negated)
        const f = this.loadBranch(a, negate, 0, target);
        if (f >= 0) return f;
        return this.emit(negate ? Op.BrIf : Op.BrUnless, a, target) + 2;
      }
      const op = negate ? NEGATE[cmpOp]! : cmpOp;
      if (imm && (op === 0x46 || op === 0x47)) {
        const f = this.loadBranch(a, op === 0x47, b, target);
        if (f >= 0) return f;
      }
      return this.emit(brCmp(op, imm), a, b, target) + 3;
    }
    if (this.producedLast(p)) {
      // the value itself: taken when != 0 (== 0 when negated)
      const f = this.loadBranch(this.home(p) * 2, !negate, 0, target);
      if (f >= 0) {
        this.pop();
        return f;
      }
    }
    const c = this.loc(this.pop(), W);
    return this.emit(negate ? Op.BrUnless : Op.BrIf, c, target) + 2;
  }

  /** the last emitted byte load (I32Load8U or I32Load8UAI), for load-compare-branch fusion */
  private loadStart = -1;

  /**
   * If the instruction just emitted loads the byte that a branch on `value (ne ? != : ==) imm`
   * tests (in word `a`), extend it into a load-and-branch op and return the target field to
   * patch; else -1. The fused op keeps the load's position (and backtrace offset).
   */
  private loadBranch(a: number, ne: boolean, imm: number, target: number): number {
    const s = this.loadStart;
    const n = this.code.length;
    if (s < 0 || s + 4 !== n || this.labelAt === n || this.code[s + 1] !== a) return -1;
    const op = this.code[s];
    if (op === Op.I32Load8U) this.code[s] = ne ? Op.Load8UBrNeI : Op.Load8UBrEqI;
    else if (op === Op.I32Load8UAI) this.code[s] = ne ? Op.Load8UAIBrNeI : Op.Load8UAIBrEqI;
    else return -1;
    this.code.push(imm, target);
    this.loadStart = -1;
    this.lastLen = -1;
    return n + 1;
  }

  private home(p: number): number {
    return this.numLocals + p;
  }

  private push(kind: number, val: number, type: ValType): number {
    const p = this.sp++;
    this.kinds[p] = kind;
    this.vals[p] = val;
    this.types[p] = type;
    return p;
  }

  private pushSlot(type: ValType): number {
    return this.push(SLOT, 0, type);
  }

  private pop(): number {
    return --this.sp;
  }

  /** move entry p's value into slot `dst` (no-op if it is already there) */
  private moveTo(dst: number, p: number): void {
    const k = this.kinds[p]!;
    const t = this.types[p]!;
    if (k === CONST32) {
      this.emit(Op.Const32, dst * 2, this.vals[p]!);
      return;
    }
    if (k === CONST64) {
      const b = this.c64[p]!;
      this.emit(Op.Const64, dst * 2, Number(BigInt.asIntN(32, b)), Number(BigInt.asIntN(32, b >> 32n)));
      return;
    }
    const src = k === LOCAL ? this.vals[p]! : this.home(p);
    if (src === dst) return;
    if (isRefType(t)) this.emit(Op.MovRef, dst, src);
    else if (is64(t)) this.emit(Op.Mov64, dst * 2, src * 2);
    else this.emitMov32(dst * 2, src * 2);
  }

  /** code offset of the last label (branch target) defined, and of the last lone Mov32 */
  private labelAt = -1;
  private movAt = -1;

  /** define a label at the current end of the code */
  private label(): number {
    return (this.labelAt = this.code.length);
  }

  /**
   * A Mov32 right after another (no label between) merges with it into one Mov32x2; one that
   * copies the result of the I32AddI just before it makes that a two-destination I32AddI2.
   */
  private emitMov32(d: number, a: number): void {
    const n = this.code.length;
    const add = this.addStart;
    if (add >= 0 && add + 4 === n && this.labelAt !== n && this.code[add] === Op.I32AddI && this.code[add + 1] === a) {
      this.code[add] = Op.I32AddI2;
      this.code.push(d);
      this.addStart = -1;
      this.movAt = -1;
      return;
    }
    if (this.movAt >= 0 && this.movAt + 3 === n && this.labelAt !== n && this.code[this.movAt] === Op.Mov32) {
      this.code[this.movAt] = Op.Mov32x2;
      this.code.push(d, a);
      this.movAt = -1;
      return;
    }
    this.movAt = this.emit(Op.Mov32, d, a);
  }

  private materialize(p: number): void {
    if (this.kinds[p] === SLOT) return;
    this.moveTo(this.home(p), p);
    this.kinds[p] = SLOT;
  }

  private materializeAll(): void {
    for (let p = 0; p < this.sp; p++) this.materialize(p);
  }

  private materializeRange(from: number): void {
    for (let p = from; p < this.sp; p++) this.materialize(p);
  }

  /** location of entry p in the given unit, materializing constants */
  private loc(p: number, unit: number): number {
    const k = this.kinds[p]!;
    if (k === CONST32 || k === CONST64) this.materialize(p);
    const slot = this.kinds[p] === LOCAL ? this.vals[p]! : this.home(p);
    return unit === W ? slot * 2 : slot;
  }

  private frame(depth: number): Frame {
    return this.frames[this.frames.length - 1 - depth]!;
  }

  private setDead(): void {
    this.dead = true;
    this.sp = this.frames[this.frames.length - 1]!.height;
    this.lastLen = -1;
  }

  /** emit the copies a branch to `f` needs and return its arity */
  private branchCopies(f: Frame): void {
    const n = f.kind === BlockKind.Loop ? f.params.length : f.results.length;
    const base = this.sp - n;
    for (let i = 0; i < n; i++) this.moveTo(this.home(f.height + i), base + i);
  }

  private needsCopies(f: Frame): boolean {
    const n = f.kind === BlockKind.Loop ? f.params.length : f.results.length;
    const base = this.sp - n;
    for (let i = 0; i < n; i++) {
      if (this.kinds[base + i] !== SLOT || base + i !== f.height + i) return true;
    }
    return false;
  }

  /** jump to frame f's label (after copies were emitted) */
  private jump(f: Frame): void {
    if (f.kind === BlockKind.Loop) {
      this.emit(Op.Br, f.loopPc);
    } else {
      const at = this.emit(Op.Br, 0);
      f.patches.push(at + 1);
    }
  }

  private emitReturn(): void {
    const results = this.type.results;
    const n = results.length;
    const base = this.sp - n;
    if (n === 0) {
      this.emit(Op.Return);
      return;
    }
    if (n === 1) {
      const t = results[0]!;
      if (isRefType(t)) this.emit(Op.ReturnRef, this.loc(base, S));
      else this.emit(is64(t) ? Op.Return64 : Op.Return32, this.loc(base, W));
      return;
    }
    // locals may be overwritten by earlier result copies: take them into slots first
    for (let i = 0; i < n; i++) if (this.kinds[base + i] === LOCAL) this.materialize(base + i);
    for (let i = 0; i < n; i++) this.moveTo(i, base + i);
    this.emit(Op.Return);
  }

  /**
   * Emit a branch to `depth`. The code may run only on one path (a br_if's taken side, a
   * br_table stub), so any entry it materializes is restored afterwards: the other path never
   * wrote those slots.
   */
  private branch(depth: number): void {
    const saved = this.kinds.slice(0, this.sp);
    if (depth === this.frames.length - 1) {
      this.emitReturn();
    } else {
      const f = this.frame(depth);
      this.branchCopies(f);
      this.jump(f);
    }
    for (let p = 0; p < saved.length; p++) this.kinds[p] = saved[p]!;
  }

  // ---- InstrSink ---------------------------------------------------------------------------

  unreachable(): void {
    if (this.dead) return;
    this.emit(Op.Unreachable);
    this.setDead();
  }

  block(kind: BlockKind, params: readonly ValType[], results: readonly ValType[]): void {
    if (kind !== BlockKind.If) this.free();
    if (this.dead) {
      this.frames.push({ kind, height: this.sp, params, results, patches: [], loopPc: 0, ifPatch: -1, live: false });
      return;
    }
    if (kind === BlockKind.If) {
      // materialize below the condition first so a fused compare stays the last instruction
      const c = this.sp - 1;
      for (let p = 0; p < c; p++) this.materialize(p);
    } else this.materializeAll();
    const ifPatch = kind === BlockKind.If ? this.condBranch(true, 0) : -1;
    const f: Frame = { kind, height: this.sp - params.length, params, results, patches: [], loopPc: this.label(), ifPatch, live: true };
    this.frames.push(f);
    // a loop header is a branch target; an if's then-arm runs only when taken
    if (kind !== BlockKind.Block) this.openBlock();
    this.lastLen = -1;
  }

  else(): void {
    this.free();
    const f = this.frames[this.frames.length - 1]!;
    if (!this.dead) {
      this.materializeAll();
      this.jump(f);
    }
    if (f.ifPatch >= 0) {
      this.code[f.ifPatch] = this.label();
      f.ifPatch = -1;
    }
    f.kind = 5;
    this.sp = f.height;
    for (const t of f.params) this.pushSlot(t);
    this.dead = !f.live;
    if (!this.dead) this.openBlock();
    this.lastLen = -1;
  }

  end(): void {
    this.free();
    const f = this.frames.pop()!;
    if (!this.dead) this.materializeAll();
    const here = this.label();
    for (const at of f.patches) this.code[at] = here;
    if (f.ifPatch >= 0) this.code[f.ifPatch] = here;
    this.sp = f.height;
    for (const t of f.results) this.pushSlot(t);
    this.dead = !f.live;
    // a join point: fall-through and branches both enter here
    if (!this.dead) this.openBlock();
    this.lastLen = -1;
  }

  br(depth: number): void {
    if (this.dead) return;
    this.branch(depth);
    this.setDead();
  }

  brIf(depth: number): void {
    if (this.dead) return;
    const toFunc = depth === this.frames.length - 1;
    const f = this.frame(depth);
    // copies decided with the condition still on the stack above the carried values
    this.sp--;
    const copies = toFunc || this.needsCopies(f);
    this.sp++;
    if (!copies) {
      const field = this.condBranch(false, f.loopPc);
      if (f.kind !== BlockKind.Loop) f.patches.push(field);
    } else {
      const skip = this.condBranch(true, 0);
      this.branch(depth);
      this.code[skip] = this.label();
    }
    // the fall-through runs only when the branch is not taken
    this.openBlock();
    this.lastLen = -1;
  }

  brTable(depths: readonly number[], dflt: number): void {
    if (this.dead) return;
    const idx = this.loc(this.pop(), W);
    const all = [...depths, dflt];
    const at = this.emit(Op.BrTable, idx, depths.length, ...all.map(() => 0));
    const stubs = new Map<number, number>();
    for (let i = 0; i < all.length; i++) {
      const d = all[i]!;
      const field = at + 3 + i;
      const toFunc = d === this.frames.length - 1;
      const f = this.frame(d);
      if (!toFunc && !this.needsCopies(f)) {
        if (f.kind === BlockKind.Loop) this.code[field] = f.loopPc;
        else f.patches.push(field);
        continue;
      }
      let stub = stubs.get(d);
      if (stub === undefined) {
        stub = this.label();
        stubs.set(d, stub);
        this.branch(d);
      }
      this.code[field] = stub;
    }
    this.setDead();
  }

  return(): void {
    if (this.dead) return;
    this.emitReturn();
    this.setDead();
  }

  private callArgs(type: FuncType): number {
    const n = type.params.length;
    this.materializeRange(this.sp - n);
    const base = this.home(this.sp - n);
    this.sp -= n;
    return base;
  }

  call(funcIndex: number, type: FuncType): void {
    if (this.dead) return;
    const base = this.callArgs(type);
    this.emit(Op.Call, funcIndex, base);
    for (const t of type.results) this.pushSlot(t);
    this.lastLen = -1;
  }

  callIndirect(typeIndex: number, table: number, type: FuncType): void {
    if (this.dead) return;
    const c = this.loc(this.pop(), W);
    const base = this.callArgs(type);
    this.emit(Op.CallIndirect, typeIndex, table, c, base);
    for (const t of type.results) this.pushSlot(t);
    this.lastLen = -1;
  }

  drop(): void {
    if (this.dead) return;
    this.pop();
  }

  select(): void {
    if (this.dead) return;
    const pc = this.pop();
    const pb = this.pop();
    const pa = this.pop();
    const t = this.types[pa]!;
    const c = this.loc(pc, W);
    let start: number;
    let unit = W;
    if (isRefType(t)) {
      start = this.emit(Op.SelectRef, this.home(pa), this.loc(pa, S), this.loc(pb, S), c);
      unit = S;
    } else {
      const a = this.loc(pa, W);
      const b = this.loc(pb, W);
      start = this.emit(is64(t) ? Op.Select64 : Op.Select32, this.home(pa) * 2, a, b, c);
    }
    this.pushSlot(t);
    this.setLast(start, unit, pa);
  }

  localGet(index: number): void {
    if (this.dead) return;
    this.push(LOCAL, index, this.localTypes[index]!);
  }

  private setLocal(index: number, keep: boolean): void {
    const p = this.sp - 1;
    const t = this.localTypes[index]!;
    if (this.kinds[p] === LOCAL && this.vals[p] === index) {
      if (!keep) this.pop();
      return;
    }
    let refsBelow = false;
    for (let q = 0; q < p; q++) {
      if (this.kinds[q] === LOCAL && this.vals[q] === index) {
        refsBelow = true;
        break;
      }
    }
    if (!refsBelow && this.producedLast(p)) {
      // retarget the producing instruction straight into the local
      this.code[this.lastField] = this.lastUnit === W ? index * 2 : index;
    } else {
      if (refsBelow) for (let q = 0; q < p; q++) if (this.kinds[q] === LOCAL && this.vals[q] === index) this.materialize(q);
      this.moveTo(index, p);
    }
    this.pop();
    if (keep) this.push(LOCAL, index, t);
    this.lastLen = -1;
  }

  localSet(index: number): void {
    if (this.dead) return;
    this.setLocal(index, false);
  }

  localTee(index: number): void {
    if (this.dead) return;
    this.setLocal(index, true);
  }

  globalGet(index: number, type: ValType): void {
    if (this.dead) return;
    const p = this.pushSlot(type);
    let start: number;
    if (isRefType(type)) start = this.emit(Op.GlobalGetRef, this.home(p), index);
    else start = this.emit(is64(type) ? Op.GlobalGet64 : Op.GlobalGet32, this.home(p) * 2, index);
    this.setLast(start, isRefType(type) ? S : W, p);
  }

  globalSet(index: number, type: ValType): void {
    if (this.dead) return;
    const p = this.pop();
    if (isRefType(type)) this.emit(Op.GlobalSetRef, index, this.loc(p, S));
    else this.emit(is64(type) ? Op.GlobalSet64 : Op.GlobalSet32, index, this.loc(p, W));
    this.lastLen = -1;
  }

  tableGet(table: number): void {
    if (this.dead) return;
    const i = this.loc(this.pop(), W);
    const p = this.pushSlot(ValType.FuncRef); // type refined below
    this.types[p] = this.tableElemType(table);
    const start = this.emit(Op.TableGet, this.home(p), table, i);
    this.setLast(start, S, p);
  }

  tableSet(table: number): void {
    if (this.dead) return;
    const v = this.loc(this.pop(), S);
    const i = this.loc(this.pop(), W);
    this.emit(Op.TableSet, table, i, v);
    this.lastLen = -1;
  }

  /** element types of tables, set by the module compiler */
  tableTypes: readonly ValType[] = [];
  private tableElemType(t: number): ValType {
    return this.tableTypes[t] ?? ValType.FuncRef;
  }

  load(op: number, offset: number): void {
    if (this.dead) return;
    const type = LOAD_TYPE[op] ?? (op <= 0x2f ? ValType.I32 : ValType.I64);
    const fused = offset === 0 ? ADDR_AI[LOADS[op]!] : undefined;
    if (fused !== undefined && this.justAdded(this.sp - 1)) {
      const a = this.addA;
      const imm = this.addImm;
      this.unemit(this.addStart);
      const p = this.pop();
      this.pushSlot(type);
      const start = this.emit(fused, this.home(p) * 2, a, imm);
      this.setLast(start, W, p);
      this.loadStart = start;
      return;
    }
    const pa = this.sp - 1;
    const cOp = ADDR_C[LOADS[op]!];
    if (cOp !== undefined && this.kinds[pa] === CONST32) {
      const ea = (this.vals[pa]! >>> 0) + (offset >>> 0);
      if (ea <= 0x7fffffff) {
        // a constant address: the effective address is known now
        this.pop();
        const p = this.pushSlot(type);
        const start = this.emit(cOp, this.home(p) * 2, ea);
        this.setLast(start, W, p);
        this.loadStart = -1;
        return;
      }
    }
    const tee = offset === 0 ? ADDR_AIT[LOADS[op]!] : undefined;
    const s = this.addStart;
    const n = this.code.length;
    if (tee !== undefined && this.kinds[pa] === LOCAL && s >= 0 && s + 4 === n && this.labelAt !== n && this.code[s] === Op.I32AddI && this.code[s + 1] === this.vals[pa]! * 2) {
      // the add just emitted wrote local x and the load reads x: one add-and-load instruction
      // (x is still written), mapped to the load's offset since only the load can trap
      this.pop();
      const p = this.pushSlot(type);
      const x = this.code[s + 1]!;
      this.code[s] = tee;
      this.code[s + 1] = this.home(p) * 2;
      this.code.splice(s + 2, 0, x);
      if (this.pcMap.length > 0 && this.pcMap[this.pcMap.length - 2] === s) this.pcMap[this.pcMap.length - 1] = this.src;
      else this.pcMap.push(s, this.src);
      this.lastMapped = this.src;
      this.addStart = -1;
      this.loadStart = -1;
      this.setLast(s, W, p);
      return;
    }
    const a = this.loc(this.pop(), W);
    const p = this.pushSlot(type);
    const start = this.emit(LOADS[op]!, this.home(p) * 2, a, offset);
    this.setLast(start, W, p);
    this.loadStart = start;
  }

  store(op: number, offset: number): void {
    if (this.dead) return;
    const pv = this.sp - 1;
    const fused = offset === 0 ? ADDR_AI[STORES[op]!] : undefined;
    // the value must not need code between the add and the store that could clobber the add's input
    const kv = this.kinds[pv];
    const valueFree = kv === LOCAL || ((kv === CONST32 || kv === CONST64) && this.addA !== this.home(pv) * 2);
    if (fused !== undefined && valueFree && this.justAdded(pv - 1)) {
      const a = this.addA;
      const imm = this.addImm;
      this.unemit(this.addStart);
      this.sp -= 2;
      this.emit(fused, a, this.loc(pv, W), imm);
      this.lastLen = -1;
      return;
    }
    const cOp = ADDR_C[STORES[op]!];
    if (cOp !== undefined && this.kinds[pv - 1] === CONST32) {
      const ea = (this.vals[pv - 1]! >>> 0) + (offset >>> 0);
      if (ea <= 0x7fffffff) {
        this.sp -= 2;
        this.emit(cOp, ea, this.loc(pv, W));
        this.lastLen = -1;
        return;
      }
    }
    const v = this.loc(this.pop(), W);
    const a = this.loc(this.pop(), W);
    this.emit(STORES[op]!, a, v, offset);
    this.lastLen = -1;
  }

  memorySize(): void {
    if (this.dead) return;
    const p = this.pushSlot(ValType.I32);
    const start = this.emit(Op.MemorySize, this.home(p) * 2);
    this.setLast(start, W, p);
  }

  memoryGrow(): void {
    if (this.dead) return;
    const a = this.loc(this.pop(), W);
    const p = this.pushSlot(ValType.I32);
    const start = this.emit(Op.MemoryGrow, this.home(p) * 2, a);
    this.setLast(start, W, p);
  }

  const32(type: ValType, bits: number): void {
    if (this.dead) return;
    this.push(CONST32, bits | 0, type);
  }

  const64(type: ValType, bits: bigint): void {
    if (this.dead) return;
    const p = this.push(CONST64, 0, type);
    this.c64[p] = bits;
  }

  numeric(op: number): void {
    if (this.dead) return;
    if (op >= 0xbc && op <= 0xbf) {
      // reinterpret: same bits, new type
      const p = this.sp - 1;
      this.types[p] = op === 0xbc ? ValType.I32 : op === 0xbd ? ValType.I64 : op === 0xbe ? ValType.F32 : ValType.F64;
      return;
    }
    if (op === 0xa7) {
      // i32.wrap_i64: the low word of the i64 slot is the result
      const p = this.sp - 1;
      if (this.kinds[p] === CONST64) {
        this.kinds[p] = CONST32;
        this.vals[p] = Number(BigInt.asIntN(32, this.c64[p]!));
      }
      this.types[p] = ValType.I32;
      return;
    }
    let ir: number;
    let ud: number;
    let ua: number;
    let ub: number;
    if (op >= 0xfc00) {
      const s = SAT[op & 0xff]!;
      ir = s[0];
      ud = s[1];
      ua = s[2];
      ub = -1;
    } else {
      const e = NUM[op]!;
      ir = e[0];
      ud = e[1];
      ua = e[2];
      ub = e[3];
    }
    const rtype = resultType(op);
    if (ub < 0) {
      const pa = this.pop();
      const a = this.loc(pa, ua);
      const p = this.pushSlot(rtype);
      const start = this.emit(ir, ud === W ? this.home(p) * 2 : this.home(p), a);
      this.setLast(start, ud, p);
      if (op === 0x45) this.noteCompare(start, op, a, 0, false);
      return;
    }
    const pb = this.pop();
    const pa = this.pop();
    if ((op === 0x73 || op === 0x85) && this.xorShift(pa, pb, rtype)) return;
    if (op >= 0xa0 && op <= 0xa2 && this.mulChain(op, pa, pb, rtype)) return;
    const imm64 = IMM64[op];
    if (imm64 !== undefined) {
      let left = -1;
      let c: bigint | undefined;
      if (this.kinds[pb] === CONST64) {
        left = pa;
        c = this.c64[pb]!;
      } else if (this.kinds[pa] === CONST64 && COMMUTATIVE64.has(op)) {
        left = pb;
        c = this.c64[pa]!;
      }
      if (c !== undefined && imm64 === Op.I64MulI && this.producedLast(left)) {
        // (b ^ (a >>> k)) * c with the xorshift just emitted: one finalizer step
        const m = this.lastField - 1;
        if (this.code[m] === Op.I64XorShrUI && m + 5 === this.code.length) {
          const b = this.code[m + 2]!;
          const a = this.code[m + 3]!;
          const k = this.code[m + 4]!;
          this.unemit(m);
          const p = this.pushSlot(rtype);
          const start = this.emit(Op.I64XorShrUIMulI, this.home(p) * 2, b, a, k, Number(BigInt.asIntN(32, c)), Number(BigInt.asIntN(32, c >> 32n)));
          this.setLast(start, W, p);
          return;
        }
      }
      if (c !== undefined) {
        const a = this.loc(left, W);
        const p = this.pushSlot(rtype);
        const start = this.emit(imm64, this.home(p) * 2, a, Number(BigInt.asIntN(32, c)), Number(BigInt.asIntN(32, c >> 32n)));
        this.setLast(start, W, p);
        if (XOR_SHIFT[imm64] !== undefined) this.noteShift(start, a, Number(c & 63n));
        return;
      }
    } else if (F64K[op] !== undefined && (this.kinds[pb] === CONST64 || this.kinds[pa] === CONST64)) {
      // f64 op with a constant operand: the constant comes from the pool, no Const64 dispatch
      const right = this.kinds[pb] === CONST64;
      const k = this.poolIndex(this.c64[right ? pb : pa]!);
      const a = this.loc(right ? pa : pb, S);
      const p = this.pushSlot(rtype);
      const start = this.emit((right ? F64K : F64K_LEFT)[op]!, ud === W ? this.home(p) * 2 : this.home(p), a, k);
      this.setLast(start, ud, p);
      return;
    } else if (op === 0x7d && this.kinds[pb] === CONST64) {
      // i64.sub x, c  →  i64.add x, -c
      const c = -this.c64[pb]!;
      const a = this.loc(pa, W);
      const p = this.pushSlot(rtype);
      const start = this.emit(Op.I64AddI, this.home(p) * 2, a, Number(BigInt.asIntN(32, c)), Number(BigInt.asIntN(32, c >> 32n)));
      this.setLast(start, W, p);
      return;
    }
    const immOp = IMM[op];
    if (immOp !== undefined) {
      let imm: number | undefined;
      let left = pa;
      if (this.kinds[pb] === CONST32) {
        imm = this.vals[pb]!;
      } else if (this.kinds[pa] === CONST32 && COMMUTATIVE.has(op)) {
        imm = this.vals[pa]!;
        left = pb;
      }
      if (imm !== undefined && IDENTITY0.has(op) && (op < 0x74 ? imm : imm & 31) === 0 && (left === pa || this.kinds[left] === LOCAL)) {
        // x + 0, x | 0, x ^ 0, shifts and rotates by 0: the value itself, no instruction
        // (a value in a slot stays where it is; a local operand is simply relabelled)
        if (left !== pa) {
          this.kinds[pa] = LOCAL;
          this.vals[pa] = this.vals[left]!;
          this.lastLen = -1;
        }
        this.sp = pa + 1;
        this.types[pa] = rtype;
        return;
      }
      if (imm !== undefined && op === 0x6a && this.kinds[left === pa ? pb : pa] === CONST32 && this.addChain(left, left, rtype, imm, op)) return;
      if (imm !== undefined) {
        const a = this.loc(left, W);
        const p = this.pushSlot(rtype);
        const mv = this.movAt;
        const n = this.code.length;
        if (immOp === Op.I32AddI && mv >= 0 && mv + 3 === n && this.labelAt !== n && this.code[mv] === Op.Mov32 && this.code[mv + 1] === a) {
          // `Mov32 t x; I32AddI d t i`: one instruction that copies x to t and adds from x
          const x = this.code[mv + 2]!;
          this.code[mv] = Op.I32MovAddI;
          this.code[mv + 1] = this.home(p) * 2;
          this.code[mv + 2] = x;
          this.code.push(imm, a);
          this.movAt = -1;
          this.setLast(mv, W, p);
          return;
        }
        const start = this.emit(immOp, this.home(p) * 2, a, imm);
        this.setLast(start, W, p);
        if (op <= 0x4f) this.noteCompare(start, op, a, imm, true);
        else if (op === 0x6a) this.noteAdd(start, a, imm);
        else if (XOR_SHIFT[immOp] !== undefined) this.noteShift(start, a, immOp === Op.I32RotrI ? (32 - (imm & 31)) & 31 : imm & 31);
        return;
      }
    } else if (op === 0x6b && this.kinds[pb] === CONST32 && this.vals[pb] === 0 && this.kinds[pa] !== CONST32) {
      // x - 0: the value itself
      this.sp = pa + 1;
      return;
    } else if (op === 0x6b && this.kinds[pb] === CONST32) {
      // i32.sub x, c  →  i32.add x, -c
      const a = this.loc(pa, W);
      const p = this.pushSlot(rtype);
      const start = this.emit(Op.I32AddI, this.home(p) * 2, a, -this.vals[pb]! | 0);
      this.setLast(start, W, p);
      this.noteAdd(start, a, -this.vals[pb]! | 0);
      return;
    }
    if ((op === 0x6a || op === 0x71 || op === 0x73) && this.addChain(pa, pb, rtype, -1, op)) return;
    const a = this.loc(pa, ua);
    const b = this.loc(pb, ub);
    const p = this.pushSlot(rtype);
    const start = this.emit(ir, ud === W ? this.home(p) * 2 : this.home(p), a, b);
    this.setLast(start, ud, p);
    if (op >= 0x46 && op <= 0x4f) this.noteCompare(start, op, a, b, false);
  }

  refNull(type: ValType): void {
    if (this.dead) return;
    const p = this.pushSlot(type);
    const start = this.emit(Op.RefNull, this.home(p));
    this.setLast(start, S, p);
  }

  refIsNull(): void {
    if (this.dead) return;
    const a = this.loc(this.pop(), S);
    const p = this.pushSlot(ValType.I32);
    const start = this.emit(Op.RefIsNull, this.home(p) * 2, a);
    this.setLast(start, W, p);
  }

  refFunc(index: number): void {
    if (this.dead) return;
    const p = this.pushSlot(ValType.FuncRef);
    const start = this.emit(Op.RefFunc, this.home(p), index);
    this.setLast(start, S, p);
  }

  bulk(sub: number, x: number, y: number): void {
    if (this.dead) return;
    switch (sub) {
      case 8: {
        const n = this.loc(this.pop(), W);
        const s = this.loc(this.pop(), W);
        const d = this.loc(this.pop(), W);
        this.emit(Op.MemoryInit, x, d, s, n);
        break;
      }
      case 9:
        this.emit(Op.DataDrop, x);
        break;
      case 10:
      case 11: {
        const n = this.loc(this.pop(), W);
        const v = this.loc(this.pop(), W);
        const d = this.loc(this.pop(), W);
        this.emit(sub === 10 ? Op.MemoryCopy : Op.MemoryFill, d, v, n);
        break;
      }
      case 12: {
        const n = this.loc(this.pop(), W);
        const s = this.loc(this.pop(), W);
        const d = this.loc(this.pop(), W);
        this.emit(Op.TableInit, x, y, d, s, n);
        break;
      }
      case 13:
        this.emit(Op.ElemDrop, x);
        break;
      case 14: {
        const n = this.loc(this.pop(), W);
        const s = this.loc(this.pop(), W);
        const d = this.loc(this.pop(), W);
        this.emit(Op.TableCopy, x, y, d, s, n);
        break;
      }
      case 15: {
        const n = this.loc(this.pop(), W);
        const v = this.loc(this.pop(), S);
        const p = this.pushSlot(ValType.I32);
        const start = this.emit(Op.TableGrow, this.home(p) * 2, x, v, n);
        this.setLast(start, W, p);
        return;
      }
      case 16: {
        const p = this.pushSlot(ValType.I32);
        const start = this.emit(Op.TableSize, this.home(p) * 2, x);
        this.setLast(start, W, p);
        return;
      }
      case 17: {
        const n = this.loc(this.pop(), W);
        const v = this.loc(this.pop(), S);
        const i = this.loc(this.pop(), W);
        this.emit(Op.TableFill, x, i, v, n);
        break;
      }
    }
    this.lastLen = -1;
  }

  finish(): void {
    this.free(); // the body's final `end`
    if (!this.dead) this.emitReturn();
    const f = this.frames.pop()!;
    const here = this.code.length;
    for (const at of f.patches) this.code[at] = here;
  }

  /** Build the compiled function; `maxHeight` comes from validation. */
  result(maxHeight: number): CompiledFunc {
    const numParams = this.type.params.length;
    let hasRefLocals = false;
    for (let i = numParams; i < this.numLocals; i++) if (isRefType(this.localTypes[i]!)) hasRefLocals = true;
    // results may be wider than the frame when a function has more results than locals+stack
    const frameSize = Math.max(this.numLocals + maxHeight, this.type.results.length, 1);
    let consts = NO_CONSTS;
    if (this.pool !== null) {
      consts = new Float64Array(this.pool.length);
      // written as integers so NaN payloads keep their exact bits
      new BigInt64Array(consts.buffer).set(this.pool.map((b) => BigInt.asIntN(64, b)));
    }
    return {
      code: Int32Array.from(this.code),
      consts,
      numParams,
      numLocals: this.numLocals,
      frameSize,
      hasRefLocals,
      pcMap: Int32Array.from(this.pcMap),
      metered: this.metering,
      usesRefs: this.usesRefs || hasRefLocals,
    };
  }
}

function resultType(op: number): ValType {
  if (op >= 0xfc00) return (op & 0xff) < 4 ? ValType.I32 : ValType.I64;
  if (op <= 0x78) return ValType.I32; // i32 ops and all compares
  if (op <= 0x8a) return ValType.I64;
  if (op <= 0x98) return ValType.F32;
  if (op <= 0xa6) return ValType.F64;
  if (op <= 0xab) return ValType.I32;
  if (op <= 0xb1) return ValType.I64;
  if (op <= 0xb6) return ValType.F32;
  if (op <= 0xbb) return ValType.F64;
  if (op <= 0xc1) return ValType.I32;
  return ValType.I64;
}
