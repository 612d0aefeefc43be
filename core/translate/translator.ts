/**
 * Translator: turns a validated function body (reported instruction by instruction through
 * InstrSink) into the register-style IR of core/ops/ir.ts.
 *
 * Frame layout (RATIONALE.md "Slots"): 8-byte slots; each value takes `slotWidth(type)` of them
 * (one for every 2.0 type, two for v128). Locals come first, at the prefix sums of their widths;
 * operand-stack position p has its home slot just above them, at the sum of the widths of the
 * entries below p. For 2.0 code every width is 1, so local i is slot i and position p's home is
 * `localSlots + p`: the same frame the interpreter always had. Stack entries are
 * lazy: an entry may still live in a local (after local.get) or be a constant, and only becomes a
 * slot when something needs it there (control-flow joins, calls, conflicting local writes). This
 * folds local.get and constants into the instruction that consumes them; `op; local.set x`
 * retargets the op's destination to the local. Branch targets are absolute code offsets and the
 * value copies a branch needs are emitted explicitly, so the executor never searches for labels.
 *
 * Which IR form a simple instruction gets (register, immediate, constant pool, constant address)
 * comes from the instruction table (core/ops/wasm.ts); superinstructions come from the peephole
 * rules (core/ops/peephole.ts), applied by `put` to every instruction emitted. Neither is coded here.
 */
import { FUEL_BYTES_PER_UNIT, slotWidth } from '../limits.js';
import { IR_LEN, IR_REFS, IR_TRAPS, IR_WORDS, Op } from '../ops/gen/ir-ops.js';
import { WASM_NAMES } from '../ops/gen/wasm-info.js';
import { FORM_CONST_ADDR, FORM_FLAGS, FORM_IMM, FORM_IR, FORM_NEG, FORM_POOL, FORM_POOL_LEFT, SIG, SIG_PARAMS, SIG_RESULTS } from '../ops/gen/wasm-ops.js';
import { ValType, type FuncType } from '../types.js';
import { isRefType } from '../reftypes.js';
import { BlockKind, type CatchClause, type InstrSink } from '../validate/sink.js';
import type { CompiledFunc } from './compiled.js';
import { fuse } from './fuse.js';

export { FUEL_BYTES_PER_UNIT };
export type { CompiledFunc };

const SLOT = 0;
const LOCAL = 1;
const CONST32 = 2;
const CONST64 = 3;

/** operand units */
const S = 0; // slot (64-bit views)
const W = 1; // word (32-bit views)

/** FORM_FLAGS bits (scripts/gen-ops.mjs) */
const COMMUTES = 1;
const IDENTITY0 = 2;
const RETYPE = 4;
const COUNT = 8;

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
  /** try_table: its catch clauses, their landing pads, where its body's code starts, the payload slot */
  tryCatches?: readonly CatchClause[];
  tryPads?: number[];
  tryStart?: number;
  trySlot?: number;
}

const NO_CONSTS = new Float64Array(0);

/** the IR op of each GC instruction (by name, from the validator's instruction id) */
const GC_IR: Record<string, number> = {
  'ref.eq': Op.RefEq,
  'struct.new': Op.StructNew,
  'struct.new_default': Op.StructNewDefault,
  'struct.get': Op.StructGet,
  'struct.get_s': Op.StructGetS,
  'struct.get_u': Op.StructGetU,
  'struct.set': Op.StructSet,
  'array.new': Op.ArrayNew,
  'array.new_default': Op.ArrayNewDefault,
  'array.new_fixed': Op.ArrayNewFixed,
  'array.new_data': Op.ArrayNewData,
  'array.new_elem': Op.ArrayNewElem,
  'array.get': Op.ArrayGet,
  'array.get_s': Op.ArrayGetS,
  'array.get_u': Op.ArrayGetU,
  'array.set': Op.ArraySet,
  'array.len': Op.ArrayLen,
  'array.fill': Op.ArrayFill,
  'array.copy': Op.ArrayCopy,
  'array.init_data': Op.ArrayInitData,
  'array.init_elem': Op.ArrayInitElem,
  'ref.test': Op.RefTest,
  'ref.test_null': Op.RefTest,
  'ref.cast': Op.RefCast,
  'ref.cast_null': Op.RefCast,
  'ref.i31': Op.RefI31,
  'i31.get_s': Op.I31GetS,
  'i31.get_u': Op.I31GetU,
};
/** the GC ops whose operands sit in consecutive homes (the hand-written gcOp group) */
const IR_GROUP_GC = new Set<number>([
  Op.StructNew, Op.StructNewDefault, Op.StructGet, Op.StructGetS, Op.StructGetU, Op.StructSet,
  Op.ArrayNew, Op.ArrayNewDefault, Op.ArrayNewFixed, Op.ArrayNewData, Op.ArrayNewElem,
  Op.ArrayGet, Op.ArrayGetS, Op.ArrayGetU, Op.ArraySet, Op.ArrayFill, Op.ArrayCopy, Op.ArrayInitData, Op.ArrayInitElem,
]);


function is64(t: ValType): boolean {
  return t === ValType.I64 || t === ValType.F64;
}
/** the low and high 32 bits of a 64-bit constant */
function lo32(b: bigint): number {
  return Number(BigInt.asIntN(32, b));
}
function hi32(b: bigint): number {
  return Number(BigInt.asIntN(32, b >> 32n));
}

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
  private lastPos = -1;
  private lastLen = -1;
  /** slots of the params, and of params + declared locals (the operand stack's base) */
  private readonly paramSlots: number;
  private readonly localSlots: number;
  /** slot of each local, by local index */
  private readonly localSlot: number[] = [];
  private readonly localTypes: readonly ValType[];
  /** tops[p]: slots the operand stack occupies up to and including position p */
  private tops: number[] = [];
  /** the most operand-stack slots in use at once */
  private maxSlots = 0;

  constructor(
    private readonly type: FuncType,
    locals: readonly ValType[],
    private readonly metering = false,
  ) {
    this.localTypes = [...type.params, ...locals];
    let slots = 0;
    let paramSlots = 0;
    for (let i = 0; i < this.localTypes.length; i++) {
      this.localSlot.push(slots);
      slots += slotWidth(this.localTypes[i]!);
      if (i < type.params.length) paramSlots = slots;
    }
    this.paramSlots = paramSlots;
    this.localSlots = slots;
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
      this.forget();
      return;
    }
    this.code[this.fuelField]!--;
  }

  // ---- emission -----------------------------------------------------------------------------

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

  /**
   * The last two instructions emitted since the last label (start, -1 for none), with the masks
   * `put` takes and the Wasm offset their trap would report: what the peephole rules look at.
   */
  private prevStart = -1;
  private prevFresh = 0;
  private prevSite = 0;
  private prev2Start = -1;
  private prev2Fresh = 0;
  private prev2Site = 0;

  private forget(): void {
    this.prevStart = -1;
    this.prev2Start = -1;
  }

  private emit(...words: number[]): number {
    return this.put(words, 0);
  }

  /**
   * Append instruction `x` (opcode and operands), fusing it with the instructions before it
   * where a peephole rule applies; returns where the instruction holding x starts. `fresh`: bit k
   * set when operand k + 1 reads a stack temporary that the previous instruction produced and
   * only x reads (what `consume` rules require).
   */
  private put(x: number[], fresh: number): number {
    const code = this.code;
    let site = this.src;
    let fused = false;
    while (this.prevStart >= 0) {
      const f = fuse(code, this.prevStart, x, fresh, this.prevFresh);
      if (f === null) break;
      // the pair's backtrace offset is its trapping half's
      if (IR_TRAPS[x[0]!] === 0) site = this.prevSite;
      code.length = this.prevStart;
      x = f[0];
      fresh = f[1];
      fused = true;
      this.prevStart = this.prev2Start;
      this.prevFresh = this.prev2Fresh;
      this.prevSite = this.prev2Site;
      this.prev2Start = -1;
    }
    const start = code.length;
    if (fused) {
      const map = this.pcMap;
      while (map.length > 0 && map[map.length - 2]! >= start) map.length -= 2;
      map.push(start, site);
      // the next instruction maps its own offset even when it comes from the same Wasm instruction
      this.lastMapped = -1;
    } else if (this.src !== this.lastMapped) {
      this.pcMap.push(start, this.src);
      this.lastMapped = this.src;
    }
    if (IR_REFS[x[0]!]) this.usesRefs = true;
    for (const w of x) code.push(w | 0);
    this.prev2Start = this.prevStart;
    this.prev2Fresh = this.prevFresh;
    this.prev2Site = this.prevSite;
    this.prevStart = start;
    this.prevFresh = fresh;
    this.prevSite = site;
    return start;
  }

  /** record that the instruction just emitted at `start` writes position `pos` via field 1 */
  private setLast(start: number, pos: number): void {
    this.lastField = start + 1;
    this.lastPos = pos;
    this.lastLen = this.code.length;
  }

  /** the home of position p in the unit of operand `field` of IR op `op` */
  private dest(p: number, op: number): number {
    return IR_WORDS[op]! & 1 ? this.home(p) * 2 : this.home(p);
  }

  /** emit an instruction whose operand 1 is the result at position p */
  private out(x: number[], fresh: number, p: number): void {
    this.setLast(this.put(x, fresh), p);
  }

  /** whether entry p holds what the last emitted instruction wrote, with nothing emitted since */
  private producedLast(p: number): boolean {
    return this.kinds[p] === SLOT && this.lastLen === this.code.length && this.lastPos === p;
  }

  /** freshness bit `bit` for entry p (see `put`) */
  private fresh(p: number, bit: number): number {
    return this.producedLast(p) ? 1 << bit : 0;
  }

  /**
   * Pop the condition and emit a conditional branch taken when it is non-zero (or zero, when
   * `negate`). Peephole rules fuse a compare computed just before into the branch. Returns the
   * index of the target field to patch (the last operand of every branch form).
   */
  private condBranch(negate: boolean, target: number): number {
    const p = this.pop();
    const c = this.loc(p, W);
    const start = this.put([negate ? Op.BrUnless : Op.BrIf, c, target], this.fresh(p, 0));
    this.lastLen = -1;
    return start + IR_LEN[this.code[start]!]! - 1;
  }

  /** home slot of operand-stack position p (p ≤ sp) */
  private home(p: number): number {
    return this.localSlots + (p === 0 ? 0 : this.tops[p - 1]!);
  }

  private push(kind: number, val: number, type: ValType): number {
    const p = this.sp++;
    this.kinds[p] = kind;
    this.vals[p] = val;
    this.types[p] = type;
    const top = (p === 0 ? 0 : this.tops[p - 1]!) + slotWidth(type);
    this.tops[p] = top;
    if (top > this.maxSlots) this.maxSlots = top;
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
      this.emit(Op.Const64, dst * 2, lo32(b), hi32(b));
      return;
    }
    const src = k === LOCAL ? this.vals[p]! : this.home(p);
    if (src === dst) return;
    if (isRefType(t)) this.emit(Op.MovRef, dst, src);
    else if (t === ValType.V128) this.emit(Op.Mov128, dst * 2, src * 2);
    else if (is64(t)) this.emit(Op.Mov64, dst * 2, src * 2);
    else this.emit(Op.Mov32, dst * 2, src * 2);
  }

  /** define a label (branch target) at the current end of the code: no fusion across it */
  private label(): number {
    this.forget();
    return this.code.length;
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
    // the label's values land from the label's height up; their types are the copied entries'
    for (let i = 0, dst = this.home(f.height); i < n; dst += slotWidth(this.types[base + i]!), i++) this.moveTo(dst, base + i);
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
    if (n === 1 && results[0] !== ValType.V128) {
      const t = results[0]!;
      if (isRefType(t)) this.emit(Op.ReturnRef, this.loc(base, S));
      else this.emit(is64(t) ? Op.Return64 : Op.Return32, this.loc(base, W));
      return;
    }
    // locals may be overwritten by earlier result copies: take them into slots first
    for (let i = 0; i < n; i++) if (this.kinds[base + i] === LOCAL) this.materialize(base + i);
    for (let i = 0; i < n; i++) {
      let slot = 0;
      for (let k = 0; k < i; k++) slot += slotWidth(results[k]!);
      this.moveTo(slot, base + i);
    }
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
    if (f.tryCatches !== undefined) this.closeTry(f);
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

  /**
   * Tail calls: the arguments go to slots 0.. of this frame, which the callee takes over. They are
   * first put in their own homes (above every local), so no copy overwrites a local another
   * argument still reads; the copies then run upwards (destination below source, never over a
   * later source). The `Return` after the call is for a host callee (see interpreter).
   */
  private tailArgs(type: FuncType, base: number): void {
    for (let i = 0, dst = 0; i < type.params.length; dst += slotWidth(type.params[i]!), i++) this.moveTo(dst, base + i);
  }

  returnCall(funcIndex: number, type: FuncType): void {
    if (this.dead) return;
    const base = this.sp - type.params.length;
    this.materializeRange(base);
    this.tailArgs(type, base);
    this.emit(Op.ReturnCall, funcIndex);
    this.emit(Op.Return);
    this.setDead();
  }

  returnCallIndirect(typeIndex: number, table: number, type: FuncType): void {
    if (this.dead) return;
    const base = this.sp - 1 - type.params.length;
    this.materializeRange(base);
    // the index's home is above the arguments' homes, so the copies below leave it intact
    const c = this.loc(this.pop(), W);
    this.tailArgs(type, base);
    this.emit(Op.ReturnCallIndirect, typeIndex, table, c);
    this.emit(Op.Return);
    this.setDead();
  }

  callRef(type: FuncType): void {
    if (this.dead) return;
    const r = this.loc(this.pop(), S);
    const base = this.callArgs(type);
    this.emit(Op.CallRef, r, base);
    for (const t of type.results) this.pushSlot(t);
    this.lastLen = -1;
  }

  returnCallRef(type: FuncType): void {
    if (this.dead) return;
    const base = this.sp - 1 - type.params.length;
    // the reference goes to its home above the arguments' homes, out of the copies' way
    this.materializeRange(base);
    const r = this.loc(this.pop(), S);
    this.tailArgs(type, base);
    this.emit(Op.ReturnCallRef, r);
    this.emit(Op.Return);
    this.setDead();
  }

  refAsNonNull(): void {
    if (this.dead) return;
    const pa = this.pop();
    const t = this.types[pa]!;
    const a = this.loc(pa, S);
    const p = this.pushSlot(t);
    const start = this.emit(Op.RefAsNonNull, this.home(p), a);
    this.setLast(start, p);
  }

  /** a null test of the reference on top into a slot above it, consumed by a conditional branch */
  private nullTest(negate: boolean): number {
    const a = this.loc(this.sp - 1, S);
    const c = this.pushSlot(ValType.I32);
    this.emit(Op.RefIsNull, this.home(c) * 2, a);
    this.lastLen = -1;
    return this.condBranch(negate, 0);
  }

  brOnNull(depth: number): void {
    if (this.dead) return;
    // not null: jump over the branch, which runs without the reference
    const skip = this.nullTest(true);
    this.sp--;
    this.branch(depth);
    this.sp++;
    this.code[skip] = this.label();
    this.openBlock();
    this.lastLen = -1;
  }

  brOnNonNull(depth: number): void {
    if (this.dead) return;
    // null: jump over the branch (which carries the reference), then drop it
    const skip = this.nullTest(false);
    this.branch(depth);
    this.code[skip] = this.label();
    this.sp--;
    this.openBlock();
    this.lastLen = -1;
  }

  // ---- GC --------------------------------------------------------------------------------------

  gc(id: number, imms: readonly number[], nIn: number, out: ValType | undefined): void {
    if (this.dead) return;
    const op = GC_IR[WASM_NAMES[id]!];
    if (op === undefined) throw new Error(`wasmlet: internal error: no IR for ${WASM_NAMES[id]}`);
    if (op >= 0 && IR_GROUP_GC.has(op)) {
      // operands in their stack homes from slot b, the result at b (core/exec/gc.ts)
      const p0 = this.sp - nIn;
      this.materializeRange(p0);
      const b = this.home(p0);
      this.sp = p0;
      this.emit(op, ...imms, b);
      if (out !== undefined) this.pushSlot(out);
      this.lastLen = -1;
      return;
    }
    // templates: RefEq (two refs), RefTest / RefCast (a ref and the heap immediates), RefI31 (an
    // i32), I31Get* and ArrayLen (a ref)
    const t = out!;
    if (op === Op.RefEq) {
      const pb = this.pop();
      const pa = this.pop();
      const b = this.loc(pb, S);
      const a = this.loc(pa, S);
      const p = this.pushSlot(t);
      this.setLast(this.emit(op, this.home(p) * 2, a, b), p);
      return;
    }
    const pa = this.pop();
    const a = this.loc(pa, op === Op.RefI31 ? W : S);
    const p = this.pushSlot(t);
    const d = isRefType(t) ? this.home(p) : this.home(p) * 2;
    this.setLast(this.emit(op, d, a, ...imms), p);
  }

  brOnCast(depth: number, fail: boolean, heap: number, nullable: number): void {
    if (this.dead) return;
    // test the reference on top into a slot above it; br_on_cast branches when it passes (so skip
    // the branch when it fails), br_on_cast_fail the other way round; the reference stays
    const a = this.loc(this.sp - 1, S);
    const c = this.pushSlot(ValType.I32);
    this.emit(Op.RefTest, this.home(c) * 2, a, heap, nullable);
    this.lastLen = -1;
    const skip = this.condBranch(!fail, 0);
    this.branch(depth);
    this.code[skip] = this.label();
    this.openBlock();
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
    if (isRefType(t)) {
      start = this.emit(Op.SelectRef, this.home(pa), this.loc(pa, S), this.loc(pb, S), c);
    } else if (t === ValType.V128) {
      start = this.emit(Op.Select128, this.home(pa) * 2, this.loc(pa, W), this.loc(pb, W), c);
    } else {
      const a = this.loc(pa, W);
      const b = this.loc(pb, W);
      start = this.emit(is64(t) ? Op.Select64 : Op.Select32, this.home(pa) * 2, a, b, c);
    }
    this.pushSlot(t);
    this.setLast(start, pa);
  }

  localGet(index: number): void {
    if (this.dead) return;
    this.push(LOCAL, this.localSlot[index]!, this.localTypes[index]!);
  }

  private setLocal(index: number, keep: boolean): void {
    const p = this.sp - 1;
    const t = this.localTypes[index]!;
    const slot = this.localSlot[index]!;
    if (this.kinds[p] === LOCAL && this.vals[p] === slot) {
      if (!keep) this.pop();
      return;
    }
    let refsBelow = false;
    for (let q = 0; q < p; q++) {
      if (this.kinds[q] === LOCAL && this.vals[q] === slot) {
        refsBelow = true;
        break;
      }
    }
    if (!refsBelow && this.producedLast(p)) {
      // retarget the producing instruction straight into the local
      this.code[this.lastField] = IR_WORDS[this.code[this.lastField - 1]!]! & 1 ? slot * 2 : slot;
    } else {
      if (refsBelow) for (let q = 0; q < p; q++) if (this.kinds[q] === LOCAL && this.vals[q] === slot) this.materialize(q);
      this.moveTo(slot, p);
    }
    this.pop();
    if (keep) this.push(LOCAL, slot, t);
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
    else if (type === ValType.V128) start = this.emit(Op.GlobalGet128, this.home(p) * 2, index);
    else start = this.emit(is64(type) ? Op.GlobalGet64 : Op.GlobalGet32, this.home(p) * 2, index);
    this.setLast(start, p);
  }

  globalSet(index: number, type: ValType): void {
    if (this.dead) return;
    const p = this.pop();
    if (isRefType(type)) this.emit(Op.GlobalSetRef, index, this.loc(p, S));
    else if (type === ValType.V128) this.emit(Op.GlobalSet128, index, this.loc(p, W));
    else this.emit(is64(type) ? Op.GlobalSet64 : Op.GlobalSet32, index, this.loc(p, W));
    this.lastLen = -1;
  }

  tableGet(table: number): void {
    if (this.dead) return;
    const i = this.loc(this.pop(), W);
    const p = this.pushSlot(ValType.FuncRef); // type refined below
    this.types[p] = this.tableElemType(table);
    const start = this.emit(Op.TableGet, this.home(p), table, i);
    this.setLast(start, p);
  }

  tableSet(table: number): void {
    if (this.dead) return;
    const v = this.loc(this.pop(), S);
    const i = this.loc(this.pop(), W);
    this.emit(Op.TableSet, table, i, v);
    this.lastLen = -1;
  }

  /** memory 0 has a page size other than 64 KiB (custom-page-sizes); set by the module compiler */
  customPages = false;
  /** element types of tables, set by the module compiler */
  tableTypes: readonly ValType[] = [];
  private tableElemType(t: number): ValType {
    return this.tableTypes[t] ?? ValType.FuncRef;
  }

  load(id: number, offset: number, mem: number): void {
    if (this.dead) return;
    const type = SIG_RESULTS[SIG[id]!]![0]!;
    if (mem !== 0) {
      const a = this.loc(this.pop(), W);
      const p = this.pushSlot(type);
      const start = this.emit(is64(type) ? Op.LoadM64 : Op.LoadM32, this.home(p) * 2, a, offset, FORM_IR[id]!, mem);
      this.setLast(start, p);
      return;
    }
    const pa = this.sp - 1;
    const cOp = FORM_CONST_ADDR[id]!;
    if (cOp >= 0 && this.kinds[pa] === CONST32) {
      const ea = (this.vals[pa]! >>> 0) + (offset >>> 0);
      if (ea <= 0x7fffffff) {
        // a constant address: the effective address is known now
        this.pop();
        const p = this.pushSlot(type);
        this.out([cOp, this.home(p) * 2, ea], 0, p);
        return;
      }
    }
    const a = this.loc(this.pop(), W);
    const fresh = this.fresh(pa, 1);
    const p = this.pushSlot(type);
    this.out([FORM_IR[id]!, this.home(p) * 2, a, offset], fresh, p);
  }

  store(id: number, offset: number, mem: number): void {
    if (this.dead) return;
    if (mem !== 0) {
      const pv = this.sp - 1;
      const t = this.types[pv]!;
      const v = this.loc(this.pop(), W);
      const a = this.loc(this.pop(), W);
      this.emit(is64(t) ? Op.StoreM64 : Op.StoreM32, a, v, offset, FORM_IR[id]!, mem);
      this.lastLen = -1;
      return;
    }
    const pv = this.sp - 1;
    const pa = pv - 1;
    const cOp = FORM_CONST_ADDR[id]!;
    if (cOp >= 0 && this.kinds[pa] === CONST32) {
      const ea = (this.vals[pa]! >>> 0) + (offset >>> 0);
      if (ea <= 0x7fffffff) {
        this.sp -= 2;
        this.emit(cOp, ea, this.loc(pv, W));
        this.lastLen = -1;
        return;
      }
    }
    const v = this.loc(this.pop(), W);
    const a = this.loc(this.pop(), W);
    this.put([FORM_IR[id]!, a, v, offset], this.fresh(pa, 0) | this.fresh(pv, 1));
    this.lastLen = -1;
  }

  /**
   * A simple instruction (a signature in the instruction table): the cheapest IR form its
   * operands allow — an immediate or pooled constant operand, nothing at all for `x + 0` or a
   * reinterpret — else the register form. Fusion with what came before is `put`'s business.
   */
  simple(id: number): void {
    if (this.dead) return;
    const flags = FORM_FLAGS[id]!;
    const sg = SIG[id]!;
    const rtype = SIG_RESULTS[sg]![0]!;
    if (flags & RETYPE) {
      // same bits, new type; i32.wrap_i64 keeps the low word, which is where an i32 lives
      const p = this.sp - 1;
      if (rtype === ValType.I32 && this.kinds[p] === CONST64) {
        this.kinds[p] = CONST32;
        this.vals[p] = lo32(this.c64[p]!);
      }
      this.types[p] = rtype;
      return;
    }
    const ir = FORM_IR[id]!;
    if (SIG_PARAMS[sg]!.length === 1) {
      const pa = this.pop();
      const a = this.loc(pa, IR_WORDS[ir]! & 2 ? W : S);
      const fresh = this.fresh(pa, 1);
      const p = this.pushSlot(rtype);
      this.out([ir, this.dest(p, ir), a], fresh, p);
      return;
    }
    const pb = this.pop();
    const pa = this.pop();
    const kb = this.kinds[pb];
    const ka = this.kinds[pa];
    const commutes = (flags & COMMUTES) !== 0;
    // a constant operand inline: i64 as (lo, hi), i32 as one immediate; `x - c` as `x + -c`
    const immOp = FORM_IMM[id]!;
    const negOp = FORM_NEG[id]!;
    if (kb === CONST64 || (ka === CONST64 && commutes)) {
      if (immOp >= 0 || (negOp >= 0 && kb === CONST64)) {
        const right = kb === CONST64;
        const c = immOp >= 0 ? this.c64[right ? pb : pa]! : -this.c64[pb]!;
        const a = this.loc(right ? pa : pb, W);
        const fresh = this.fresh(right ? pa : pb, 1);
        const p = this.pushSlot(rtype);
        this.out([immOp >= 0 ? immOp : negOp, this.home(p) * 2, a, lo32(c), hi32(c)], fresh, p);
        return;
      }
    }
    const poolOp = FORM_POOL[id]!;
    if (poolOp >= 0 && (kb === CONST64 || ka === CONST64)) {
      // an f64 constant from the function's pool, no Const64 dispatch
      const right = kb === CONST64;
      const k = this.poolIndex(this.c64[right ? pb : pa]!);
      const a = this.loc(right ? pa : pb, S);
      const fresh = this.fresh(right ? pa : pb, 1);
      const op = right ? poolOp : FORM_POOL_LEFT[id]!;
      const p = this.pushSlot(rtype);
      this.out([op, this.dest(p, op), a, k], fresh, p);
      return;
    }
    if (kb === CONST32 || (ka === CONST32 && commutes)) {
      const right = kb === CONST32;
      const left = right ? pa : pb;
      const imm = this.vals[right ? pb : pa]!;
      if (flags & IDENTITY0 && (flags & COUNT ? imm & 31 : imm) === 0 && (left === pa || this.kinds[left] === LOCAL)) {
        // x + 0, x | 0, x ^ 0, x - 0, shifts and rotates by 0: the value itself, no instruction
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
      const op = immOp >= 0 ? immOp : right ? negOp : -1;
      if (op >= 0) {
        const a = this.loc(left, W);
        const fresh = this.fresh(left, 1);
        const p = this.pushSlot(rtype);
        this.out([op, this.home(p) * 2, a, immOp >= 0 ? imm : -imm | 0], fresh, p);
        return;
      }
    }
    const words = IR_WORDS[ir]!;
    const a = this.loc(pa, words & 2 ? W : S);
    const b = this.loc(pb, words & 4 ? W : S);
    const fresh = this.fresh(pa, 1) | this.fresh(pb, 2);
    const p = this.pushSlot(rtype);
    this.out([ir, this.dest(p, ir), a, b], fresh, p);
  }
  /**
   * A SIMD instruction: its register form with every operand in a slot (word indices), the result
   * first, then the immediates the validator read (core/ops/simd.ts). A constant shift count goes
   * inline (the op's immediate form); any other constant operand is materialized. The peephole
   * rules (core/ops/peephole.ts) fuse an address sum, a widening or a product into the op, told
   * which operands are fresh temporaries as every other op tells them.
   */
  simd(id: number, imms: readonly number[]): void {
    if (this.dead) return;
    const sg = SIG[id]!;
    const n = SIG_PARAMS[sg]!.length;
    const rtype = SIG_RESULTS[sg]![0];
    const base = this.sp - n;
    // a constant last operand with an immediate form (a shift count): inline, no Const32
    const inline = FORM_IMM[id]! >= 0 && this.kinds[base + n - 1] === CONST32;
    const x: number[] = [inline ? FORM_IMM[id]! : FORM_IR[id]!, 0];
    for (let i = 0; i < (inline ? n - 1 : n); i++) x.push(this.loc(base + i, W));
    if (inline) x.push(this.vals[base + n - 1]!);
    // after every loc(): materializing a constant emits an instruction, which ends the others' freshness
    const first = rtype === undefined ? 0 : 1;
    let fresh = 0;
    for (let i = 0; i < (inline ? n - 1 : n); i++) fresh |= this.fresh(base + i, first + i);
    this.sp = base;
    for (const k of imms) x.push(k);
    if (rtype === undefined) {
      x.splice(1, 1);
      this.put(x, fresh);
      this.lastLen = -1;
      return;
    }
    const p = this.pushSlot(rtype);
    x[1] = this.home(p) * 2;
    this.out(x, fresh, p);
  }

  memorySize(mem: number): void {
    if (this.dead) return;
    const p = this.pushSlot(ValType.I32);
    // memory 0's own op divides by 65536; another page size (or memory) goes through memOp()
    const start = mem === 0 && !this.customPages ? this.emit(Op.MemorySize, this.home(p) * 2) : this.emit(Op.MemorySizeM, this.home(p) * 2, mem);
    this.setLast(start, p);
  }

  memoryGrow(mem: number): void {
    if (this.dead) return;
    const a = this.loc(this.pop(), W);
    const p = this.pushSlot(ValType.I32);
    const start = mem === 0 ? this.emit(Op.MemoryGrow, this.home(p) * 2, a) : this.emit(Op.MemoryGrowM, this.home(p) * 2, a, mem);
    this.setLast(start, p);
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

  refNull(type: ValType): void {
    if (this.dead) return;
    const p = this.pushSlot(type);
    const start = this.emit(Op.RefNull, this.home(p));
    this.setLast(start, p);
  }

  refIsNull(): void {
    if (this.dead) return;
    const a = this.loc(this.pop(), S);
    const p = this.pushSlot(ValType.I32);
    const start = this.emit(Op.RefIsNull, this.home(p) * 2, a);
    this.setLast(start, p);
  }

  refFunc(index: number): void {
    if (this.dead) return;
    const p = this.pushSlot(ValType.FuncRef);
    const start = this.emit(Op.RefFunc, this.home(p), index);
    this.setLast(start, p);
  }

  bulk(sub: number, x: number, y: number): void {
    if (this.dead) return;
    switch (sub) {
      case 8: {
        const n = this.loc(this.pop(), W);
        const s = this.loc(this.pop(), W);
        const d = this.loc(this.pop(), W);
        this.emit(Op.MemoryInit, x, d, s, n, y);
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
        if (sub === 10) this.emit(Op.MemoryCopy, d, v, n, x, y);
        else this.emit(Op.MemoryFill, d, v, n, x);
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
        this.setLast(start, p);
        return;
      }
      case 16: {
        const p = this.pushSlot(ValType.I32);
        const start = this.emit(Op.TableSize, this.home(p) * 2, x);
        this.setLast(start, p);
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

  addr64(depth: number): void {
    if (this.dead) return;
    const p = this.sp - 1 - depth;
    this.types[p] = ValType.I32;
    if (this.kinds[p] === CONST64) {
      // a constant address: saturate it now (then the 32-bit constant-address forms apply)
      const v = BigInt.asUintN(64, this.c64[p]!);
      this.kinds[p] = CONST32;
      this.vals[p] = v > 0xffffffffn ? -1 : Number(v) | 0;
      return;
    }
    // into p's own home, which nothing above p uses (entries above live in their homes or locals)
    const a = this.loc(p, W);
    const start = this.emit(Op.Wrap64Sat, this.home(p) * 2, a);
    this.kinds[p] = SLOT;
    if (depth === 0) this.setLast(start, p);
    else this.lastLen = -1;
  }

  extend64(grow: boolean): void {
    if (this.dead) return;
    const pa = this.pop();
    const a = this.loc(pa, W);
    const fresh = this.fresh(pa, 1);
    const p = this.pushSlot(ValType.I64);
    this.out([grow ? Op.I64ExtendGrow : Op.I64ExtendI32U, this.home(p) * 2, a], fresh, p);
  }

  // ---- exception handling ------------------------------------------------------------------

  /** try_table catch clauses, HANDLER_WORDS each (core/exec/exceptions.ts), innermost first */
  private handlers: number[] | null = null;

  /**
   * A try_table: like a block, preceded by one landing pad per catch clause (jumped over). A pad
   * starts with the clause's values in the homes of the try_table's base height (where the
   * runtime writes them) and branches to the clause's label like a `br` placed just before the
   * try_table, so its copies, returns and fuel are the ordinary ones.
   */
  tryTable(params: readonly ValType[], results: readonly ValType[], catches: readonly CatchClause[]): void {
    this.free();
    const frame: Frame = { kind: BlockKind.Block, height: this.sp - params.length, params, results, patches: [], loopPc: 0, ifPatch: -1, live: !this.dead };
    if (this.dead) {
      this.frames.push(frame);
      return;
    }
    this.usesRefs = true;
    this.materializeAll();
    const base = frame.height;
    const skip = this.emit(Op.Br, 0) + 1;
    const pads: number[] = [];
    for (const c of catches) {
      pads.push(this.label());
      this.sp = base;
      for (const t of c.values) this.pushSlot(t);
      this.branch(c.label);
    }
    this.sp = base;
    for (const t of params) this.pushSlot(t);
    this.code[skip] = this.label();
    frame.tryCatches = catches;
    frame.tryPads = pads;
    frame.tryStart = this.code.length;
    frame.trySlot = this.home(base);
    this.frames.push(frame);
    this.lastLen = -1;
  }

  /** the try_table's body ends here: its clauses become handler table entries */
  private closeTry(f: Frame): void {
    const h = (this.handlers ??= []);
    const end = this.code.length;
    f.tryCatches!.forEach((c, i) => h.push(f.tryStart!, end, c.tag, c.kind & 1, f.tryPads![i]!, f.trySlot!));
  }

  throw(tag: number, type: FuncType): void {
    if (this.dead) return;
    const base = this.callArgs(type);
    this.emit(Op.Throw, tag, base);
    this.setDead();
  }

  throwRef(): void {
    if (this.dead) return;
    this.emit(Op.ThrowRef, this.loc(this.pop(), S));
    this.setDead();
  }

  finish(): void {
    this.free(); // the body's final `end`
    if (!this.dead) this.emitReturn();
    const f = this.frames.pop()!;
    const here = this.code.length;
    for (const at of f.patches) this.code[at] = here;
  }

  /**
   * Build the compiled function. `maxHeight` (operand-stack entries, from validation) also
   * counts entries in unreachable code, which the translator never pushes: the frame keeps room
   * for them so 2.0 frames are exactly what they always were.
   */
  result(maxHeight: number): CompiledFunc {
    let hasRefLocals = false;
    for (let i = this.type.params.length; i < this.localTypes.length; i++) if (isRefType(this.localTypes[i]!)) hasRefLocals = true;
    let resultSlots = 0;
    for (const t of this.type.results) resultSlots += slotWidth(t);
    // results may be wider than the frame when a function has more results than locals+stack
    const frameSize = Math.max(this.localSlots + Math.max(maxHeight, this.maxSlots), resultSlots, 1);
    let consts = NO_CONSTS;
    if (this.pool !== null) {
      consts = new Float64Array(this.pool.length);
      // written as integers so NaN payloads keep their exact bits
      new BigInt64Array(consts.buffer).set(this.pool.map((b) => BigInt.asIntN(64, b)));
    }
    return {
      code: Int32Array.from(this.code),
      consts,
      paramSlots: this.paramSlots,
      localSlots: this.localSlots,
      frameSize,
      hasRefLocals,
      pcMap: Int32Array.from(this.pcMap),
      metered: this.metering,
      usesRefs: this.usesRefs || hasRefLocals,
      ...(this.handlers !== null ? { handlers: Int32Array.from(this.handlers) } : {}),
    };
  }
}

