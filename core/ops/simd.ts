/**
 * The SIMD rows of the instruction tables: every 0xfd-prefixed instruction of fixed-width SIMD
 * (WebAssembly 2.0) and relaxed SIMD (3.0), each with its Wasm encoding and signature and the IR
 * op that runs it, whose semantics are a code template like ir.ts's. wasm.ts and ir.ts append these
 * rows; the generator (scripts/gen-ops.mjs) writes each IR op as a small function of
 * core/exec/simd.ts, not into the interpreter's switch, so scalar code keeps its dispatch loop as
 * it was (RATIONALE.md "SIMD").
 *
 * Template conventions (names in scope in core/exec/simd.ts): the frame through lane views
 * I8 U8 I16 U16 I32 U32 F32 F64; a v128 operand `@x` is its first word index, so its lanes
 * start at `@x << 2` (bytes), `@x << 1` (16-bit), `@x` (32-bit), `@x >> 1` (64-bit). i64 lanes
 * are word pairs (lo, hi): no BigInt. A v128 result's slots are either the same as an operand's or
 * disjoint from them (the translator's stack discipline; load_lane, whose v128 follows an i32, is
 * the exception and copies through locals), so a lane-wise op of one lane width writes lane i
 * right after reading lane i. Ops whose result lanes are wider, narrower or permuted build the
 * result in locals (up to 4 lanes) or in the 16-byte scratch (tI8 tU8 tI16 tU16 tI32;
 * `scratch: true` appends the copy-out). Memory ops name their memory (`m`), so
 * every memory takes the same path.
 */
import type { IrOpDef, WasmOpDef } from './spec.js';

export const SIMD_WASM: WasmOpDef[] = [];
export const SIMD_IR: IrOpDef[] = [];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** `i8x16.add_sat_s` → `I8x16AddSatS` */
const irName = (name: string) => name.split(/[._]/).map(cap).join('');
/** IR operand kind carrying a Wasm value type (f32 and f64 as raw bits) */
const KIND: Record<string, string> = { v128: 'v128', i32: 'i32', f32: 'i32', i64: 'w64', f64: 'w64' };
const IMMS: Record<string, string> = { none: '', memarg: 'off:imm m:imm', memarg_lane: 'off:imm m:imm l:imm', lane: 'l:imm', shuffle: 'k0:imm k1:imm k2:imm k3:imm', v128: 'k0:imm k1:imm k2:imm k3:imm' };

/** copy the scratch out to the result */
const OUT = 'const d = @d;\nI32[d] = tI32[0];\nI32[d + 1] = tI32[1];\nI32[d + 2] = tI32[2];\nI32[d + 3] = tI32[3];';
/** write the four words q0..q3 to the result (q, not r: the compiled tier names its registers r<slot>) */
const OUT4 = 'const d = @d;\nI32[d] = q0;\nI32[d + 1] = q1;\nI32[d + 2] = q2;\nI32[d + 3] = q3;';
/** `n` statements, `f(i)` for each lane i (unrolled) */
const each = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
/** `base + i`, without the `+ 0` */
const ix = (base: string, i: number | string) => (i === 0 ? base : `${base} + ${i}`);

interface Row {
  imm?: WasmOpDef['imm'];
  align?: number;
  lanes?: number;
  feature?: 'simd' | 'relaxed-simd';
  traps?: boolean;
  /** the body fills the scratch; the copy-out is appended */
  scratch?: boolean;
  /** the IR op for a constant last operand (shift counts), which the translator puts inline */
  immForm?: string;
}
/**
 * One instruction and its IR op. `sig` names the operands a, b, c in order and the result d;
 * `body` is the template.
 */
/** the feature of the rows being added (relaxed SIMD's rows come last) */
let feature: 'simd' | 'relaxed-simd' = 'simd';
function row(code: number, name: string, sig: string, body: string, r: Row = {}): void {
  const [ps, rs] = sig.split('->').map((s) => s.trim().split(/\s+/).filter(Boolean)) as [string[], string[]];
  const names = ['a', 'b', 'c'];
  const args = [...rs.map((t) => `d:${KIND[t]}`), ...ps.map((t, i) => `${names[i]}:${KIND[t]}`), IMMS[r.imm ?? 'none']].filter(Boolean).join(' ');
  const ir = irName(name);
  SIMD_WASM.push({ name, code, prefix: 0xfd, sig, ir, feature: r.feature ?? feature, ...(r.imm ? { imm: r.imm } : {}), ...(r.align !== undefined ? { align: r.align } : {}), ...(r.lanes ? { lanes: r.lanes } : {}), ...(r.immForm ? { immForm: r.immForm } : {}) });
  const full = r.scratch ? `${body}\n${OUT}` : body;
  SIMD_IR.push({ name: ir, args, body: full, simd: true, ...(r.traps ? { traps: true } : {}), ...(DIRECT.has(ir) ? { direct: true } : {}) });
}

/**
 * An IR-only op with no Wasm instruction: a superinstruction that a peephole rule of
 * core/ops/peephole.ts makes from two ops, or a v128 move
 */
function fused(name: string, args: string, body: string, traps = false): void {
  SIMD_IR.push({ name, args, body, simd: true, ...(traps ? { traps: true } : {}), ...(DIRECT.has(name) ? { direct: true } : {}) });
}
/**
 * The ops of the vectorized multiply-accumulate loops (bench/src/simd: fir, matmul), also cases
 * of the interpreter's switch (`direct`): a call per op was a third of fir's time
 */
const DIRECT = new Set(['V128Load', 'V128LoadAI', 'V128Load16SplatAI', 'V128Load32SplatAI', 'I32x4ShlI', 'I32x4ShrSI', 'I32x4MulAddExtLowI16x8S', 'I32x4MulAddExtHighI16x8S', 'I32x4MulAdd']);

// ---- lane shapes -----------------------------------------------------------------------------
type Lane = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64';
const VIEW: Record<Lane, [string, number, string]> = {
  i8: ['I8', 16, '<< 2'],
  u8: ['U8', 16, '<< 2'],
  i16: ['I16', 8, '<< 1'],
  u16: ['U16', 8, '<< 1'],
  i32: ['I32', 4, ''],
  u32: ['U32', 4, ''],
  f32: ['F32', 4, ''],
  f64: ['F64', 2, '>> 1'],
};
const view = (l: Lane) => VIEW[l][0];
const count = (l: Lane) => VIEW[l][1];
/** first lane index of operand x in lane shape l */
const at = (l: Lane, x: string) => (VIEW[l][2] ? `(@${x}) ${VIEW[l][2]}` : `@${x}`);

/**
 * Lane-wise ops of one lane width: lane i of the result from lane i of the operands (x, y),
 * written through view `o` right after lane i is read. Up to 4 lanes unrolled.
 */
function lanes(n: number, body: (i: number | string) => string): string {
  return n <= 4 ? each(n, body) : `for (let i = 0; i < ${n}; i++) {\n${body('i')}\n}`;
}
/** d[i] = f(a[i]) (x is a's lane), written through view `o` of the same width */
function un(code: number, name: string, l: Lane, f: string, o: string = view(l)): void {
  row(code, name, 'v128 -> v128', `const a = ${at(l, 'a')};\nconst d = ${at(l, 'd')};\n${lanes(count(l), (i) => `{\nconst x = ${view(l)}[${ix('a', i)}];\n${o}[${ix('d', i)}] = ${f};\n}`)}`);
}
/** d[i] = f(a[i], b[i]) (x, y) */
function bin(code: number, name: string, l: Lane, f: string, o: string = view(l)): void {
  row(
    code,
    name,
    'v128 v128 -> v128',
    `const a = ${at(l, 'a')};\nconst b = ${at(l, 'b')};\nconst d = ${at(l, 'd')};\n${lanes(count(l), (i) => `{\nconst x = ${view(l)}[${ix('a', i)}];\nconst y = ${view(l)}[${ix('b', i)}];\n${o}[${ix('d', i)}] = ${f};\n}`)}`,
  );
}
/** the signed view of a lane shape, for all-ones/zero results */
const SIGNED: Record<Lane, string> = { i8: 'I8', u8: 'I8', i16: 'I16', u16: 'I16', i32: 'I32', u32: 'I32', f32: 'I32', f64: '' };
/** lane comparisons: all ones where `c` holds (x, y) */
function cmp(code: number, name: string, l: Lane, c: string): void {
  if (l === 'f64') {
    row(code, name, 'v128 v128 -> v128', `const a = (@a) >> 1;\nconst b = (@b) >> 1;\nconst d = @d;\n${each(2, (i) => `{\nconst x = F64[${ix('a', i)}];\nconst y = F64[${ix('b', i)}];\nconst r = ${c} ? -1 : 0;\nI32[${ix('d', 2 * i)}] = r;\nI32[d + ${2 * i + 1}] = r;\n}`)}`);
  } else bin(code, name, l, `${c} ? -1 : 0`, SIGNED[l]);
}
/** i64 lanes as word pairs: `f(i)` gets lane i's words al ah (a) and bl bh (b) and sets rl rh */
function bin64(code: number, name: string, f: string): void {
  row(code, name, 'v128 v128 -> v128', `const a = @a;\nconst b = @b;\nconst d = @d;\n${each(2, (i) => `{\nconst al = I32[${ix('a', 2 * i)}];\nconst ah = I32[a + ${2 * i + 1}];\nconst bl = I32[${ix('b', 2 * i)}];\nconst bh = I32[b + ${2 * i + 1}];\n${f}\nI32[${ix('d', 2 * i)}] = rl;\nI32[d + ${2 * i + 1}] = rh;\n}`)}`);
}
function un64(code: number, name: string, f: string): void {
  row(code, name, 'v128 -> v128', `const a = @a;\nconst d = @d;\n${each(2, (i) => `{\nconst al = I32[${ix('a', 2 * i)}];\nconst ah = I32[a + ${2 * i + 1}];\n${f}\nI32[${ix('d', 2 * i)}] = rl;\nI32[d + ${2 * i + 1}] = rh;\n}`)}`);
}
function cmp64(code: number, name: string, c: string): void {
  bin64(code, name, `const rl = ${c} ? -1 : 0;\nconst rh = rl;`);
}

// ---- memory ----------------------------------------------------------------------------------
/** effective address and the spec's bounds check: ea + width > memory size traps */
const ea = (w: number) => `const mem = inst.memories[$m];\nconst ea = ($a >>> 0) + ($off >>> 0);\nif (ea + ${w} > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);`;
const mrow = (code: number, name: string, sig: string, w: number, body: string, align: number, extra: Row = {}) =>
  row(code, name, sig, `${ea(w)}\nconst dv = mem.view;\n${body}`, { imm: 'memarg', align, traps: true, ...extra });
const get32 = (i: number) => `dv.getInt32(${ix('ea', 4 * i)}, true)`;
const LOAD = `const q0 = ${get32(0)};\nconst q1 = ${get32(1)};\nconst q2 = ${get32(2)};\nconst q3 = ${get32(3)};\n${OUT4}`;
mrow(0x00, 'v128.load', 'i32 -> v128', 16, LOAD, 4);
mrow(0x01, 'v128.load8x8_s', 'i32 -> v128', 8, 'const d = (@d) << 1;\nfor (let i = 0; i < 8; i++) I16[d + i] = dv.getInt8(ea + i);', 3);
mrow(0x02, 'v128.load8x8_u', 'i32 -> v128', 8, 'const d = (@d) << 1;\nfor (let i = 0; i < 8; i++) I16[d + i] = dv.getUint8(ea + i);', 3);
mrow(0x03, 'v128.load16x4_s', 'i32 -> v128', 8, `const d = @d;\n${each(4, (i) => `I32[${ix('d', i)}] = dv.getInt16(${ix('ea', 2 * i)}, true);`)}`, 3);
mrow(0x04, 'v128.load16x4_u', 'i32 -> v128', 8, `const d = @d;\n${each(4, (i) => `I32[${ix('d', i)}] = dv.getUint16(${ix('ea', 2 * i)}, true);`)}`, 3);
mrow(0x05, 'v128.load32x2_s', 'i32 -> v128', 8, `const q0 = ${get32(0)};\nconst q1 = q0 >> 31;\nconst q2 = ${get32(1)};\nconst q3 = q2 >> 31;\n${OUT4}`, 3);
mrow(0x06, 'v128.load32x2_u', 'i32 -> v128', 8, `const q0 = ${get32(0)};\nconst q1 = 0;\nconst q2 = ${get32(1)};\nconst q3 = 0;\n${OUT4}`, 3);
const splat = (v: string) => `const q0 = ${v};\nconst q1 = q0;\nconst q2 = q0;\nconst q3 = q0;\n${OUT4}`;
mrow(0x07, 'v128.load8_splat', 'i32 -> v128', 1, splat('Math.imul(dv.getUint8(ea), 0x01010101)'), 0);
const SPLAT16 = splat('Math.imul(dv.getUint16(ea, true), 0x10001)');
const SPLAT32 = splat(get32(0));
mrow(0x08, 'v128.load16_splat', 'i32 -> v128', 2, SPLAT16, 1);
mrow(0x09, 'v128.load32_splat', 'i32 -> v128', 4, SPLAT32, 2);
mrow(0x0a, 'v128.load64_splat', 'i32 -> v128', 8, `const q0 = ${get32(0)};\nconst q1 = ${get32(1)};\nconst q2 = q0;\nconst q3 = q1;\n${OUT4}`, 3);
const STORE = `const b = @b;\n${each(4, (i) => `dv.setInt32(${ix('ea', 4 * i)}, I32[${ix('b', i)}], true);`)}`;
mrow(0x0b, 'v128.store', 'i32 v128 ->', 16, STORE, 4);
// `*(p + c)`: the i32.add of the address folded in (static offset 0), as the scalar AI forms
const eaAI = (w: number) => `const mem = inst.memories[$m];\nconst ea = ($a + $i) >>> 0;\nif (ea + ${w} > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);\nconst dv = mem.view;`;
fused('V128LoadAI', 'd:v128 a:i32 i:imm m:imm', `${eaAI(16)}\n${LOAD}`, true);
fused('V128Load16SplatAI', 'd:v128 a:i32 i:imm m:imm', `${eaAI(2)}\n${SPLAT16}`, true);
fused('V128Load32SplatAI', 'd:v128 a:i32 i:imm m:imm', `${eaAI(4)}\n${SPLAT32}`, true);
fused('V128StoreAI', 'a:i32 b:v128 i:imm m:imm', `${eaAI(16)}\n${STORE}`, true);
mrow(0x5c, 'v128.load32_zero', 'i32 -> v128', 4, `const q0 = ${get32(0)};\nconst q1 = 0;\nconst q2 = 0;\nconst q3 = 0;\n${OUT4}`, 2);
mrow(0x5d, 'v128.load64_zero', 'i32 -> v128', 8, `const q0 = ${get32(0)};\nconst q1 = ${get32(1)};\nconst q2 = 0;\nconst q3 = 0;\n${OUT4}`, 3);
// load_lane / store_lane: memarg, then the lane; the lane's bytes are copied as they are. The
// v128 operand sits one slot after the address, so it overlaps the result: copy through locals.
const LANE_MEM: [number, number, number][] = [
  [8, 1, 16],
  [16, 2, 8],
  [32, 4, 4],
  [64, 8, 2],
];
LANE_MEM.forEach(([bits, w, n], k) => {
  row(0x54 + k, `v128.load${bits}_lane`, 'i32 v128 -> v128', `${ea(w)}\nconst b = @b;\nconst q0 = I32[b];\nconst q1 = I32[b + 1];\nconst q2 = I32[b + 2];\nconst q3 = I32[b + 3];\n${OUT4}\nconst u = mem.u8;\nconst at = (d << 2) + $l * ${w};\nfor (let i = 0; i < ${w}; i++) U8[at + i] = u[ea + i];`, {
    imm: 'memarg_lane',
    align: Math.log2(w),
    lanes: n,
    traps: true,
  });
  row(0x58 + k, `v128.store${bits}_lane`, 'i32 v128 ->', `${ea(w)}\nconst u = mem.u8;\nconst at = ((@b) << 2) + $l * ${w};\nfor (let i = 0; i < ${w}; i++) u[ea + i] = U8[at + i];`, {
    imm: 'memarg_lane',
    align: Math.log2(w),
    lanes: n,
    traps: true,
  });
});

// ---- constants, shuffles, splats, lanes ----------------------------------------------------------
row(0x0c, 'v128.const', '-> v128', 'const q0 = $k0;\nconst q1 = $k1;\nconst q2 = $k2;\nconst q3 = $k3;\n' + OUT4, { imm: 'v128' });
// Every lane from a (indices < 16: widening and splat patterns): the bytes straight from a's
// slots, all read before d is written. Else both operands are copied into the 32-byte pair
// scratch (pI32/pU8), where a lane index (validated below 32) is a byte offset. Either way each
// result word is four picked bytes: no byte loop, no result scratch.
const pick = (v: string, base: string, i: number) => `${v}[${base}(k${i} & 255)] | (${v}[${base}((k${i} >>> 8) & 255)] << 8) | (${v}[${base}((k${i} >>> 16) & 255)] << 16) | (${v}[${base}(k${i} >>> 24)] << 24)`;
const SHUFFLE = `${each(4, (i) => `const k${i} = $k${i};`)}\nlet q0 = 0;\nlet q1 = 0;\nlet q2 = 0;\nlet q3 = 0;\nif (((k0 | k1 | k2 | k3) & 0x10101010) === 0) {\nconst a = (@a) << 2;\n${each(4, (i) => `q${i} = ${pick('U8', 'a + ', i)};`)}\n} else {\nconst a = @a;\nconst b = @b;\n${each(4, (i) => `pI32[${i}] = I32[${ix('a', i)}];\npI32[${i + 4}] = I32[${ix('b', i)}];`)}\n${each(4, (i) => `q${i} = ${pick('pU8', '', i)};`)}\n}\n${OUT4}`;
row(0x0d, 'i8x16.shuffle', 'v128 v128 -> v128', SHUFFLE, { imm: 'shuffle' });
const SWIZZLE = 'const a = (@a) << 2;\nconst b = (@b) << 2;\nfor (let i = 0; i < 16; i++) {\nconst s = U8[b + i];\ntU8[i] = s < 16 ? U8[a + s] : 0;\n}';
row(0x0e, 'i8x16.swizzle', 'v128 v128 -> v128', SWIZZLE, { scratch: true });
row(0x0f, 'i8x16.splat', 'i32 -> v128', splat('Math.imul($a & 255, 0x01010101)'));
row(0x10, 'i16x8.splat', 'i32 -> v128', splat('Math.imul($a & 0xffff, 0x10001)'));
row(0x11, 'i32x4.splat', 'i32 -> v128', splat('$a'));
const SPLAT64 = `const a = @a;\nconst q0 = I32[a];\nconst q1 = I32[a + 1];\nconst q2 = q0;\nconst q3 = q1;\n${OUT4}`;
row(0x12, 'i64x2.splat', 'i64 -> v128', SPLAT64);
row(0x13, 'f32x4.splat', 'f32 -> v128', splat('$a'));
row(0x14, 'f64x2.splat', 'f64 -> v128', SPLAT64);
/** copy operand a to the result (equal or disjoint slots), then the body */
const copyA = 'const a = @a;\nconst d = @d;\nif (a !== d) {\nI32[d] = I32[a];\nI32[d + 1] = I32[a + 1];\nI32[d + 2] = I32[a + 2];\nI32[d + 3] = I32[a + 3];\n}';
row(0x15, 'i8x16.extract_lane_s', 'v128 -> i32', '$d = I8[((@a) << 2) + $l];', { imm: 'lane', lanes: 16 });
row(0x16, 'i8x16.extract_lane_u', 'v128 -> i32', '$d = U8[((@a) << 2) + $l];', { imm: 'lane', lanes: 16 });
row(0x17, 'i8x16.replace_lane', 'v128 i32 -> v128', `const v = $b;\n${copyA}\nI8[(d << 2) + $l] = v;`, { imm: 'lane', lanes: 16 });
row(0x18, 'i16x8.extract_lane_s', 'v128 -> i32', '$d = I16[((@a) << 1) + $l];', { imm: 'lane', lanes: 8 });
row(0x19, 'i16x8.extract_lane_u', 'v128 -> i32', '$d = U16[((@a) << 1) + $l];', { imm: 'lane', lanes: 8 });
row(0x1a, 'i16x8.replace_lane', 'v128 i32 -> v128', `const v = $b;\n${copyA}\nI16[(d << 1) + $l] = v;`, { imm: 'lane', lanes: 8 });
row(0x1b, 'i32x4.extract_lane', 'v128 -> i32', '$d = I32[@a + $l];', { imm: 'lane', lanes: 4 });
row(0x1c, 'i32x4.replace_lane', 'v128 i32 -> v128', `const v = $b;\n${copyA}\nI32[d + $l] = v;`, { imm: 'lane', lanes: 4 });
const EXTRACT64 = 'const s = @a + 2 * $l;\nconst lo = I32[s];\nconst hi = I32[s + 1];\nconst d = @d;\nI32[d] = lo;\nI32[d + 1] = hi;';
const REPLACE64 = `const s = @b;\nconst lo = I32[s];\nconst hi = I32[s + 1];\n${copyA}\nI32[d + 2 * $l] = lo;\nI32[d + 2 * $l + 1] = hi;`;
row(0x1d, 'i64x2.extract_lane', 'v128 -> i64', EXTRACT64, { imm: 'lane', lanes: 2 });
row(0x1e, 'i64x2.replace_lane', 'v128 i64 -> v128', REPLACE64, { imm: 'lane', lanes: 2 });
row(0x1f, 'f32x4.extract_lane', 'v128 -> f32', '$d = I32[@a + $l];', { imm: 'lane', lanes: 4 });
row(0x20, 'f32x4.replace_lane', 'v128 f32 -> v128', `const v = $b;\n${copyA}\nI32[d + $l] = v;`, { imm: 'lane', lanes: 4 });
row(0x21, 'f64x2.extract_lane', 'v128 -> f64', EXTRACT64, { imm: 'lane', lanes: 2 });
row(0x22, 'f64x2.replace_lane', 'v128 f64 -> v128', REPLACE64, { imm: 'lane', lanes: 2 });

// ---- comparisons -----------------------------------------------------------------------------
const ICMP: [string, string, boolean][] = [
  ['eq', 'x === y', false],
  ['ne', 'x !== y', false],
  ['lt_s', 'x < y', false],
  ['lt_u', 'x < y', true],
  ['gt_s', 'x > y', false],
  ['gt_u', 'x > y', true],
  ['le_s', 'x <= y', false],
  ['le_u', 'x <= y', true],
  ['ge_s', 'x >= y', false],
  ['ge_u', 'x >= y', true],
];
(
  [
    ['i8x16', 0x23, 'i8', 'u8'],
    ['i16x8', 0x2d, 'i16', 'u16'],
    ['i32x4', 0x37, 'i32', 'u32'],
  ] as const
).forEach(([shape, base, s, u]) => ICMP.forEach(([n, c, uns], i) => cmp(base + i, `${shape}.${n}`, uns ? u : s, c)));
const FCMP: [string, string][] = [
  ['eq', 'x === y'],
  ['ne', 'x !== y'],
  ['lt', 'x < y'],
  ['gt', 'x > y'],
  ['le', 'x <= y'],
  ['ge', 'x >= y'],
];
FCMP.forEach(([n, c], i) => cmp(0x41 + i, `f32x4.${n}`, 'f32', c));
FCMP.forEach(([n, c], i) => cmp(0x47 + i, `f64x2.${n}`, 'f64', c));
// i64 comparisons on word pairs: the high words signed, the low words unsigned
const LT64 = (x: string, y: string) => `(${x}h < ${y}h || (${x}h === ${y}h && ${x}l >>> 0 < ${y}l >>> 0))`;
const I64CMP: [string, string][] = [
  ['eq', 'al === bl && ah === bh'],
  ['ne', '(al !== bl || ah !== bh)'],
  ['lt_s', LT64('a', 'b')],
  ['gt_s', LT64('b', 'a')],
  ['le_s', `!${LT64('b', 'a')}`],
  ['ge_s', `!${LT64('a', 'b')}`],
];
I64CMP.forEach(([n, c], i) => cmp64(0xd6 + i, `i64x2.${n}`, c));

// ---- bitwise ---------------------------------------------------------------------------------
un(0x4d, 'v128.not', 'i32', '~x');
bin(0x4e, 'v128.and', 'i32', 'x & y');
bin(0x4f, 'v128.andnot', 'i32', 'x & ~y');
bin(0x50, 'v128.or', 'i32', 'x | y');
bin(0x51, 'v128.xor', 'i32', 'x ^ y');
row(0x52, 'v128.bitselect', 'v128 v128 v128 -> v128', `const a = @a;\nconst b = @b;\nconst c = @c;\nconst d = @d;\n${each(4, (i) => `{\nconst m = I32[${ix('c', i)}];\nI32[${ix('d', i)}] = (I32[${ix('a', i)}] & m) | (I32[${ix('b', i)}] & ~m);\n}`)}`);
row(0x53, 'v128.any_true', 'v128 -> i32', 'const a = @a;\n$d = (I32[a] | I32[a + 1] | I32[a + 2] | I32[a + 3]) !== 0 ? 1 : 0;');

// ---- integer arithmetic --------------------------------------------------------------------------
/** all_true: every lane non-zero; bitmask: the lanes' sign bits */
function truth(allCode: number, maskCode: number, shape: string, l: Lane): void {
  const n = count(l);
  row(allCode, `${shape}.all_true`, 'v128 -> i32', `const a = ${at(l, 'a')};\nlet r = 1;\nfor (let i = 0; i < ${n}; i++) if (${view(l)}[a + i] === 0) r = 0;\n$d = r;`);
  row(maskCode, `${shape}.bitmask`, 'v128 -> i32', `const a = ${at(l, 'a')};\nlet r = 0;\nfor (let i = 0; i < ${n}; i++) if (${view(l)}[a + i] < 0) r |= 1 << i;\n$d = r;`);
}
truth(0x63, 0x64, 'i8x16', 'i8');
truth(0x83, 0x84, 'i16x8', 'i16');
truth(0xa3, 0xa4, 'i32x4', 'i32');
row(0xc3, 'i64x2.all_true', 'v128 -> i32', 'const a = @a;\n$d = (I32[a] | I32[a + 1]) !== 0 && (I32[a + 2] | I32[a + 3]) !== 0 ? 1 : 0;');
row(0xc4, 'i64x2.bitmask', 'v128 -> i32', 'const a = @a;\n$d = (I32[a + 1] >>> 31) | ((I32[a + 3] >>> 31) << 1);');

/** shifts: the count is taken modulo the lane width */
function shifts(base: number, shape: string, s: Lane, u: Lane, bits: number): void {
  const body = (l: Lane, o: string) => `const k = $b & ${bits - 1};\nconst a = ${at(l, 'a')};\nconst d = ${at(l, 'd')};\n${lanes(count(l), (i) => `${view(s)}[${ix('d', i)}] = ${view(l)}[${ix('a', i)}] ${o} k;`)}`;
  const I = irName(shape);
  row(base, `${shape}.shl`, 'v128 i32 -> v128', body(s, '<<'), { immForm: `${I}ShlI` });
  row(base + 1, `${shape}.shr_s`, 'v128 i32 -> v128', body(s, '>>'), { immForm: `${I}ShrSI` });
  row(base + 2, `${shape}.shr_u`, 'v128 i32 -> v128', body(u, '>>>'), { immForm: `${I}ShrUI` });
  // with a constant count, inline (the translator's immediate form): no Const32 dispatch
  const imm = (b: string) => b.replace('$b', '$k');
  fused(`${I}ShlI`, 'd:v128 a:v128 k:imm', imm(body(s, '<<')));
  fused(`${I}ShrSI`, 'd:v128 a:v128 k:imm', imm(body(s, '>>')));
  fused(`${I}ShrUI`, 'd:v128 a:v128 k:imm', imm(body(u, '>>>')));
}
shifts(0x6b, 'i8x16', 'i8', 'u8', 8);
shifts(0x8b, 'i16x8', 'i16', 'u16', 16);
shifts(0xab, 'i32x4', 'i32', 'u32', 32);
// i64x2 shifts on word pairs (k in 0..63; a JS shift count is mod 32, so 0 and >= 32 are apart)
const SHIFT64: Record<string, string> = {
  shl: 'k === 0 ? al : k < 32 ? al << k : 0;\nconst rh = k === 0 ? ah : k < 32 ? (ah << k) | (al >>> (32 - k)) : al << (k - 32);',
  shr_s: 'k === 0 ? al : k < 32 ? (al >>> k) | (ah << (32 - k)) : ah >> (k - 32);\nconst rh = k < 32 ? ah >> k : ah >> 31;',
  shr_u: 'k === 0 ? al : k < 32 ? (al >>> k) | (ah << (32 - k)) : ah >>> (k - 32);\nconst rh = k === 0 ? ah : k < 32 ? ah >>> k : 0;',
};
Object.entries(SHIFT64).forEach(([n, f], i) =>
  row(0xcb + i, `i64x2.${n}`, 'v128 i32 -> v128', `const k = $b & 63;\nconst a = @a;\nconst d = @d;\n${each(2, (j) => `{\nconst al = I32[${ix('a', 2 * j)}];\nconst ah = I32[a + ${2 * j + 1}];\nconst rl = ${f}\nI32[${ix('d', 2 * j)}] = rl;\nI32[d + ${2 * j + 1}] = rh;\n}`)}`),
);

const clamp = (lo: number, hi: number, e: string) => `Math.min(${hi}, Math.max(${lo}, ${e}))`;
/**
 * wrapping add/sub of 8- or 16-bit lanes four words at a time: the low bits of each lane add
 * without crossing into the next lane, the top bit is the xor of the operands' and that carry
 */
function swar(code: number, name: string, top: string, sub: boolean): void {
  const low = `(~${top} >>> 0)`;
  const f = sub ? `(((x | ${top}) - (y & ${low})) ^ ((x ^ ~y) & ${top}))` : `(((x & ${low}) + (y & ${low})) ^ ((x ^ y) & ${top}))`;
  bin(code, name, 'i32', f);
}
// i8x16
un(0x60, 'i8x16.abs', 'i8', 'x < 0 ? -x : x');
un(0x61, 'i8x16.neg', 'i8', '-x');
un(0x62, 'i8x16.popcnt', 'u8', 'N.i32Popcnt(x)');
const narrow = (code: number, name: string, from: Lane, n: number, o: string, f: string) =>
  row(code, name, 'v128 v128 -> v128', `const a = ${at(from, 'a')};\nconst b = ${at(from, 'b')};\nfor (let i = 0; i < ${n}; i++) {\nconst x = i < ${n / 2} ? ${view(from)}[a + i] : ${view(from)}[b + i - ${n / 2}];\n${o}[i] = ${f};\n}`, { scratch: true });
narrow(0x65, 'i8x16.narrow_i16x8_s', 'i16', 16, 'tI8', clamp(-128, 127, 'x'));
narrow(0x66, 'i8x16.narrow_i16x8_u', 'i16', 16, 'tU8', clamp(0, 255, 'x'));
swar(0x6e, 'i8x16.add', '0x80808080', false);
bin(0x6f, 'i8x16.add_sat_s', 'i8', clamp(-128, 127, 'x + y'));
bin(0x70, 'i8x16.add_sat_u', 'u8', 'Math.min(255, x + y)');
swar(0x71, 'i8x16.sub', '0x80808080', true);
bin(0x72, 'i8x16.sub_sat_s', 'i8', clamp(-128, 127, 'x - y'));
bin(0x73, 'i8x16.sub_sat_u', 'u8', 'Math.max(0, x - y)');
bin(0x76, 'i8x16.min_s', 'i8', 'x < y ? x : y');
bin(0x77, 'i8x16.min_u', 'u8', 'x < y ? x : y');
bin(0x78, 'i8x16.max_s', 'i8', 'x > y ? x : y');
bin(0x79, 'i8x16.max_u', 'u8', 'x > y ? x : y');
bin(0x7b, 'i8x16.avgr_u', 'u8', '(x + y + 1) >>> 1');
// i16x8
const pairwise = (code: number, name: string, from: Lane, o: string) =>
  row(code, name, 'v128 -> v128', `const a = ${at(from, 'a')};\nfor (let i = 0; i < ${count(from) / 2}; i++) ${o}[i] = ${view(from)}[a + 2 * i] + ${view(from)}[a + 2 * i + 1];`, { scratch: true });
pairwise(0x7c, 'i16x8.extadd_pairwise_i8x16_s', 'i8', 'tI16');
pairwise(0x7d, 'i16x8.extadd_pairwise_i8x16_u', 'u8', 'tI16');
pairwise(0x7e, 'i32x4.extadd_pairwise_i16x8_s', 'i16', 'tI32');
pairwise(0x7f, 'i32x4.extadd_pairwise_i16x8_u', 'u16', 'tI32');
un(0x80, 'i16x8.abs', 'i16', 'x < 0 ? -x : x');
un(0x81, 'i16x8.neg', 'i16', '-x');
const Q15 = clamp(-32768, 32767, '(x * y + 0x4000) >> 15');
bin(0x82, 'i16x8.q15mulr_sat_s', 'i16', Q15);
narrow(0x85, 'i16x8.narrow_i32x4_s', 'i32', 8, 'tI16', clamp(-32768, 32767, 'x'));
narrow(0x86, 'i16x8.narrow_i32x4_u', 'i32', 8, 'tU16', clamp(0, 65535, 'x'));
/**
 * extend the low or high half of the lanes of `from` into lanes twice as wide: four result words
 * in locals (32-bit lanes), else the scratch
 */
const extend = (code: number, name: string, from: Lane, high: boolean, o: string) => {
  const base = `const a = (${at(from, 'a')})${high ? ` + ${count(from) / 2}` : ''};`;
  if (o === 'tI32') row(code, name, 'v128 -> v128', `${base}\n${each(4, (i) => `const q${i} = ${view(from)}[${ix('a', i)}];`)}\n${OUT4}`);
  else row(code, name, 'v128 -> v128', `${base}\nfor (let i = 0; i < ${count(from) / 2}; i++) ${o}[i] = ${view(from)}[a + i];`, { scratch: true });
};
extend(0x87, 'i16x8.extend_low_i8x16_s', 'i8', false, 'tI16');
extend(0x88, 'i16x8.extend_high_i8x16_s', 'i8', true, 'tI16');
extend(0x89, 'i16x8.extend_low_i8x16_u', 'u8', false, 'tI16');
extend(0x8a, 'i16x8.extend_high_i8x16_u', 'u8', true, 'tI16');
swar(0x8e, 'i16x8.add', '0x80008000', false);
bin(0x8f, 'i16x8.add_sat_s', 'i16', clamp(-32768, 32767, 'x + y'));
bin(0x90, 'i16x8.add_sat_u', 'u16', 'Math.min(65535, x + y)');
swar(0x91, 'i16x8.sub', '0x80008000', true);
bin(0x92, 'i16x8.sub_sat_s', 'i16', clamp(-32768, 32767, 'x - y'));
bin(0x93, 'i16x8.sub_sat_u', 'u16', 'Math.max(0, x - y)');
bin(0x95, 'i16x8.mul', 'i16', 'Math.imul(x, y)');
bin(0x96, 'i16x8.min_s', 'i16', 'x < y ? x : y');
bin(0x97, 'i16x8.min_u', 'u16', 'x < y ? x : y');
bin(0x98, 'i16x8.max_s', 'i16', 'x > y ? x : y');
bin(0x99, 'i16x8.max_u', 'u16', 'x > y ? x : y');
bin(0x9b, 'i16x8.avgr_u', 'u16', '(x + y + 1) >>> 1');
/** products of the low or high halves, in lanes twice as wide */
const extmul = (code: number, name: string, from: Lane, high: boolean, o: string) => {
  const off = high ? ` + ${count(from) / 2}` : '';
  const head = `const a = (${at(from, 'a')})${off};\nconst b = (${at(from, 'b')})${off};`;
  if (o === 'tI32') row(code, name, 'v128 v128 -> v128', `${head}\n${each(4, (i) => `const q${i} = ${view(from)}[${ix('a', i)}] * ${view(from)}[${ix('b', i)}];`)}\n${OUT4}`);
  else row(code, name, 'v128 v128 -> v128', `${head}\nfor (let i = 0; i < ${count(from) / 2}; i++) ${o}[i] = ${view(from)}[a + i] * ${view(from)}[b + i];`, { scratch: true });
};
extmul(0x9c, 'i16x8.extmul_low_i8x16_s', 'i8', false, 'tI16');
extmul(0x9d, 'i16x8.extmul_high_i8x16_s', 'i8', true, 'tI16');
extmul(0x9e, 'i16x8.extmul_low_i8x16_u', 'u8', false, 'tI16');
extmul(0x9f, 'i16x8.extmul_high_i8x16_u', 'u8', true, 'tI16');
// i32x4
un(0xa0, 'i32x4.abs', 'i32', 'x < 0 ? -x : x');
un(0xa1, 'i32x4.neg', 'i32', '-x');
extend(0xa7, 'i32x4.extend_low_i16x8_s', 'i16', false, 'tI32');
extend(0xa8, 'i32x4.extend_high_i16x8_s', 'i16', true, 'tI32');
extend(0xa9, 'i32x4.extend_low_i16x8_u', 'u16', false, 'tI32');
extend(0xaa, 'i32x4.extend_high_i16x8_u', 'u16', true, 'tI32');
bin(0xae, 'i32x4.add', 'i32', '(x + y) | 0');
bin(0xb1, 'i32x4.sub', 'i32', '(x - y) | 0');
bin(0xb5, 'i32x4.mul', 'i32', 'Math.imul(x, y)');
bin(0xb6, 'i32x4.min_s', 'i32', 'x < y ? x : y');
bin(0xb7, 'i32x4.min_u', 'u32', 'x < y ? x : y');
bin(0xb8, 'i32x4.max_s', 'i32', 'x > y ? x : y');
bin(0xb9, 'i32x4.max_u', 'u32', 'x > y ? x : y');
row(0xba, 'i32x4.dot_i16x8_s', 'v128 v128 -> v128', `const a = (@a) << 1;\nconst b = (@b) << 1;\n${each(4, (i) => `const q${i} = I16[${ix('a', 2 * i)}] * I16[${ix('b', 2 * i)}] + I16[a + ${2 * i + 1}] * I16[b + ${2 * i + 1}];`)}\n${OUT4}`);
extmul(0xbc, 'i32x4.extmul_low_i16x8_s', 'i16', false, 'tI32');
extmul(0xbd, 'i32x4.extmul_high_i16x8_s', 'i16', true, 'tI32');
extmul(0xbe, 'i32x4.extmul_low_i16x8_u', 'u16', false, 'tI32');
extmul(0xbf, 'i32x4.extmul_high_i16x8_u', 'u16', true, 'tI32');
// superinstructions of the multiply-accumulate loops clang vectorizes (peephole rules in
// core/ops/peephole.ts): an i16 lane widening feeding a multiply (extmul as clang writes it when
// the other factor is already i32 lanes), and that or a plain multiply feeding an add
for (const high of [false, true]) {
  const half = high ? 'High' : 'Low';
  const src = `const s = ((@s) << 1)${high ? ' + 4' : ''};`;
  fused(`I32x4MulExt${half}I16x8S`, 'd:v128 a:v128 s:v128', `const a = @a;\n${src}\n${each(4, (i) => `const q${i} = Math.imul(I32[${ix('a', i)}], I16[${ix('s', i)}]);`)}\n${OUT4}`);
  fused(`I32x4MulAddExt${half}I16x8S`, 'd:v128 a:v128 s:v128 c:v128', `const a = @a;\n${src}\nconst c = @c;\n${each(4, (i) => `const q${i} = (I32[${ix('c', i)}] + Math.imul(I32[${ix('a', i)}], I16[${ix('s', i)}])) | 0;`)}\n${OUT4}`);
}
fused('I32x4MulAdd', 'd:v128 a:v128 b:v128 c:v128', `const a = @a;\nconst b = @b;\nconst c = @c;\nconst d = @d;\n${each(4, (i) => `I32[${ix('d', i)}] = (I32[${ix('c', i)}] + Math.imul(I32[${ix('a', i)}], I32[${ix('b', i)}])) | 0;`)}`);
// i64x2: word pairs (carries and borrows by unsigned compares; products from mulhu, core/exec/simd.ts)
un64(0xc0, 'i64x2.abs', 'const neg = ah < 0;\nconst rl = neg ? -al | 0 : al;\nconst rh = neg ? (al === 0 ? -ah | 0 : ~ah) : ah;');
un64(0xc1, 'i64x2.neg', 'const rl = -al | 0;\nconst rh = al === 0 ? -ah | 0 : ~ah;');
/** i32 lanes widened to i64 word pairs (hi: the sign or 0) */
const extend64 = (code: number, name: string, high: boolean, signed: boolean) =>
  row(code, name, 'v128 -> v128', `const a = @a${high ? ' + 2' : ''};\nconst q0 = I32[a];\nconst q2 = I32[a + 1];\nconst q1 = ${signed ? 'q0 >> 31' : '0'};\nconst q3 = ${signed ? 'q2 >> 31' : '0'};\n${OUT4}`);
extend64(0xc7, 'i64x2.extend_low_i32x4_s', false, true);
extend64(0xc8, 'i64x2.extend_high_i32x4_s', true, true);
extend64(0xc9, 'i64x2.extend_low_i32x4_u', false, false);
extend64(0xca, 'i64x2.extend_high_i32x4_u', true, false);
bin64(0xce, 'i64x2.add', 'const rl = (al + bl) | 0;\nconst rh = (ah + bh + (rl >>> 0 < al >>> 0 ? 1 : 0)) | 0;');
bin64(0xd1, 'i64x2.sub', 'const rl = (al - bl) | 0;\nconst rh = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;');
bin64(0xd5, 'i64x2.mul', 'const rl = Math.imul(al, bl);\nconst rh = (mulhu(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;');
/** full 64-bit products of the low or high i32 lanes */
const extmul64 = (code: number, name: string, high: boolean, signed: boolean) =>
  row(
    code,
    name,
    'v128 v128 -> v128',
    `const a = @a${high ? ' + 2' : ''};\nconst b = @b${high ? ' + 2' : ''};\n${each(2, (i) => `const x${i} = I32[${ix('a', i)}];\nconst y${i} = I32[${ix('b', i)}];\nconst q${2 * i} = Math.imul(x${i}, y${i});\nconst q${2 * i + 1} = ${signed ? `mulhs(x${i}, y${i})` : `mulhu(x${i}, y${i})`};`)}\n${OUT4}`,
  );
extmul64(0xdc, 'i64x2.extmul_low_i32x4_s', false, true);
extmul64(0xdd, 'i64x2.extmul_high_i32x4_s', true, true);
extmul64(0xde, 'i64x2.extmul_low_i32x4_u', false, false);
extmul64(0xdf, 'i64x2.extmul_high_i32x4_u', true, false);

// ---- floating point ------------------------------------------------------------------------------
// abs and neg on the bits (NaN payloads survive); arithmetic through the f32/f64 views, as the
// scalar ops do; a signalling NaN through Math.* comes out quiet (`r === r ? r : NaN` for f64)
un(0xe0, 'f32x4.abs', 'i32', 'x & 0x7fffffff');
un(0xe1, 'f32x4.neg', 'i32', 'x ^ -0x80000000');
row(0xec, 'f64x2.abs', 'v128 -> v128', `${copyA}\nI32[d + 1] &= 0x7fffffff;\nI32[d + 3] &= 0x7fffffff;`);
row(0xed, 'f64x2.neg', 'v128 -> v128', `${copyA}\nI32[d + 1] ^= -0x80000000;\nI32[d + 3] ^= -0x80000000;`);
const F32_UN: [number, string, string][] = [
  [0x67, 'ceil', 'Math.ceil(x)'],
  [0x68, 'floor', 'Math.floor(x)'],
  [0x69, 'trunc', 'Math.trunc(x)'],
  [0x6a, 'nearest', 'N.f32Nearest(x)'],
  [0xe3, 'sqrt', 'Math.sqrt(x)'],
];
for (const [c, n, f] of F32_UN) un(c, `f32x4.${n}`, 'f32', f);
const quiet = (e: string) => `quiet(${e})`;
const F64_UN: [number, string, string][] = [
  [0x74, 'ceil', quiet('Math.ceil(x)')],
  [0x75, 'floor', quiet('Math.floor(x)')],
  [0x7a, 'trunc', quiet('Math.trunc(x)')],
  [0x94, 'nearest', quiet('N.f64Nearest(x)')],
  [0xef, 'sqrt', 'Math.sqrt(x)'],
];
for (const [c, n, f] of F64_UN) un(c, `f64x2.${n}`, 'f64', f);
const FBIN: [number, string, string][] = [
  [0, 'add', 'x + y'],
  [1, 'sub', 'x - y'],
  [2, 'mul', 'x * y'],
  [3, 'div', 'x / y'],
];
for (const [i, n, f] of FBIN) {
  bin(0xe4 + i, `f32x4.${n}`, 'f32', f);
  bin(0xf0 + i, `f64x2.${n}`, 'f64', f);
}
bin(0xe8, 'f32x4.min', 'f32', 'N.f32Min(x, y)');
bin(0xe9, 'f32x4.max', 'f32', 'N.f32Max(x, y)');
bin(0xf4, 'f64x2.min', 'f64', 'N.f64Min(x, y)');
bin(0xf5, 'f64x2.max', 'f64', 'N.f64Max(x, y)');
// pmin/pmax pick one operand as it is: its bits are copied, not converted
const pick32 = (c: string) => `const a = @a;\nconst b = @b;\nconst d = @d;\n${each(4, (i) => `{\nconst x = F32[${ix('a', i)}];\nconst y = F32[${ix('b', i)}];\nI32[${ix('d', i)}] = ${c} ? I32[${ix('b', i)}] : I32[${ix('a', i)}];\n}`)}`;
const pick64 = (c: string) =>
  `const a = @a;\nconst b = @b;\nconst d = @d;\n${each(2, (i) => `{\nconst x = F64[(a >> 1) + ${i}];\nconst y = F64[(b >> 1) + ${i}];\nconst s = ${c} ? b : a;\nconst lo = I32[s + ${2 * i}];\nconst hi = I32[s + ${2 * i + 1}];\nI32[d + ${2 * i}] = lo;\nI32[d + ${2 * i + 1}] = hi;\n}`)}`;
row(0xea, 'f32x4.pmin', 'v128 v128 -> v128', pick32('y < x'));
row(0xeb, 'f32x4.pmax', 'v128 v128 -> v128', pick32('x < y'));
row(0xf6, 'f64x2.pmin', 'v128 v128 -> v128', pick64('y < x'));
row(0xf7, 'f64x2.pmax', 'v128 v128 -> v128', pick64('x < y'));

// ---- conversions -----------------------------------------------------------------------------
row(0x5e, 'f32x4.demote_f64x2_zero', 'v128 -> v128', 'const a = (@a) >> 1;\nconst x = F64[a];\nconst y = F64[a + 1];\nconst d = @d;\nF32[d] = x;\nF32[d + 1] = y;\nI32[d + 2] = 0;\nI32[d + 3] = 0;');
row(0x5f, 'f64x2.promote_low_f32x4', 'v128 -> v128', 'const a = @a;\nconst x = F32[a];\nconst y = F32[a + 1];\nconst d = (@d) >> 1;\nF64[d] = x;\nF64[d + 1] = y;');
un(0xf8, 'i32x4.trunc_sat_f32x4_s', 'f32', 'N.i32TruncSatF32S(x)', 'I32');
un(0xf9, 'i32x4.trunc_sat_f32x4_u', 'f32', 'N.i32TruncSatF32U(x)', 'I32');
un(0xfa, 'f32x4.convert_i32x4_s', 'i32', 'x', 'F32');
un(0xfb, 'f32x4.convert_i32x4_u', 'u32', 'x', 'F32');
const zero2 = (f: string) => `const a = (@a) >> 1;\nconst q0 = ${f.replace('x', 'F64[a]')};\nconst q1 = ${f.replace('x', 'F64[a + 1]')};\nconst q2 = 0;\nconst q3 = 0;\n${OUT4}`;
row(0xfc, 'i32x4.trunc_sat_f64x2_s_zero', 'v128 -> v128', zero2('N.i32TruncSatF64S(x)'));
row(0xfd, 'i32x4.trunc_sat_f64x2_u_zero', 'v128 -> v128', zero2('N.i32TruncSatF64U(x)'));
row(0xfe, 'f64x2.convert_low_i32x4_s', 'v128 -> v128', 'const a = @a;\nconst x = I32[a];\nconst y = I32[a + 1];\nconst d = (@d) >> 1;\nF64[d] = x;\nF64[d + 1] = y;');
row(0xff, 'f64x2.convert_low_i32x4_u', 'v128 -> v128', 'const a = @a;\nconst x = U32[a];\nconst y = U32[a + 1];\nconst d = (@d) >> 1;\nF64[d] = x;\nF64[d + 1] = y;');


// ---- relaxed SIMD (3.0) ------------------------------------------------------------------------
// One deterministic result per instruction: the one V8's optimising tier (TurboFan) gives on
// x86-64 with FMA3, measured with node --experimental-wasm-relaxed-simd (docs/engine.md lists each
// choice; test/relaxed-simd-choices.test.ts checks them)
feature = 'relaxed-simd';
// pshufb: an index with its top bit set gives 0, any other picks lane (index & 15)
row(0x100, 'i8x16.relaxed_swizzle', 'v128 v128 -> v128', 'const a = (@a) << 2;\nconst b = (@b) << 2;\nfor (let i = 0; i < 16; i++) {\nconst s = U8[b + i];\ntU8[i] = s & 0x80 ? 0 : U8[a + (s & 15)];\n}', { scratch: true });
// cvttps2dq / cvttpd2dq: NaN and out-of-range lanes are INT_MIN; the unsigned forms saturate
const TRUNC_S = (x: string) => `(${x} >= -2147483648 && ${x} < 2147483648 ? ${x} | 0 : -2147483648)`;
un(0x101, 'i32x4.relaxed_trunc_f32x4_s', 'f32', TRUNC_S('x'), 'I32');
un(0x102, 'i32x4.relaxed_trunc_f32x4_u', 'f32', 'N.i32TruncSatF32U(x)', 'I32');
row(0x103, 'i32x4.relaxed_trunc_f64x2_s_zero', 'v128 -> v128', `const a = (@a) >> 1;\nconst x = F64[a];\nconst y = F64[a + 1];\nconst q0 = ${TRUNC_S('x')};\nconst q1 = ${TRUNC_S('y')};\nconst q2 = 0;\nconst q3 = 0;\n${OUT4}`);
row(0x104, 'i32x4.relaxed_trunc_f64x2_u_zero', 'v128 -> v128', zero2('N.i32TruncSatF64U(x)'));
// vfmadd / vfnmadd: fused, one rounding
const fma = (code: number, name: string, l: 'f32' | 'f64', neg: boolean) => {
  const V = view(l);
  const n = count(l);
  row(code, name, 'v128 v128 v128 -> v128', `const a = ${at(l, 'a')};\nconst b = ${at(l, 'b')};\nconst c = ${at(l, 'c')};\nconst d = ${at(l, 'd')};\n${each(n, (i) => `${V}[${ix('d', i)}] = fma${l === 'f32' ? 32 : 64}(${neg ? '-' : ''}${V}[${ix('a', i)}], ${V}[${ix('b', i)}], ${V}[${ix('c', i)}]);`)}`);
};
fma(0x105, 'f32x4.relaxed_madd', 'f32', false);
fma(0x106, 'f32x4.relaxed_nmadd', 'f32', true);
fma(0x107, 'f64x2.relaxed_madd', 'f64', false);
fma(0x108, 'f64x2.relaxed_nmadd', 'f64', true);
// pblendvb for i8x16 and i16x8 (each byte by its mask byte's top bit), blendvps / blendvpd for
// i32x4 / i64x2 (each lane by its mask lane's top bit)
const select = (code: number, name: string, mask: (i: number) => string) =>
  row(code, name, 'v128 v128 v128 -> v128', `const a = @a;\nconst b = @b;\nconst c = @c;\nconst d = @d;\n${each(4, (i) => `{\nconst s = ${mask(i)};\nI32[${ix('d', i)}] = (I32[${ix('a', i)}] & s) | (I32[${ix('b', i)}] & ~s);\n}`)}`);
const BYTES = (i: number) => `Math.imul((I32[${ix('c', i)}] >> 7) & 0x01010101, 255)`;
select(0x109, 'i8x16.relaxed_laneselect', BYTES);
select(0x10a, 'i16x8.relaxed_laneselect', BYTES);
select(0x10b, 'i32x4.relaxed_laneselect', (i) => `I32[${ix('c', i)}] >> 31`);
select(0x10c, 'i64x2.relaxed_laneselect', (i) => `I32[c + ${i | 1}] >> 31`);
// minps / maxps: the first operand where it compares less (greater), else the second as it is
row(0x10d, 'f32x4.relaxed_min', 'v128 v128 -> v128', pick32('!(x < y)'));
row(0x10e, 'f32x4.relaxed_max', 'v128 v128 -> v128', pick32('!(x > y)'));
row(0x10f, 'f64x2.relaxed_min', 'v128 v128 -> v128', pick64('!(x < y)'));
row(0x110, 'f64x2.relaxed_max', 'v128 v128 -> v128', pick64('!(x > y)'));
// pmulhrsw: no saturation, so -32768 * -32768 wraps to -32768
bin(0x111, 'i16x8.relaxed_q15mulr_s', 'i16', '(x * y + 0x4000) >> 15');
// pmaddubsw: the second operand's bytes unsigned, the first's signed, pair sums saturated to i16
const DOT16 = (k: string) => clamp(-32768, 32767, `I8[a + 2 * ${k}] * U8[b + 2 * ${k}] + I8[a + 2 * ${k} + 1] * U8[b + 2 * ${k} + 1]`);
row(0x112, 'i16x8.relaxed_dot_i8x16_i7x16_s', 'v128 v128 -> v128', `const a = (@a) << 2;\nconst b = (@b) << 2;\nfor (let i = 0; i < 8; i++) tI16[i] = ${DOT16('i')};`, { scratch: true });
// then pmaddwd with ones and paddd: i32 pair sums of those, plus c, wrapping
row(0x113, 'i32x4.relaxed_dot_i8x16_i7x16_add_s', 'v128 v128 v128 -> v128', `const a = (@a) << 2;\nconst b = (@b) << 2;\nconst c = @c;\n${each(4, (j) => `const q${j} = (${DOT16(String(2 * j))} + ${DOT16(String(2 * j + 1))} + I32[${ix('c', j)}]) | 0;`)}\n${OUT4}`);
feature = 'simd';

// ---- moves of v128 values (the translator's copies, select, globals, block results) --------------
/** IR-only ops for v128 values, with no Wasm instruction of their own */
const move = (name: string, args: string, body: string) => fused(name, args, body);
// These four are the only SIMD ops the compiled tier meets (it runs a module with a 0xfd
// instruction interpreted, whole); its generators address a v128 operand as the word index of
// its frame slot (core/compiled/codegen.ts UNIT, regs.ts address()).
move('Mov128', 'd:v128 a:v128', copyA);
move('Select128', 'd:v128 a:v128 b:v128 c:i32', `const s = $c !== 0 ? @a : @b;\nconst q0 = I32[s];\nconst q1 = I32[s + 1];\nconst q2 = I32[s + 2];\nconst q3 = I32[s + 3];\n${OUT4}`);
move('GlobalGet128', 'd:v128 g:global', `const g = inst.globals[$g].i32;\nconst q0 = g[0];\nconst q1 = g[1];\nconst q2 = g[2];\nconst q3 = g[3];\n${OUT4}`);
// unrolled: the compiled tier's templates are straight-line code (no `for`)
move('GlobalSet128', 'g:global a:v128', `const g = inst.globals[$g].i32;\nconst a = @a;\n${each(4, (i) => `g[${i}] = I32[${ix('a', i)}];`)}`);
