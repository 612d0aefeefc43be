/**
 * The register generator of the compiled tier: like codegen.ts it turns one function's IR into the
 * source of one JS function from the IR table's templates, but
 * - frame slots become JS `let` variables where the IR uses them one way only: a slot read and
 *   written only as an i32 word is an int32 number (`x | 0`), one used only as an f64 (and moved
 *   by Mov64/Select64/Return64) a double; every other slot (i64 word pairs, f32 bits, references,
 *   operands of bulk and multi-memory ops, slots reused for values of different types) stays in
 *   the machine's typed-array frame, accessed as the interpreter does;
 * - registers are written to the frame only where someone else reads it: the arguments (every
 *   register at or above a call's base) before a call and reloaded after it, the results before a
 *   return, everything before a tail call, and on a suspension (the function's catch writes the
 *   registers below the suspending site's `wb`, so the interpreter resumes a true frame);
 * - control flow is structured: a backward branch target heads a `for (;;)` loop (`continue l<t>`),
 *   a forward one ends a labelled block (`break b<t>`), br_table is a `switch` of those. Blocks
 *   start early and loops end late until every pair nests; when they cannot (a branch into a loop
 *   from before it) or nest too deep, the function is `Unsupported` here and codegen.ts's switch
 *   form compiles it (link.ts records why in tierStats.fallbacks).
 * Fuel charges, trap sites (`s`), frame records and suspension points are the IR's own, as in
 * codegen.ts, so fuel totals, backtraces and resumes match the interpreter by construction. The
 * source holds only number literals, generated identifiers and table templates.
 */
import { factorySource, HAND, JS_DEPTH, OPS, prologue, REFRESH, Unsupported, lengthAt, lit, opNum, template, type Field, type OpInfo } from './codegen.js';
import type { CompiledFunc } from '../translate/compiled.js';
import { I64_CMP, W64_BODIES } from '../ops/ir.js';

type Rep = 'i32' | 'f64' | 'pair';
/**
 * how one op uses a slot: as an i32 word (the low word), the high word on its own, an f64 value, a
 * 64-bit move, an i64 word pair the generator emits inline, through the frame for this op only
 * (`spill`: an i32 or pair register is written to its frame home before the op and reloaded
 * after it), or in a way only memory serves
 */
type Use = 'i32' | 'hi' | 'f64' | 'mov64' | 'w64' | 'spill' | 'mem';

const WORD_KINDS = new Set(['i32', 'f32', 'w64']);
const SLOT_KINDS = new Set(['f64', 'i64', 'u64', 'ref']);
const isValue = (f: Field): boolean => WORD_KINDS.has(f.kind) || SLOT_KINDS.has(f.kind);
const MOV64 = new Set(['Mov64', 'Select64', 'Return64']);
/**
 * 64-bit ops that only move the bits (loads, stores, constants) or change the sign bit: on an f64
 * register they read or write the double (sign changes through the slot's own frame words, so
 * NaN payloads stay bit-exact), so an f64 slot they touch can still be a register
 */
const BITS64: ReadonlyMap<string, 'load' | 'store' | 'const' | 'sign'> = new Map([
  ...['Load64', 'Load64AI', 'Load64C', 'Load64AIT'].map((n) => [n, 'load'] as const),
  ...['Store64', 'Store64AI', 'Store64C'].map((n) => [n, 'store'] as const),
  ['Const64', 'const'],
  ...['F64Abs', 'F64Neg', 'F64Copysign'].map((n) => [n, 'sign'] as const),
]);
const LOAD64_WORDS = 'const d = @d;\nI32[d] = dv.getInt32(ea, true);\nI32[d + 1] = dv.getInt32(ea + 4, true);';
const STORE64_WORDS = 'const v = @v;\ndv.setInt32(ea, I32[v], true);\ndv.setInt32(ea + 4, I32[v + 1], true);';
const bits = new DataView(new ArrayBuffer(8));
/** the double with words lo, hi, or null when it is a NaN (a literal cannot carry its payload) */
function doubleOf(lo: number, hi: number): number | null {
  bits.setInt32(0, lo, true);
  bits.setInt32(4, hi, true);
  const v = bits.getFloat64(0, true);
  return Number.isNaN(v) ? null : v;
}
/** beyond this many nested blocks and loops the switch form is used (parser depth) */
const MAX_NEST = 300;

/** the op's own template text with $x/@x still symbolic, or null for group members (they read code[pc + k]) */
function rawText(o: OpInfo): string | null {
  const d = o.def;
  if (d.group !== undefined || d.hand) return null;
  return d.expr !== undefined ? null : (d.body ?? null);
}

/** count of `$x = ` assignments in text, and of those that are a whole line */
function assigns(text: string, name: string): [number, number] {
  const all = text.match(new RegExp(`\\$${name} = (?!=)`, 'g'))?.length ?? 0;
  const whole = text.match(new RegExp(`^\\$${name} = [^\\n]*;$`, 'gm'))?.length ?? 0;
  return [all, whole];
}

const ident = (x: string): RegExp => new RegExp(`(?<![\\w$@.])${x}(?![\\w$])`);
/**
 * A template with w64 operand x's frame words replaced by `lo`/`hi` (register names), or null when
 * it uses x any other way. Templates name a pair as `const x = @x;` then `I32[x]` and `I32[x + 1]`
 * (or `I32[@x]`); each frame word becomes one register, so the reads and writes happen in the
 * template's own order and aliasing operands behave as on the frame. A write goes through `| 0`,
 * as the Int32Array store wraps it.
 */
function wordsOf(text: string, x: string, lo: string, hi: string): string | null {
  let s = text.replace(new RegExp(`^const ${x} = @${x};\\n`, 'm'), '');
  const named = s !== text;
  const word = (k: string): string => (k === '' ? lo : hi);
  s = s.replace(new RegExp(`^I32\\[@?${x}( \\+ 1)?\\] = ([^\\n]*);$`, 'gm'), (all, k: string | undefined, rhs: string) => {
    if (!named && !all.startsWith('I32[@')) return all;
    return `${word(k ?? '')} = ${wrap32(rhs)};`;
  });
  s = s.replace(new RegExp(`I32\\[@${x}( \\+ 1)?\\]`, 'g'), (_, k: string | undefined) => word(k ?? ''));
  if (named) s = s.replace(new RegExp(`(?<![\\w$@.])I32\\[${x}( \\+ 1)?\\]`, 'g'), (_, k: string | undefined) => word(k ?? ''));
  if (s.includes(`@${x}`) || s.includes(`$${x}`) || (named && ident(x).test(s))) return null;
  return s;
}

const inlinePairs = new Map<string, boolean>();
/** whether op o's template can take its w64 operand x as a pair of registers (wordsOf), cached */
function inlinePair(o: OpInfo, x: string, text: string): boolean {
  const key = `${o.num}:${x}`;
  let r = inlinePairs.get(key);
  if (r === undefined) inlinePairs.set(key, (r = wordsOf(text, x, 'L', 'H') !== null));
  return r;
}

/** the word-pair groups whose bodies (W64_BODIES, I64_CMP) the generator wraps around registers */
const PAIR_GROUPS = new Set([...W64_BODIES.keys(), 'I64Cmp']);
/** groups whose helpers read their operands from the code and the frame (bulkOp, memOp, gcOp) */
const FRAME_GROUPS = new Set(['bulk', 'memx', 'gc']);

/** how op `o` at pc uses operand f (classify and the emitter agree through this one function) */
function useOf(o: OpInfo, code: Int32Array, pc: number, f: Field): Use {
  const d = o.def;
  const text = rawText(o);
  const v = code[pc + f.index]!;
  if (d.group !== undefined && FRAME_GROUPS.has(d.group)) return 'mem';
  if (f.kind === 'i32') {
    let reg: boolean;
    if (d.expr !== undefined) reg = !d.expr.includes(`@${f.name}`);
    else if (text !== null) {
      const [all, whole] = assigns(text, f.name);
      reg = !text.includes(`@${f.name}`) && all === whole;
    } else if (d.group === 'I64Cmp') reg = true; // its d, assigned whole by the pair emitter
    else if (d.hand && d.group === undefined) reg = true; // c of calls and br_table, MemoryGrow's d and a, Return32's a
    else return 'mem';
    return !reg ? 'spill' : v & 1 ? 'hi' : 'i32';
  }
  if (f.kind === 'f64') {
    if (d.expr !== undefined) return d.expr.includes(`@${f.name}`) ? 'spill' : 'f64';
    if (text !== null) {
      const [all, whole] = assigns(text, f.name);
      return text.includes(`@${f.name}`) || all !== whole ? 'spill' : 'f64';
    }
    return 'mem';
  }
  if (f.kind === 'w64') {
    if (v & 1) return 'mem';
    if (MOV64.has(d.name)) return 'mov64';
    // a NaN constant's payload has no double literal: its words go to a pair, never to an f64 register
    if (BITS64.has(d.name)) return d.name === 'Const64' && doubleOf(code[pc + 2]!, code[pc + 3]!) === null ? 'w64' : 'mov64';
    if (d.group !== undefined) return PAIR_GROUPS.has(d.group) ? 'w64' : 'mem';
    if (text !== null && inlinePair(o, f.name, text)) return 'w64';
    return d.hand ? 'mem' : 'spill';
  }
  if (f.kind === 'f32' || f.kind === 'i64' || f.kind === 'u64') return d.hand && d.group === undefined ? 'mem' : 'spill';
  return 'mem';
}

/** the slot an operand's use is counted on: word operands by their slot (odd words too), others by index */
const useSlot = (f: Field, v: number): number => (WORD_KINDS.has(f.kind) ? v >> 1 : v);

/** one representation per slot from every use in the code (null: the slot stays in the frame) */
function classify(cf: CompiledFunc): (Rep | null)[] {
  const code = cf.code;
  const uses: Map<Use, number>[] = Array.from({ length: cf.frameSize }, () => new Map<Use, number>());
  const mark = (s: number, u: Use): void => {
    if (s >= 0 && s < uses.length) uses[s]!.set(u, (uses[s]!.get(u) ?? 0) + 1);
  };
  // hand-written and branching ops read their i32 operands as registers or frame words, never
  // around a spill (a branch would skip the reload): such a slot is no f64 register
  const notF64 = new Set<number>();
  for (let pc = 0; pc < code.length; pc += lengthAt(code, pc)) {
    const o = OPS[code[pc]!]!;
    for (const f of o.fields) {
      const v = code[pc + f.index]!;
      // a v128 operand (a word index) spans two slots whose words a register must never overwrite
      if (f.kind === 'v128') {
        mark(v >> 1, 'mem');
        mark((v >> 1) + 1, 'mem');
        continue;
      }
      if (!isValue(f)) continue;
      mark(useSlot(f, v), useOf(o, code, pc, f));
      if ((o.def.hand || o.def.jumps) && f.kind === 'i32') notF64.add(useSlot(f, v));
    }
  }
  return uses.map((u, slot) => {
    if (u.size === 0 || u.has('mem')) return null;
    if (u.size === 1 && u.has('i32')) return 'i32';
    let total = 0;
    for (const n of u.values()) total += n;
    // a register when the ops that serve it inline are at least as many as those that go through
    // its frame home (spilled around them): an f64 slot's other ops (a reinterpreted value's
    // integer ops, a NaN constant) and an i32 or i64 slot's `spill` ones
    if (u.has('f64')) {
      if (notF64.has(slot)) return null;
      const inline = u.get('f64')! + (u.get('mov64') ?? 0);
      return total - inline <= inline ? 'f64' : null;
    }
    const spill = u.get('spill') ?? 0;
    if (spill > total - spill) return null;
    return u.has('w64') || u.has('hi') || u.has('mov64') ? 'pair' : 'i32';
  });
}

interface Interval {
  kind: 'block' | 'loop';
  /** the branch target: a block's end, a loop's start */
  readonly target: number;
  start: number;
  end: number;
}

/** the blocks and loops the branches need, widened until every pair nests (Unsupported if not) */
function structure(code: Int32Array): Interval[] {
  const fwd = new Map<number, number>();
  const back = new Map<number, number>();
  for (let pc = 0; pc < code.length; ) {
    const o = OPS[code[pc]!]!;
    const len = lengthAt(code, pc);
    const targets: number[] = [];
    for (const f of o.fields) if (f.kind === 'target') targets.push(code[pc + f.index]!);
    if (o.len === 0) for (let i = 0; i <= code[pc + 2]!; i++) targets.push(code[pc + 3 + i]!);
    for (const t of targets) {
      if (t > pc) fwd.set(t, Math.min(fwd.get(t) ?? pc, pc));
      else back.set(t, Math.max(back.get(t) ?? 0, pc + len));
    }
    pc += len;
  }
  const all: Interval[] = [];
  for (const [t, p] of fwd) all.push({ kind: 'block', target: t, start: p, end: t });
  for (const [t, e] of back) all.push({ kind: 'loop', target: t, start: t, end: e });
  if (all.length > 4000) throw new Unsupported('registers: too many branch targets');
  for (let round = 0; ; round++) {
    if (round > 50) throw new Unsupported('registers: blocks do not settle');
    let changed = false;
    for (const a of all) {
      for (const b of all) {
        // a starts first and ends inside b: they cross
        if (!(a.start < b.start && b.start < a.end && a.end < b.end)) continue;
        if (b.kind === 'block') b.start = a.start;
        else if (a.kind === 'loop') a.end = b.end;
        else throw new Unsupported('registers: a branch enters a loop');
        changed = true;
      }
    }
    if (!changed) break;
  }
  // outer first: earlier start, then later end; a block around a loop of the same range
  all.sort((x, y) => x.start - y.start || y.end - x.end || (x.kind === 'block' ? -1 : 1));
  return all;
}

/** i32 ops whose template expression is already an int32 (no `| 0` needed for a register) */
const INT32_OPS = new Set(
  'Mov32 Const32 I32Eqz I32Clz I32Mul I32And I32Or I32Xor I32Shl I32ShrS I32MulI I32AndI I32OrI I32XorI I32ShlI I32ShrSI I32AndXor I32XorAnd I32XorShrUI I32XorShlI I32Extend8S I32Extend16S F32Abs F32Neg F32Copysign I64Eqz'
    .split(' ')
    .concat(['Eq', 'Ne', 'LtS', 'LtU', 'GtS', 'GtU', 'LeS', 'LeU', 'GeS', 'GeU'].flatMap((c) => [`I32${c}`, `I32${c}I`]))
    .concat(['Eq', 'Ne', 'Lt', 'Gt', 'Le', 'Ge'].flatMap((c) => [`F32${c}`, `F64${c}`, `F64${c}K`])),
);
/** an int32 of a right-hand side: reads that are int32 already stay as they are */
function wrap32(rhs: string): string {
  if (/^([rh]\d+|\(?-?\d+\)?|I32\[fp2 \+ \d+\]|u8\[ea\]|v|x|dv\.get(Int32|Int16|Uint16)\(ea, true\)|\(u8\[ea\] << 24\) >> 24)$/.test(rhs)) return rhs;
  return `(${rhs}) | 0`;
}

/**
 * An op's block-scoped `const`/`let` names become function-level temporaries `t_<name>` (collected
 * in `temps`): V8 gives every block-scoped variable its own interpreter register, so a large
 * function would need thousands, every bytecode touching one takes a wide operand, and past 60 KB
 * of bytecode TurboFan never optimises the function. Each template assigns its locals before it
 * reads them, so sharing them across ops is safe.
 */
function hoist(text: string, temps: Set<string>): string {
  const names = new Set([...text.matchAll(/\b(?:const|let)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]!));
  if (names.size === 0) return text;
  let s = text.replace(/\blet\s+([A-Za-z_]\w*);/g, '').replace(/\b(?:const|let)\s+([A-Za-z_]\w*)\s*=/g, '$1 =');
  s = s.replace(/(^|[^.\w$])([A-Za-z_]\w*)(?![\w$])/g, (all, pre: string, id: string) => (names.has(id) ? `${pre}t_${id}` : all));
  for (const n of names) temps.add(n);
  return s;
}

/** a function type as the call sites see it: value type codes (core/types.ts ValType) */
export interface Sig {
  readonly params: readonly number[];
  readonly results: readonly number[];
}
/** the types of the function being generated and of its callees, for direct calls */
export interface CallSigs {
  readonly self: Sig;
  /** the type of function f of the instance */
  func(f: number): Sig;
  /** the function type with the module's type index y (call_indirect's) */
  type(y: number): Sig;
  /** told of each call site generated as a direct call (tierStats.directCalls) */
  directCall(): void;
}
// ValType.I32, ValType.F64, ValType.V128 as numbers: the tier's bundle holds core/compiled/ and core/ops/ only
const T_I32 = 0x7f;
const T_F64 = 0x7c;
const T_V128 = 0x7b;
/** a value that crosses a direct call as a JS number (i32 and f64); the others stay in the frame */
const scalar = (t: number): Rep | null => (t === T_I32 ? 'i32' : t === T_F64 ? 'f64' : null);

/** the source of the same factory codegen.ts's `generate` makes, with registers and structured control */
export function generateRegs(cf: CompiledFunc, index: number, results: number, sigs?: CallSigs): string {
  const code = cf.code;
  const reps = classify(cf);
  const regs: number[] = [];
  reps.forEach((r, s) => {
    if (r !== null) regs.push(s);
  });
  // The direct form (`direct`: params as JS arguments, one i32/f64 result returned, `retRep`), which
  // compiled callers call without the frame; its `body` (the frame protocol) is a wrapper around it.
  // A function with tail calls keeps the frame protocol only: its body returns the callee to run next.
  let tails = false;
  for (let pc = 0; pc < code.length; pc += lengthAt(code, pc)) {
    const n = OPS[code[pc]!]!.def.name;
    if (n === 'ReturnCall' || n === 'ReturnCallIndirect') tails = true;
  }
  const self = sigs?.self;
  const direct = self !== undefined && !tails && !self.params.includes(T_V128) && !self.results.includes(T_V128);
  const retRep = direct && self!.results.length === 1 ? scalar(self!.results[0]!) : null;
  const R = (s: number): string => `r${s}`;
  /** a pair's high word (its low word is R) */
  const H = (s: number): string => `h${s}`;
  const load = (s: number): string => {
    if (reps[s] === 'f64') return `${R(s)} = F64[fp + ${s}];`;
    const lo = `${R(s)} = I32[fp2 + ${2 * s}];`;
    return reps[s] === 'pair' ? `${lo} ${H(s)} = I32[fp2 + ${2 * s + 1}];` : lo;
  };
  const store = (s: number): string => {
    if (reps[s] === 'f64') return `F64[fp + ${s}] = ${R(s)};`;
    const lo = `I32[fp2 + ${2 * s}] = ${R(s)};`;
    return reps[s] === 'pair' ? `${lo} I32[fp2 + ${2 * s + 1}] = ${H(s)};` : lo;
  };
  const isF64Reg = (w: number): boolean => (w & 1) === 0 && reps[w >> 1] === 'f64';
  /** slots an op serves through the frame (spilled around it): value() and friends see their frame homes */
  const spilled = new Set<number>();
  /** the register holding word w (an i32 operand), or null when it is in the frame */
  const reg32 = (w: number): string | null => {
    const s = w >> 1;
    const r = reps[s];
    if (spilled.has(s)) return null;
    if (r === 'pair') return w & 1 ? H(s) : R(s);
    return r === 'i32' && (w & 1) === 0 ? R(s) : null;
  };
  /** the registers of the pair at even word w, or null when it is in the frame */
  const pairAt = (w: number): [string, string] | null => ((w & 1) === 0 && reps[w >> 1] === 'pair' && !spilled.has(w >> 1) ? [R(w >> 1), H(w >> 1)] : null);
  const lo64 = (w: number): string => pairAt(w)?.[0] ?? `I32[fp2 + ${w}]`;
  const hi64 = (w: number): string => pairAt(w)?.[1] ?? `I32[fp2 + ${w + 1}]`;
  const storeWhere = (p: (s: number) => boolean): string => regs.filter(p).map(store).join(' ');
  const loadWhere = (p: (s: number) => boolean): string => regs.filter(p).map(load).join(' ');

  const intervals = structure(code);
  const metered = cf.metered;
  const syncOut = metered ? 'C.fuel = fuel;' : '';
  const syncIn = metered ? 'fuel = C.fuel;' : '';
  const jump = (from: number, to: number): string => (to > from ? `break b${to};` : `continue l${to};`);
  // no function-wide catch (it costs TurboFan a copy of every variable per throwing bytecode):
  // a trap is located where it is raised, a helper that may trap is caught around its one call
  const F = metered ? 'fuel' : '-1';
  const trapHere = (pc: number, code: string): string => `throw trapAt(m, fn, ${code}, ${pc}, depth, ed, ${F});`;
  const guard = (pc: number, text: string): string => `try { ${text} } catch (e) { throw locate(e, m, fn, ${pc}, depth, ed, ${F}); }`;
  /** a call: a suspension below it leaves through the cold exit (s is the call's offset), anything else is located here */
  const callGuard = (pc: number, text: string): string => `try { ${text} } catch (e) { if (e === SUSPEND) break x_; throw locate(e, m, fn, ${pc}, depth, ed, ${F}); }`;

  /** operand text: a register, a frame view access with a literal index, or the immediate */
  const value = (o: OpInfo, f: Field, pc: number): string => {
    const v = code[pc + f.index]!;
    if (f.kind === 'pool') return `K[${v}]`;
    if (!isValue(f)) return lit(v);
    if (f.kind === 'i32') {
      const r = reg32(v);
      if (r !== null) return r;
    } else if (f.kind === 'f64' && reps[v] === 'f64' && !spilled.has(v)) return R(v);
    // an f64 register's 64 bits as one value: bits64's loads and stores move the double
    else if (f.kind === 'w64' && isF64Reg(v) && !spilled.has(v >> 1)) return R(v >> 1);
    // a register read as another type than its own must have been spilled around this op
    const s = useSlot(f, v);
    if (reps[s] != null && !spilled.has(s) && f.kind !== 'w64') throw new Unsupported(`registers: internal: ${o.def.name} reads register ${s} as ${f.kind}`);
    switch (f.kind) {
      case 'i32':
        return `I32[fp2 + ${v}]`;
      case 'f32':
        return `F32[fp2 + ${v}]`;
      case 'f64':
        return `F64[fp + ${v}]`;
      case 'i64':
        return `I64[fp + ${v}]`;
      case 'u64':
        return `U64[fp + ${v}]`;
      case 'ref':
        return `R[fp + ${v}]`;
      default:
        throw new Unsupported(`registers: operand ${f.name} of ${o.def.name} (${f.kind}) has no single value`);
    }
  };
  const address = (o: OpInfo, f: Field, pc: number): string => {
    const v = code[pc + f.index]!;
    if (f.kind === 'v128') return `fp2 + ${v}`; // a v128 operand is the word index of its frame slot
    if (!isValue(f)) return lit(v);
    const s = useSlot(f, v);
    if (reps[s] != null && !spilled.has(s)) throw new Unsupported(`registers: ${o.def.name} takes the address of a register`);
    return WORD_KINDS.has(f.kind) ? `fp2 + ${v}` : `fp + ${v}`;
  };
  const isReg32 = (f: Field, pc: number): boolean => f.kind === 'i32' && reg32(code[pc + f.index]!) !== null;
  /** a template with its pair-register w64 operands' frame words as the registers (wordsOf) */
  const pairWords = (o: OpInfo, pc: number, text: string): string => {
    for (const f of o.fields) {
      if (f.kind !== 'w64') continue;
      const p = pairAt(code[pc + f.index]!);
      if (p === null) continue;
      const t = wordsOf(text, f.name, p[0], p[1]);
      if (t === null) throw new Unsupported(`registers: internal: ${o.def.name}'s ${f.name} is a pair register it cannot rewrite`);
      text = t;
    }
    return text;
  };
  /** word w of a pair (k = 0 low, 1 high) set to an expression: a register gets an int32 */
  const setWord = (w: number, k: 0 | 1, e: string): string => {
    const p = pairAt(w);
    return p !== null ? `${p[k]} = ${wrap32(e)};` : `I32[fp2 + ${w + k}] = ${e};`;
  };
  /** an i64 group op (W64_BODIES, I64Cmp): the table's body between reads and writes of the words, registers or frame alike */
  const pairGroup = (o: OpInfo, pc: number): string => {
    const d = o.def;
    const a = (k: number) => code[pc + k]!;
    const imm = o.fields.some((f) => f.name === 'lo');
    const src = a(2);
    if (d.group === 'I64Cmp') {
      const n = d.name.slice(3, imm ? -1 : undefined);
      const e = I64_CMP.find(([c]) => c === n)?.[1];
      if (e === undefined) throw new Unsupported(`registers: internal: no i64 compare ${d.name}`);
      const b = imm ? [String(a(3) >>> 0), lit(a(4))] : [`${lo64(a(3))} >>> 0`, hi64(a(3))];
      const dst = reg32(a(1)) ?? `I32[fp2 + ${a(1)}]`;
      return `const alo = ${lo64(src)} >>> 0;\nconst ahi = ${hi64(src)};\nconst blo = ${b[0]};\nconst bhi = ${b[1]};\n${dst} = ${e} ? 1 : 0;`;
    }
    const g = W64_BODIES.get(d.group!);
    if (g === undefined) throw new Unsupported(`registers: internal: no i64 body for ${d.name}`);
    const b = imm ? [lit(a(3)), lit(a(4))] : [lo64(a(3)), hi64(a(3))];
    const dst = a(1);
    return `const alo = ${lo64(src)};\nconst ahi = ${hi64(src)};\nlet blo = ${b[0]};\n${g.count ? '' : `let bhi = ${b[1]};\n`}${g.body}\n${setWord(dst, 0, 'lo')}\n${setWord(dst, 1, 'hi')}`;
  };
  /**
   * the register slots op `o` serves through the frame: an i32 or pair register's `spill` operands
   * (with `w64`, every pair among its w64 operands too), an f64 register's operands other than
   * f64 values and 64-bit moves
   */
  const spillsOf = (o: OpInfo, pc: number, w64: boolean): void => {
    for (const f of o.fields) {
      if (!isValue(f)) continue;
      const v = code[pc + f.index]!;
      const sl = useSlot(f, v);
      const r = reps[sl];
      if (r == null) continue;
      const u = useOf(o, code, pc, f);
      if (r === 'f64' ? u !== 'f64' && u !== 'mov64' : (w64 && f.kind === 'w64') || u === 'spill') spilled.add(sl);
    }
  };
  /** text run with the spilled registers in their frame homes: written before, reloaded after */
  const aroundSpills = (o: OpInfo, text: string): string => {
    if (spilled.size === 0) return text;
    if (/\b(break|continue) [bl]\d/.test(text)) throw new Unsupported(`registers: ${o.def.name} branches with a register spilled`);
    const out = `${[...spilled].map(store).join(' ')}\n${text}\n${[...spilled].map(load).join(' ')}`;
    spilled.clear();
    return out;
  };

  /** one template op with its operands spliced in; jumps become break/continue */
  const expandOp = (o: OpInfo, pc: number, bodyText?: string): string => {
    const d = o.def;
    // the switch generator's checks of the op's template (names it may use, plain JS), cached
    template(code[pc]!);
    const sub1 = (text: string): string =>
      text.replace(/([$@])([A-Za-z_]\w*)/g, (_, sigil: string, name: string) => {
        const f = o.fields.find((x) => x.name === name);
        if (!f) throw new Unsupported(`IR op ${d.name} has no operand ${name}`);
        return sigil === '@' ? address(o, f, pc) : value(o, f, pc);
      });
    const sub = (text: string): string =>
      text
        .replace(/#([A-Z]\w*)/g, (_, n: string) => String(opNum(n)))
        .replace(/^\$([A-Za-z_]\w*) = ([^\n]*);$/gm, (all, name: string, rhs: string) => {
          const f = o.fields.find((x) => x.name === name);
          return f !== undefined && isReg32(f, pc) ? `%${name} = ${wrap32(sub1(rhs))};` : all;
        })
        .replace(/([$@%])([A-Za-z_]\w*)/g, (_, sigil: string, name: string) => {
          const f = o.fields.find((x) => x.name === name);
          if (!f) throw new Unsupported(`IR op ${d.name} has no operand ${name}`);
          return sigil === '@' ? address(o, f, pc) : value(o, f, pc);
        });
    let s: string;
    if (d.group !== undefined) {
      // group bodies read their operands from the code: only frame slots reach them (classify)
      s = template(code[pc]!)
        .replace(/code\[pc \+ (\d+)\]/g, (_, k: string) => lit(code[pc + Number(k)]!))
        .replace(/code\[pc\]/g, lit(code[pc]!));
    } else if (d.expr !== undefined) {
      const f = o.fields[0]!;
      const e = sub(d.expr);
      s = isReg32(f, pc) ? `${value(o, f, pc)} = ${INT32_OPS.has(d.name) ? e : wrap32(e)};` : `${value(o, f, pc)} = ${e};`;
    } else s = sub(pairWords(o, pc, bodyText ?? d.body!));
    // constant offsets folded: `(a >>> 0) + (0 >>> 0)` is `a >>> 0`
    s = s.replace(/\(\(?(-?\d+)\)? >>> 0\)/g, (_, v: string) => String(Number(v) >>> 0)).replace(/^(const ea = \(\w+ >>> 0\)) \+ 0;$/gm, '$1;');
    s = s.replace(/\n?\s*else pc \+= \d+;/g, '').replace(/^pc \+= [^;\n]*;$/gm, '');
    s = s.replace(/\bpc = (\d+);/g, (_, t: string) => jump(pc, Number(t)));
    if (/\bpc\b|\bcode\b/.test(s)) throw new Unsupported(`registers: IR op ${d.name}: a template reads the code`);
    return s;
  };

  /** a BITS64 op touching an f64 register: the double moves whole; a sign change goes through the frame words */
  const bits64 = (o: OpInfo, pc: number, kind: 'load' | 'store' | 'const' | 'sign'): string => {
    const a = (k: number) => code[pc + k]!;
    const dbl = (w: number): string => (isF64Reg(w) ? R(w >> 1) : `F64[fp + ${w >> 1}]`);
    const body = o.def.body!;
    let s: string;
    if (kind === 'load' || kind === 'store') {
      const words = kind === 'load' ? LOAD64_WORDS : STORE64_WORDS;
      if (!body.includes(words)) throw new Unsupported(`registers: ${o.def.name}'s template is not a two-word move`);
      s = expandOp(o, pc, body.replace(words, kind === 'load' ? '$d = dv.getFloat64(ea, true);' : 'dv.setFloat64(ea, $v, true);'));
      if (o.def.traps) s = s.replace(/\btrap\((TrapCode\.\w+)\);/g, (_, c: string) => trapHere(pc, c));
      return s;
    }
    if (kind === 'const') {
      const v = doubleOf(a(2), a(3));
      if (v === null) throw new Unsupported('registers: a NaN constant into an f64 register');
      return `${dbl(a(1))} = ${Object.is(v, -0) ? '-0' : String(v)};`;
    }
    const d = a(1);
    if ([d, a(2), o.def.name === 'F64Copysign' ? a(3) : 0].some((w) => w & 1)) throw new Unsupported(`registers: ${o.def.name} of an odd word`);
    const hi = `I32[fp2 + ${d + 1}]`;
    if (o.def.name === 'F64Copysign') {
      const b = a(3);
      s = `F64[fp + ${b >> 1}] = ${dbl(b)}; t_sg = I32[fp2 + ${b + 1}] & -0x80000000; F64[fp + ${d >> 1}] = ${dbl(a(2))}; ${hi} = (${hi} & 0x7fffffff) | t_sg;`;
      temps.add('sg');
    } else s = `F64[fp + ${d >> 1}] = ${dbl(a(2))}; ${hi} ${o.def.name === 'F64Abs' ? '&= 0x7fffffff' : '^= -0x80000000'};`;
    return isF64Reg(d) ? `${s} ${R(d >> 1)} = F64[fp + ${d >> 1}];` : s;
  };
  const out: string[] = [];
  const temps = new Set<string>();
  /** call sites (their `s`) → their frame base: a suspension below one writes back the registers under it */
  const bases = new Map<number, number>();
  /** whether some op leaves through the shared cold exit (`break x_` to the suspension below the body) */
  let coldExits = false;
  let hasCalls = false;
  const refresh = `${syncIn} ${REFRESH}`;
  /**
   * A direct call's arguments and result, or null when a value's slot has a representation the
   * protocol cannot carry (then the call goes through the frame). i32 and f64 arguments are JS
   * arguments (registers or frame reads), the other values are in the frame at their slots already
   * (they are never registers); one i32 or f64 result is the return value, others are in the frame.
   */
  const directArgs = (base: number, sig: Sig): { args: string; into: string; after: string } | null => {
    if (sig.params.includes(T_V128) || sig.results.includes(T_V128)) return null;
    const args: string[] = [];
    for (let i = 0; i < sig.params.length; i++) {
      const want = scalar(sig.params[i]!);
      const have = reps[base + i];
      if (want === null) {
        if (have != null) return null;
        continue;
      }
      if (have === want) args.push(R(base + i));
      else if (have == null) args.push(want === 'i32' ? `I32[fp2 + ${2 * (base + i)}]` : `F64[fp + ${base + i}]`);
      else return null;
    }
    const rr = sig.results.length === 1 ? scalar(sig.results[0]!) : null;
    if (rr === null) return { args: args.map((a) => `, ${a}`).join(''), into: '', after: loadWhere((s) => s >= base && s < base + sig.results.length) };
    const have = reps[base];
    if (have != null && have !== rr) return null;
    const into = have === rr ? `${R(base)} = ` : rr === 'i32' ? `I32[fp2 + ${2 * base}] = ` : `F64[fp + ${base}] = `;
    return { args: args.map((a) => `, ${a}`).join(''), into, after: '' };
  };
  /**
   * A call with its frame at `base`. To a compiled callee with a direct form (`j.direct`, and this
   * function itself by name) it is a JS call with the i32/f64 arguments as parameters and the result
   * as the return value: the caller's registers stay in JS variables (the callee's frame above
   * `base` is dead to the caller after the call but for the results). Otherwise (a host or
   * interpreted callee, one without a direct form, the JS depth reached): arguments out through
   * the frame, results (and whatever it clobbered) back in. The frame records are written either
   * way: a trap in the callee reads them for its backtrace, a suspension for the interpreter's return.
   */
  const callAt = (pc: number, base: number, ret: number, sig: Sig | undefined, self: boolean, lookup: string) => {
    hasCalls = true;
    coldExits = true;
    bases.set(pc, base);
    const record = `framePc[depth] = ${ret}; frameFp[depth] = fp; frameFn[depth] = fn; ${syncOut}`;
    const slow = `${storeWhere((s) => s >= base)}
const j = c.jit;
${callGuard(
  pc,
  `if (j !== null && depth < ${JS_DEPTH}) { const t = j.body(m, fp + ${base}, depth + 1, ed); if (t !== null) tail(m, t, fp + ${base}, depth + 1, ed); }
else call(m, c, fn, fp, fp + ${base}, depth, ed, ${ret}, ${cf.frameSize});`,
)}
${loadWhere((s) => s >= base)}`;
    const d = sig === undefined ? null : directArgs(base, sig);
    if (d === null) return `${lookup}\n${record}\n${slow}\n${refresh}`;
    sigs!.directCall();
    const fast = (callee: string) => callGuard(pc, `${d.into}${callee}(m, fp + ${base}, depth + 1, ed${d.args});`);
    // self-recursion calls itself by name: no lookup on the direct path
    if (self && direct) return `${record}\nif (depth < ${JS_DEPTH}) { ${fast(`f${index}`)} }\nelse { ${lookup} ${slow} }\n${refresh} ${d.after}`;
    return `${lookup}\n${record}\nconst jj = c.jit; let jd;
if (depth < ${JS_DEPTH} && jj !== null && (jd = jj.direct) !== null) { ${fast('jd')} }
else { ${slow} }
${refresh} ${d.after}`;
  };
  const i32 = (w: number): string => reg32(w) ?? `I32[fp2 + ${w}]`;
  const indirect = (pc: number, y: number, x: number, c: number) =>
    `const tb = inst.tables[${x}]; const i = ${i32(c)} >>> 0;
if (i >= tb.elements.length) ${trapHere(pc, 'TrapCode.UndefinedElement')}
const c = tb.elements[i]; if (c === null) ${trapHere(pc, 'TrapCode.UninitializedElement')}
// a declared subtype of the expected type matches too (the interpreter's rule)
if (c.typeId !== inst.typeIds[${y}] && !canonSub(c.typeId, inst.typeIds[${y}])) ${trapHere(pc, 'TrapCode.IndirectCallTypeMismatch')}`;
  const tailCall = (pc: number, ret: number) => {
    hasCalls = true;
    bases.set(pc, 0);
    // the callee takes the frame over (arguments at slot 0): it reads the frame, so all of it goes out
    coldExits = true;
    return `${storeWhere(() => true)}
if (c.compiled === null) { ${syncOut} ${callGuard(pc, `call(m, c, fn, fp, fp, depth, ed, ${ret}, ${cf.frameSize});`)} ${refresh} ${loadWhere(() => true)} }
else { if (fp + c.compiled.frameSize > m.slots) ${trapHere(pc, 'TrapCode.CallStackExhausted')} ${syncOut} return c; }`;
  };
  // a plain Return finds its results in slots 0..; the others copy their one result to slot 0
  // (the direct form returns its one i32/f64 result instead, from its register where it has one)
  /** the direct form's return of the i32/f64 in slot `s` (a register of the other kind goes through the frame, as the frame protocol would) */
  const retSlot = (s: number): string => {
    const read = retRep === 'i32' ? `I32[fp2 + ${2 * s}]` : `F64[fp + ${s}]`;
    if (reps[s] === retRep) return `${syncOut} return ${R(s)};`;
    return `${reps[s] != null ? store(s) : ''} ${syncOut} return ${read};`;
  };
  const ret = (copy: string | null): string => {
    if (retRep === null) return `${copy ?? storeWhere((s) => s < results)} ${syncOut} return null;`;
    return copy === null ? retSlot(0) : `${copy} ${syncOut} return ${retRep === 'i32' ? 'I32[fp2]' : 'F64[fp]'};`;
  };
  const FS = cf.frameSize;

  // structured control: open and close blocks and loops at their boundaries
  const stack: Interval[] = [];
  let next = 0;
  const closeAt = (pc: number): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.end === pc) {
      const iv = stack.pop()!;
      out.push(iv.kind === 'loop' ? 'break; }' : '}');
    }
    if (stack.some((iv) => iv.end === pc)) throw new Unsupported('registers: blocks do not nest');
  };
  for (let pc = 0; pc < code.length; pc += lengthAt(code, pc)) {
    closeAt(pc);
    while (next < intervals.length && intervals[next]!.start === pc) {
      const iv = intervals[next++]!;
      if (stack.length > 0 && stack[stack.length - 1]!.end < iv.end) throw new Unsupported('registers: blocks do not nest');
      stack.push(iv);
      if (stack.length > MAX_NEST) throw new Unsupported('registers: blocks nest too deep');
      out.push(iv.kind === 'loop' ? `l${iv.target}: for (;;) {` : `b${iv.target}: {`);
    }
    if (next < intervals.length && intervals[next]!.start < pc) throw new Unsupported('registers: a block starts inside an op');
    const o = OPS[code[pc]!]!;
    const name = o.def.name;
    const a = (k: number) => code[pc + k]!;
    let s: string;
    if (o.def.group === 'bulk') {
      coldExits = true;
      s = `s = ${pc}; ${syncOut} let n; ${guard(pc, `n = bulkOp(m, inst, ${metered}, CODE, ${pc}, fp);`)} ${syncIn}
if (n < 0) break x_; ${REFRESH}`;
    } else if (o.def.group === 'memx') {
      s = `${guard(pc, `memOp(m, inst, CODE, ${pc}, fp);`)} ${REFRESH}`;
    } else if (HAND.has(name)) {
      switch (name) {
        case 'Fuel':
          if (!metered) throw new Unsupported('a Fuel op in unmetered code');
          coldExits = true;
          s = `if (fuel < ${a(1)}) { s = ${pc}; break x_; } fuel -= ${a(1)};`;
          break;
        case 'Return':
          s = ret(null);
          break;
        case 'Return32':
          s = retRep === 'i32' ? `${syncOut} return ${i32(a(1))};` : ret(`I32[fp2] = ${i32(a(1))};`);
          break;
        case 'Return64': {
          const src = a(1);
          if (retRep === 'f64' && (src & 1) === 0) {
            s = retSlot(src >> 1);
            break;
          }
          const p = pairAt(src);
          s = ret(
            reps[src >> 1] === 'f64' && (src & 1) === 0
              ? `F64[fp] = ${R(src >> 1)};`
              : p !== null
                ? `I32[fp2] = ${p[0]}; I32[fp2 + 1] = ${p[1]};`
                : `const lo = I32[fp2 + ${src}]; const hi = I32[fp2 + ${src + 1}]; I32[fp2] = lo; I32[fp2 + 1] = hi;`,
          );
          break;
        }
        case 'ReturnRef':
          s = ret('R[fp] = R[fp + ' + a(1) + '];');
          break;
        case 'Call':
          s = `s = ${pc}; ${callAt(pc, a(2), pc + 3, sigs?.func(a(1)), a(1) === index, `const c = funcs[${a(1)}];`)}`;
          break;
        case 'CallIndirect':
          s = `s = ${pc}; ${callAt(pc, a(4), pc + 5, sigs?.type(a(1)), false, indirect(pc, a(1), a(2), a(3)))}`;
          break;
        case 'ReturnCall':
          s = `s = ${pc}; const c = funcs[${a(1)}];\n${tailCall(pc, pc + 2)}`;
          break;
        case 'ReturnCallIndirect':
          s = `s = ${pc}; ${indirect(pc, a(1), a(2), a(3))}\n${tailCall(pc, pc + 4)}`;
          break;
        case 'MemoryGrow': {
          const dst = a(1);
          const set = `${i32(dst)} = r;`;
          s = `const r = mem.grow(${i32(a(2))} >>> 0); ${REFRESH} ${set}`;
          break;
        }
        default: {
          // BrTable
          const n = a(2);
          const cases: string[] = [];
          for (let i = 0; i < n; i++) cases.push(`case ${i}: ${jump(pc, a(3 + i))}`);
          s = `switch (${i32(a(1))} >>> 0) { ${cases.join(' ')} default: ${jump(pc, a(3 + n))} }`;
        }
      }
    } else if (o.def.group !== undefined && PAIR_GROUPS.has(o.def.group)) {
      spillsOf(o, pc, false);
      s = aroundSpills(o, pairGroup(o, pc));
    } else if (name === 'Const64' && isF64Reg(a(1)) && doubleOf(a(2), a(3)) === null) {
      // a NaN has no literal: its words go through the frame home
      s = `I32[fp2 + ${a(1)}] = ${lit(a(2))}; I32[fp2 + ${a(1) + 1}] = ${lit(a(3))}; ${load(a(1) >> 1)}`;
    } else if (BITS64.has(name) && o.fields.some((f) => f.kind === 'w64' && isF64Reg(code[pc + f.index]!))) {
      // a pair among its operands meets the double in the frame
      spillsOf(o, pc, true);
      s = aroundSpills(o, bits64(o, pc, BITS64.get(name)!));
    } else if (MOV64.has(name) && (name === 'Mov64' || name === 'Select64')) {
      // 64-bit moves touching an f64 register move the double; word pairs otherwise
      const f64 = (w: number) => (reps[w >> 1] === 'f64' && (w & 1) === 0 ? R(w >> 1) : null);
      const dst = a(1);
      const srcs = name === 'Mov64' ? [a(2)] : [a(2), a(3)];
      if (f64(dst) === null && srcs.every((w) => f64(w) === null)) {
        spillsOf(o, pc, false);
        if (name === 'Select64' && [dst, ...srcs].some((w) => pairAt(w) !== null)) {
          const [x, y] = srcs as [number, number];
          s = `const c = ${i32(a(4))} !== 0;\n${setWord(dst, 0, `c ? ${lo64(x)} : ${lo64(y)}`)}\n${setWord(dst, 1, `c ? ${hi64(x)} : ${hi64(y)}`)}`;
        } else s = expandOp(o, pc);
        s = aroundSpills(o, s);
      } else {
        spillsOf(o, pc, true);
        const rd = (w: number) => {
          if (w & 1) throw new Unsupported(`registers: ${name} of an odd word`);
          return f64(w) ?? `F64[fp + ${w >> 1}]`;
        };
        const v = name === 'Mov64' ? rd(srcs[0]!) : `${i32(a(4))} !== 0 ? ${rd(srcs[0]!)} : ${rd(srcs[1]!)}`;
        s = aroundSpills(o, `${rd(dst)} = ${v};`);
      }
    } else {
      template(code[pc]!); // support check (and the allow-list of names) as in codegen.ts
      spillsOf(o, pc, false);
      s = expandOp(o, pc);
      if (o.def.traps) {
        // the template's own trap() calls are located in place; a helper that may trap is caught around it
        s = s.replace(/\btrap\((TrapCode\.\w+)\);/g, (_, c: string) => trapHere(pc, c));
        if (/\bN\.|i64DivSmall|\(\s*\)/.test(s) || !/\btrapAt\(/.test(s)) s = guard(pc, s);
      }
      s = aroundSpills(o, s);
    }
    out.push(`{ ${hoist(s, temps)} }`);
  }
  closeAt(code.length);
  if (stack.length > 0) throw new Unsupported('registers: a block ends past the code');
  out.push(`throw new Error('wasmlet: internal error: compiled code ran past the end of func[${index}]');`);
  let body = out.join('\n');
  // The one cold suspension exit, reached by `break x_` with the site in `s`. The interpreter resumes
  // this frame, so it gets the registers: all of them when this function suspends (out of fuel, a
  // bulk op), those below the call's base when a callee did (at and above it is the callee's frame,
  // its arguments already written, then the callee's own). Costs the hot paths nothing.
  if (coldExits) {
    const sites = [...bases].map(([p, b]) => `case ${p}: sb = ${b}; own = false; break;`).join(' ');
    const stores = regs.map((r) => `if (${r} < sb) { ${store(r)} }`).join('\n');
    body = `x_: {\n${body}\n}\nlet sb = ${FS}, own = true;${sites ? ` switch (s) { ${sites} }` : ''}\n${stores}
if (own) { ${metered ? 'C.fuel = fuel; ' : ''}m.suspended = { fn, pc: s, fp, depth, entryDepth: ed }; }
throw SUSPEND;`;
  }
  if (/\btrap\(/.test(body)) throw new Unsupported('registers: a template raises a trap the generator cannot locate');
  const usesMem = /\b(dv|u8|memLen|mem)\b/.test(body);
  body = body.replaceAll(REFRESH, usesMem ? 'dv = mem.view; u8 = mem.u8; memLen = mem.byteLength;' : '');

  const pre = prologue(FS).map((l) => l.replace('trap(TrapCode.CallStackExhausted);', 'throw overflowAt(m, depth, ed);'));
  // locals in the frame start at zero; register locals start at zero below, params are loaded
  for (let i = cf.paramSlots; i < cf.localSlots; i++) if (reps[i] == null) pre.push(`I32[fp2 + ${2 * i}] = 0; I32[fp2 + ${2 * i + 1}] = 0;`);
  if (cf.hasRefLocals) pre.push(`for (let i = fp + ${cf.paramSlots}; i < fp + ${cf.localSlots}; i++) R[i] = null;`);
  // the direct form's i32/f64 params arrive as JS arguments p<i> (slot i: no v128 in its type)
  const params = direct ? self!.params.flatMap((t, i) => (scalar(t) === null ? [] : [i])) : [];
  const isArg = (r: number): boolean => direct && r < self!.params.length && scalar(self!.params[r]!) !== null;
  for (const i of params) {
    if (reps[i] === scalar(self!.params[i]!)) continue;
    pre.push(scalar(self!.params[i]!) === 'i32' ? `I32[fp2 + ${2 * i}] = p${i};` : `F64[fp + ${i}] = p${i};`);
  }
  for (const r of regs) {
    const names = reps[r] === 'pair' ? [R(r), H(r)] : [R(r)];
    if (isArg(r) && reps[r] === scalar(self!.params[r]!)) pre.push(`let ${R(r)} = p${r};`);
    else pre.push(r < cf.paramSlots ? `let ${names.join(', ')}; ${load(r)}` : `let ${names.map((n) => `${n} = 0`).join(', ')};`);
  }
  if (metered) pre.push('let fuel = C.fuel;');
  if (usesMem) pre.push('let dv = mem.view, u8 = mem.u8, memLen = mem.byteLength;');
  if (hasCalls) pre.push('const framePc = m.framePc, frameFp = m.frameFp, frameFn = m.frameFn;');
  pre.push('let s = 0;');
  if (temps.size > 0) pre.push(`let ${[...temps].map((t) => `t_${t}`).join(', ')};`);
  if (!direct) return factorySource(index, pre, body, metered, false);
  // the frame protocol (entries, tail calls, callers through the frame) around the direct form
  const argReads = params.map((i) => (scalar(self!.params[i]!) === 'i32' ? `, m.i32[(fp << 1) + ${2 * i}]` : `, m.f64[fp + ${i}]`)).join('');
  const keep = retRep === 'i32' ? 'm.i32[fp << 1] = r; ' : retRep === 'f64' ? 'm.f64[fp] = r; ' : '';
  return factorySource(index, pre, body, metered, false, {
    params: params.map((i) => `, p${i}`).join(''),
    body: `const r = d(m, fp, depth, ed${argReads}); ${keep}return null;`,
  });
}
