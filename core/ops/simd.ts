/**
 * The SIMD rows of the instruction tables: every 0xfd-prefixed instruction of fixed-width SIMD
 * (WebAssembly 2.0) and relaxed SIMD (3.0), each with its Wasm encoding and signature and the IR
 * op that runs it, whose semantics are a code template like ir.ts's. wasm.ts and ir.ts append these
 * rows; the generator (scripts/gen-ops.mjs) writes the IR cases into core/exec/simd.ts, not into
 * the interpreter's switch, so scalar code keeps its dispatch loop as it was (RATIONALE.md "SIMD").
 *
 * Template conventions (names in scope in core/exec/simd.ts): the frame through lane views
 * I8 U8 I16 U16 I32 U32 F32 F64 I64 U64; a v128 operand `@x` is its first word index, so its lanes
 * start at `@x << 2` (bytes), `@x << 1` (16-bit), `@x` (32-bit), `@x >> 1` (64-bit). A v128 result
 * is built in the 16-byte scratch (tI8 tU8 tC8 tI16 tU16 tI32 tU32 tF32 tF64 tI64 tU64, tC8
 * clamping) and copied out last, so an op may read and write the same slots. Memory ops name
 * their memory (`m`), so every memory takes the same path.
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

const OUT = 'const d = @d;\nI32[d] = tI32[0];\nI32[d + 1] = tI32[1];\nI32[d + 2] = tI32[2];\nI32[d + 3] = tI32[3];';

interface Row {
  imm?: WasmOpDef['imm'];
  align?: number;
  lanes?: number;
  feature?: 'simd' | 'relaxed-simd';
  traps?: boolean;
}
/**
 * One instruction and its IR op. `sig` names the operands a, b, c in order and the result d;
 * `body` is the template (a v128 result: fill the scratch; OUT is appended).
 */
function row(code: number, name: string, sig: string, body: string, r: Row = {}): void {
  const [ps, rs] = sig.split('->').map((s) => s.trim().split(/\s+/).filter(Boolean)) as [string[], string[]];
  const names = ['a', 'b', 'c'];
  const args = [...rs.map((t) => `d:${KIND[t]}`), ...ps.map((t, i) => `${names[i]}:${KIND[t]}`), IMMS[r.imm ?? 'none']].filter(Boolean).join(' ');
  const ir = irName(name);
  SIMD_WASM.push({ name, code, prefix: 0xfd, sig, ir, feature: r.feature ?? 'simd', ...(r.imm ? { imm: r.imm } : {}), ...(r.align !== undefined ? { align: r.align } : {}), ...(r.lanes ? { lanes: r.lanes } : {}) });
  const full = rs[0] === 'v128' ? `${body}\n${OUT}` : body;
  SIMD_IR.push({ name: ir, args, body: full, simd: true, ...(r.traps ? { traps: true } : {}) });
}

// ---- lane shapes -----------------------------------------------------------------------------
type Lane = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'i64' | 'u64' | 'f64';
const VIEW: Record<Lane, [string, number, string]> = {
  i8: ['I8', 16, '<< 2'],
  u8: ['U8', 16, '<< 2'],
  i16: ['I16', 8, '<< 1'],
  u16: ['U16', 8, '<< 1'],
  i32: ['I32', 4, ''],
  u32: ['U32', 4, ''],
  f32: ['F32', 4, ''],
  i64: ['I64', 2, '>> 1'],
  u64: ['U64', 2, '>> 1'],
  f64: ['F64', 2, '>> 1'],
};
const view = (l: Lane) => VIEW[l][0];
const count = (l: Lane) => VIEW[l][1];
/** first lane index of operand x in lane shape l */
const at = (l: Lane, x: string) => (VIEW[l][2] ? `(@${x}) ${VIEW[l][2]}` : `@${x}`);
const scratch = (l: Lane) => `t${view(l)}`;

/** d[i] = f(a[i]) over the lanes of `l` (x is a's lane), written through scratch view `o` */
function un(code: number, name: string, l: Lane, f: string, o: string = scratch(l)): void {
  row(code, name, 'v128 -> v128', `const a = ${at(l, 'a')};\nfor (let i = 0; i < ${count(l)}; i++) {\nconst x = ${view(l)}[a + i];\n${o}[i] = ${f};\n}`);
}
/** d[i] = f(a[i], b[i]) (x, y) */
function bin(code: number, name: string, l: Lane, f: string, o: string = scratch(l)): void {
  row(code, name, 'v128 v128 -> v128', `const a = ${at(l, 'a')};\nconst b = ${at(l, 'b')};\nfor (let i = 0; i < ${count(l)}; i++) {\nconst x = ${view(l)}[a + i];\nconst y = ${view(l)}[b + i];\n${o}[i] = ${f};\n}`);
}
/** lane comparisons: all ones where `c` holds (x, y) */
function cmp(code: number, name: string, l: Lane, c: string): void {
  if (l === 'i64') bin(code, name, l, `${c} ? -1n : 0n`);
  else if (l === 'f64') {
    row(code, name, 'v128 v128 -> v128', `const a = ${at(l, 'a')};\nconst b = ${at(l, 'b')};\nfor (let i = 0; i < 2; i++) {\nconst x = F64[a + i];\nconst y = F64[b + i];\nconst r = ${c} ? -1 : 0;\ntI32[2 * i] = r;\ntI32[2 * i + 1] = r;\n}`);
  } else bin(code, name, l, `${c} ? -1 : 0`, l === 'f32' ? 'tI32' : `t${view(l === 'u8' ? 'i8' : l === 'u16' ? 'i16' : l === 'u32' ? 'i32' : l)}`);
}

// ---- memory ----------------------------------------------------------------------------------
/** effective address and the spec's bounds check: ea + width > memory size traps */
const ea = (w: number) => `const mem = inst.memories[$m]!;\nconst ea = ($a >>> 0) + ($off >>> 0);\nif (ea + ${w} > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);\nconst u = mem.u8;`;
const mrow = (code: number, name: string, sig: string, w: number, body: string, align: number, extra: Row = {}) =>
  row(code, name, sig, `${ea(w)}\n${body}`, { imm: 'memarg', align, traps: true, ...extra });
mrow(0x00, 'v128.load', 'i32 -> v128', 16, 'for (let i = 0; i < 16; i++) tU8[i] = u[ea + i];', 4);
mrow(0x01, 'v128.load8x8_s', 'i32 -> v128', 8, 'for (let i = 0; i < 8; i++) tI16[i] = (u[ea + i] << 24) >> 24;', 3);
mrow(0x02, 'v128.load8x8_u', 'i32 -> v128', 8, 'for (let i = 0; i < 8; i++) tI16[i] = u[ea + i];', 3);
mrow(0x03, 'v128.load16x4_s', 'i32 -> v128', 8, 'for (let i = 0; i < 4; i++) tI32[i] = ((u[ea + 2 * i] | (u[ea + 2 * i + 1] << 8)) << 16) >> 16;', 3);
mrow(0x04, 'v128.load16x4_u', 'i32 -> v128', 8, 'for (let i = 0; i < 4; i++) tI32[i] = u[ea + 2 * i] | (u[ea + 2 * i + 1] << 8);', 3);
const word = (e: string) => `(u[${e}] | (u[${e} + 1] << 8) | (u[${e} + 2] << 16) | (u[${e} + 3] << 24))`;
mrow(0x05, 'v128.load32x2_s', 'i32 -> v128', 8, `for (let i = 0; i < 2; i++) {\nconst v = ${word('ea + 4 * i')};\ntI32[2 * i] = v;\ntI32[2 * i + 1] = v >> 31;\n}`, 3);
mrow(0x06, 'v128.load32x2_u', 'i32 -> v128', 8, `for (let i = 0; i < 2; i++) {\ntI32[2 * i] = ${word('ea + 4 * i')};\ntI32[2 * i + 1] = 0;\n}`, 3);
mrow(0x07, 'v128.load8_splat', 'i32 -> v128', 1, 'tU8.fill(u[ea]!);', 0);
mrow(0x08, 'v128.load16_splat', 'i32 -> v128', 2, 'tU16.fill(u[ea]! | (u[ea + 1]! << 8));', 1);
mrow(0x09, 'v128.load32_splat', 'i32 -> v128', 4, `tI32.fill(${word('ea')});`, 2);
mrow(0x0a, 'v128.load64_splat', 'i32 -> v128', 8, `const lo = ${word('ea')};\nconst hi = ${word('ea + 4')};\ntI32[0] = lo;\ntI32[1] = hi;\ntI32[2] = lo;\ntI32[3] = hi;`, 3);
mrow(0x0b, 'v128.store', 'i32 v128 ->', 16, 'const b = (@b) << 2;\nfor (let i = 0; i < 16; i++) u[ea + i] = U8[b + i]!;', 4);
mrow(0x5c, 'v128.load32_zero', 'i32 -> v128', 4, `tI32[0] = ${word('ea')};\ntI32[1] = 0;\ntI32[2] = 0;\ntI32[3] = 0;`, 2);
mrow(0x5d, 'v128.load64_zero', 'i32 -> v128', 8, `tI32[0] = ${word('ea')};\ntI32[1] = ${word('ea + 4')};\ntI32[2] = 0;\ntI32[3] = 0;`, 3);
// load_lane / store_lane: memarg, then the lane; the lane's bytes are copied as they are
const LANE_MEM: [number, number, number][] = [
  [8, 1, 16],
  [16, 2, 8],
  [32, 4, 4],
  [64, 8, 2],
];
LANE_MEM.forEach(([bits, w, n], k) => {
  row(0x54 + k, `v128.load${bits}_lane`, 'i32 v128 -> v128', `${ea(w)}\nconst b = @b;\nfor (let i = 0; i < 4; i++) tI32[i] = I32[b + i]!;\nconst at = $l * ${w};\nfor (let i = 0; i < ${w}; i++) tU8[at + i] = u[ea + i]!;`, {
    imm: 'memarg_lane',
    align: Math.log2(w),
    lanes: n,
    traps: true,
  });
  row(0x58 + k, `v128.store${bits}_lane`, 'i32 v128 ->', `${ea(w)}\nconst at = ((@b) << 2) + $l * ${w};\nfor (let i = 0; i < ${w}; i++) u[ea + i] = U8[at + i]!;`, {
    imm: 'memarg_lane',
    align: Math.log2(w),
    lanes: n,
    traps: true,
  });
});

// ---- constants, shuffles, splats, lanes ----------------------------------------------------------
row(0x0c, 'v128.const', '-> v128', 'tI32[0] = $k0;\ntI32[1] = $k1;\ntI32[2] = $k2;\ntI32[3] = $k3;', { imm: 'v128' });
row(0x0d, 'i8x16.shuffle', 'v128 v128 -> v128', 'const a = (@a) << 2;\nconst b = (@b) << 2;\nfor (let i = 0; i < 16; i++) {\nconst s = (code[pc + 4 + (i >> 2)]! >>> ((i & 3) * 8)) & 255;\ntU8[i] = s < 16 ? U8[a + s]! : U8[b + s - 16]!;\n}', { imm: 'shuffle' });
const SWIZZLE = 'const a = (@a) << 2;\nconst b = (@b) << 2;\nfor (let i = 0; i < 16; i++) {\nconst s = U8[b + i]!;\ntU8[i] = s < 16 ? U8[a + s]! : 0;\n}';
row(0x0e, 'i8x16.swizzle', 'v128 v128 -> v128', SWIZZLE);
row(0x0f, 'i8x16.splat', 'i32 -> v128', 'tI8.fill($a);');
row(0x10, 'i16x8.splat', 'i32 -> v128', 'tI16.fill($a);');
row(0x11, 'i32x4.splat', 'i32 -> v128', 'tI32.fill($a);');
const SPLAT64 = 'const a = @a;\nconst lo = I32[a]!;\nconst hi = I32[a + 1]!;\ntI32[0] = lo;\ntI32[1] = hi;\ntI32[2] = lo;\ntI32[3] = hi;';
row(0x12, 'i64x2.splat', 'i64 -> v128', SPLAT64);
row(0x13, 'f32x4.splat', 'f32 -> v128', 'tI32.fill($a);');
row(0x14, 'f64x2.splat', 'f64 -> v128', SPLAT64);
const copyA = 'const a = @a;\nfor (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;';
row(0x15, 'i8x16.extract_lane_s', 'v128 -> i32', '$d = I8[((@a) << 2) + $l]!;', { imm: 'lane', lanes: 16 });
row(0x16, 'i8x16.extract_lane_u', 'v128 -> i32', '$d = U8[((@a) << 2) + $l]!;', { imm: 'lane', lanes: 16 });
row(0x17, 'i8x16.replace_lane', 'v128 i32 -> v128', `const v = $b;\n${copyA}\ntI8[$l] = v;`, { imm: 'lane', lanes: 16 });
row(0x18, 'i16x8.extract_lane_s', 'v128 -> i32', '$d = I16[((@a) << 1) + $l]!;', { imm: 'lane', lanes: 8 });
row(0x19, 'i16x8.extract_lane_u', 'v128 -> i32', '$d = U16[((@a) << 1) + $l]!;', { imm: 'lane', lanes: 8 });
row(0x1a, 'i16x8.replace_lane', 'v128 i32 -> v128', `const v = $b;\n${copyA}\ntI16[$l] = v;`, { imm: 'lane', lanes: 8 });
row(0x1b, 'i32x4.extract_lane', 'v128 -> i32', '$d = I32[@a + $l]!;', { imm: 'lane', lanes: 4 });
row(0x1c, 'i32x4.replace_lane', 'v128 i32 -> v128', `const v = $b;\n${copyA}\ntI32[$l] = v;`, { imm: 'lane', lanes: 4 });
const EXTRACT64 = 'const s = @a + 2 * $l;\nconst lo = I32[s]!;\nconst hi = I32[s + 1]!;\nconst d = @d;\nI32[d] = lo;\nI32[d + 1] = hi;';
const REPLACE64 = `const s = @b;\nconst lo = I32[s]!;\nconst hi = I32[s + 1]!;\n${copyA}\ntI32[2 * $l] = lo;\ntI32[2 * $l + 1] = hi;`;
row(0x1d, 'i64x2.extract_lane', 'v128 -> i64', EXTRACT64, { imm: 'lane', lanes: 2 });
row(0x1e, 'i64x2.replace_lane', 'v128 i64 -> v128', REPLACE64, { imm: 'lane', lanes: 2 });
row(0x1f, 'f32x4.extract_lane', 'v128 -> f32', '$d = I32[@a + $l]!;', { imm: 'lane', lanes: 4 });
row(0x20, 'f32x4.replace_lane', 'v128 f32 -> v128', `const v = $b;\n${copyA}\ntI32[$l] = v;`, { imm: 'lane', lanes: 4 });
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
[
  ['eq', 'x === y'],
  ['ne', 'x !== y'],
  ['lt_s', 'x < y'],
  ['gt_s', 'x > y'],
  ['le_s', 'x <= y'],
  ['ge_s', 'x >= y'],
].forEach(([n, c], i) => cmp(0xd6 + i, `i64x2.${n}`, 'i64', c!));

// ---- bitwise ---------------------------------------------------------------------------------
un(0x4d, 'v128.not', 'i32', '~x');
bin(0x4e, 'v128.and', 'i32', 'x & y');
bin(0x4f, 'v128.andnot', 'i32', 'x & ~y');
bin(0x50, 'v128.or', 'i32', 'x | y');
bin(0x51, 'v128.xor', 'i32', 'x ^ y');
row(0x52, 'v128.bitselect', 'v128 v128 v128 -> v128', 'const a = @a;\nconst b = @b;\nconst c = @c;\nfor (let i = 0; i < 4; i++) {\nconst m = I32[c + i]!;\ntI32[i] = (I32[a + i]! & m) | (I32[b + i]! & ~m);\n}');
row(0x53, 'v128.any_true', 'v128 -> i32', 'const a = @a;\n$d = (I32[a]! | I32[a + 1]! | I32[a + 2]! | I32[a + 3]!) !== 0 ? 1 : 0;');

// ---- integer arithmetic --------------------------------------------------------------------------
/** all_true: every lane non-zero; bitmask: the lanes' sign bits */
function truth(allCode: number, maskCode: number, shape: string, l: Lane): void {
  const n = count(l);
  row(allCode, `${shape}.all_true`, 'v128 -> i32', `const a = ${at(l, 'a')};\nlet r = 1;\nfor (let i = 0; i < ${n}; i++) if (${view(l)}[a + i] === ${l === 'i64' ? '0n' : '0'}) r = 0;\n$d = r;`);
  row(maskCode, `${shape}.bitmask`, 'v128 -> i32', `const a = ${at(l, 'a')};\nlet r = 0;\nfor (let i = 0; i < ${n}; i++) if (${view(l)}[a + i]! < ${l === 'i64' ? '0n' : '0'}) r |= 1 << i;\n$d = r;`);
}
truth(0x63, 0x64, 'i8x16', 'i8');
truth(0x83, 0x84, 'i16x8', 'i16');
truth(0xa3, 0xa4, 'i32x4', 'i32');
truth(0xc3, 0xc4, 'i64x2', 'i64');

/** shifts: the count is taken modulo the lane width */
function shifts(base: number, shape: string, s: Lane, u: Lane, bits: number): void {
  const body = (l: Lane, o: string) =>
    bits === 64
      ? `const k = BigInt($b & 63);\nconst a = ${at(l, 'a')};\nfor (let i = 0; i < 2; i++) tI64[i] = BigInt.asIntN(64, ${view(l)}[a + i]! ${o} k);`
      : `const k = $b & ${bits - 1};\nconst a = ${at(l, 'a')};\nfor (let i = 0; i < ${count(l)}; i++) ${scratch(s)}[i] = ${view(l)}[a + i]! ${o} k;`;
  row(base, `${shape}.shl`, 'v128 i32 -> v128', body(s, '<<'));
  row(base + 1, `${shape}.shr_s`, 'v128 i32 -> v128', body(s, '>>'));
  row(base + 2, `${shape}.shr_u`, 'v128 i32 -> v128', body(u, bits === 64 ? '>>' : '>>>'));
}
shifts(0x6b, 'i8x16', 'i8', 'u8', 8);
shifts(0x8b, 'i16x8', 'i16', 'u16', 16);
shifts(0xab, 'i32x4', 'i32', 'u32', 32);
shifts(0xcb, 'i64x2', 'i64', 'u64', 64);

const clamp = (lo: number, hi: number, e: string) => `Math.min(${hi}, Math.max(${lo}, ${e}))`;
// i8x16
un(0x60, 'i8x16.abs', 'i8', 'x < 0 ? -x : x');
un(0x61, 'i8x16.neg', 'i8', '-x');
un(0x62, 'i8x16.popcnt', 'u8', 'N.i32Popcnt(x)');
const narrow = (code: number, name: string, from: Lane, n: number, o: string, f: string) =>
  row(code, name, 'v128 v128 -> v128', `const a = ${at(from, 'a')};\nconst b = ${at(from, 'b')};\nfor (let i = 0; i < ${n}; i++) {\nconst x = i < ${n / 2} ? ${view(from)}[a + i]! : ${view(from)}[b + i - ${n / 2}]!;\n${o}[i] = ${f};\n}`);
narrow(0x65, 'i8x16.narrow_i16x8_s', 'i16', 16, 'tI8', clamp(-128, 127, 'x'));
narrow(0x66, 'i8x16.narrow_i16x8_u', 'i16', 16, 'tU8', clamp(0, 255, 'x'));
bin(0x6e, 'i8x16.add', 'i8', 'x + y');
bin(0x6f, 'i8x16.add_sat_s', 'i8', clamp(-128, 127, 'x + y'));
bin(0x70, 'i8x16.add_sat_u', 'u8', 'x + y', 'tC8');
bin(0x71, 'i8x16.sub', 'i8', 'x - y');
bin(0x72, 'i8x16.sub_sat_s', 'i8', clamp(-128, 127, 'x - y'));
bin(0x73, 'i8x16.sub_sat_u', 'u8', 'x - y', 'tC8');
bin(0x76, 'i8x16.min_s', 'i8', 'x < y ? x : y');
bin(0x77, 'i8x16.min_u', 'u8', 'x < y ? x : y');
bin(0x78, 'i8x16.max_s', 'i8', 'x > y ? x : y');
bin(0x79, 'i8x16.max_u', 'u8', 'x > y ? x : y');
bin(0x7b, 'i8x16.avgr_u', 'u8', '(x + y + 1) >>> 1');
// i16x8
const pairwise = (code: number, name: string, from: Lane, o: string) =>
  row(code, name, 'v128 -> v128', `const a = ${at(from, 'a')};\nfor (let i = 0; i < ${count(from) / 2}; i++) ${o}[i] = ${view(from)}[a + 2 * i]! + ${view(from)}[a + 2 * i + 1]!;`);
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
/** extend the low or high half of the lanes of `from` into lanes twice as wide */
const extend = (code: number, name: string, from: Lane, high: boolean, o: string) =>
  row(code, name, 'v128 -> v128', `const a = (${at(from, 'a')})${high ? ` + ${count(from) / 2}` : ''};\nfor (let i = 0; i < ${count(from) / 2}; i++) ${o}[i] = ${o === 'tI64' ? `BigInt(${view(from)}[a + i]!)` : `${view(from)}[a + i]!`};`);
extend(0x87, 'i16x8.extend_low_i8x16_s', 'i8', false, 'tI16');
extend(0x88, 'i16x8.extend_high_i8x16_s', 'i8', true, 'tI16');
extend(0x89, 'i16x8.extend_low_i8x16_u', 'u8', false, 'tI16');
extend(0x8a, 'i16x8.extend_high_i8x16_u', 'u8', true, 'tI16');
bin(0x8e, 'i16x8.add', 'i16', 'x + y');
bin(0x8f, 'i16x8.add_sat_s', 'i16', clamp(-32768, 32767, 'x + y'));
bin(0x90, 'i16x8.add_sat_u', 'u16', clamp(0, 65535, 'x + y'));
bin(0x91, 'i16x8.sub', 'i16', 'x - y');
bin(0x92, 'i16x8.sub_sat_s', 'i16', clamp(-32768, 32767, 'x - y'));
bin(0x93, 'i16x8.sub_sat_u', 'u16', clamp(0, 65535, 'x - y'));
bin(0x95, 'i16x8.mul', 'i16', 'Math.imul(x, y)');
bin(0x96, 'i16x8.min_s', 'i16', 'x < y ? x : y');
bin(0x97, 'i16x8.min_u', 'u16', 'x < y ? x : y');
bin(0x98, 'i16x8.max_s', 'i16', 'x > y ? x : y');
bin(0x99, 'i16x8.max_u', 'u16', 'x > y ? x : y');
bin(0x9b, 'i16x8.avgr_u', 'u16', '(x + y + 1) >>> 1');
/** products of the low or high halves, in lanes twice as wide */
const extmul = (code: number, name: string, from: Lane, high: boolean, o: string) => {
  const off = high ? ` + ${count(from) / 2}` : '';
  const big = from === 'i32' || from === 'u32';
  const prod = big ? `BigInt(${view(from)}[a + i]!) * BigInt(${view(from)}[b + i]!)` : `${view(from)}[a + i]! * ${view(from)}[b + i]!`;
  row(code, name, 'v128 v128 -> v128', `const a = (${at(from, 'a')})${off};\nconst b = (${at(from, 'b')})${off};\nfor (let i = 0; i < ${count(from) / 2}; i++) ${o}[i] = ${prod};`);
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
bin(0xae, 'i32x4.add', 'i32', 'x + y');
bin(0xb1, 'i32x4.sub', 'i32', 'x - y');
bin(0xb5, 'i32x4.mul', 'i32', 'Math.imul(x, y)');
bin(0xb6, 'i32x4.min_s', 'i32', 'x < y ? x : y');
bin(0xb7, 'i32x4.min_u', 'u32', 'x < y ? x : y');
bin(0xb8, 'i32x4.max_s', 'i32', 'x > y ? x : y');
bin(0xb9, 'i32x4.max_u', 'u32', 'x > y ? x : y');
row(0xba, 'i32x4.dot_i16x8_s', 'v128 v128 -> v128', 'const a = (@a) << 1;\nconst b = (@b) << 1;\nfor (let i = 0; i < 4; i++) tI32[i] = I16[a + 2 * i]! * I16[b + 2 * i]! + I16[a + 2 * i + 1]! * I16[b + 2 * i + 1]!;');
extmul(0xbc, 'i32x4.extmul_low_i16x8_s', 'i16', false, 'tI32');
extmul(0xbd, 'i32x4.extmul_high_i16x8_s', 'i16', true, 'tI32');
extmul(0xbe, 'i32x4.extmul_low_i16x8_u', 'u16', false, 'tI32');
extmul(0xbf, 'i32x4.extmul_high_i16x8_u', 'u16', true, 'tI32');
// i64x2 (BigInt lanes; the scratch view wraps to 64 bits)
un(0xc0, 'i64x2.abs', 'i64', 'x < 0n ? -x : x');
un(0xc1, 'i64x2.neg', 'i64', '-x');
extend(0xc7, 'i64x2.extend_low_i32x4_s', 'i32', false, 'tI64');
extend(0xc8, 'i64x2.extend_high_i32x4_s', 'i32', true, 'tI64');
extend(0xc9, 'i64x2.extend_low_i32x4_u', 'u32', false, 'tI64');
extend(0xca, 'i64x2.extend_high_i32x4_u', 'u32', true, 'tI64');
bin(0xce, 'i64x2.add', 'i64', 'x + y');
bin(0xd1, 'i64x2.sub', 'i64', 'x - y');
bin(0xd5, 'i64x2.mul', 'i64', 'x * y');
extmul(0xdc, 'i64x2.extmul_low_i32x4_s', 'i32', false, 'tI64');
extmul(0xdd, 'i64x2.extmul_high_i32x4_s', 'i32', true, 'tI64');
extmul(0xde, 'i64x2.extmul_low_i32x4_u', 'u32', false, 'tI64');
extmul(0xdf, 'i64x2.extmul_high_i32x4_u', 'u32', true, 'tI64');

// ---- floating point ------------------------------------------------------------------------------
// abs and neg on the bits (NaN payloads survive); arithmetic through the f32/f64 views, as the
// scalar ops do; a signalling NaN through Math.* comes out quiet (`r === r ? r : NaN` for f64)
un(0xe0, 'f32x4.abs', 'i32', 'x & 0x7fffffff');
un(0xe1, 'f32x4.neg', 'i32', 'x ^ -0x80000000');
row(0xec, 'f64x2.abs', 'v128 -> v128', `${copyA}\ntI32[1] &= 0x7fffffff;\ntI32[3] &= 0x7fffffff;`);
row(0xed, 'f64x2.neg', 'v128 -> v128', `${copyA}\ntI32[1] ^= -0x80000000;\ntI32[3] ^= -0x80000000;`);
const F32_UN: [number, string, string][] = [
  [0x67, 'ceil', 'Math.ceil(x)'],
  [0x68, 'floor', 'Math.floor(x)'],
  [0x69, 'trunc', 'Math.trunc(x)'],
  [0x6a, 'nearest', 'N.f32Nearest(x)'],
  [0xe3, 'sqrt', 'Math.sqrt(x)'],
];
for (const [c, n, f] of F32_UN) un(c, `f32x4.${n}`, 'f32', f);
const quiet = (e: string) => `((r) => (r === r ? r : NaN))(${e})`;
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
const pick32 = (c: string) => `const a = @a;\nconst b = @b;\nfor (let i = 0; i < 4; i++) {\nconst x = F32[a + i]!;\nconst y = F32[b + i]!;\ntI32[i] = ${c} ? I32[b + i]! : I32[a + i]!;\n}`;
const pick64 = (c: string) =>
  `const a = @a;\nconst b = @b;\nfor (let i = 0; i < 2; i++) {\nconst x = F64[(a >> 1) + i]!;\nconst y = F64[(b >> 1) + i]!;\nconst s = ${c} ? b : a;\ntI32[2 * i] = I32[s + 2 * i]!;\ntI32[2 * i + 1] = I32[s + 2 * i + 1]!;\n}`;
row(0xea, 'f32x4.pmin', 'v128 v128 -> v128', pick32('y < x'));
row(0xeb, 'f32x4.pmax', 'v128 v128 -> v128', pick32('x < y'));
row(0xf6, 'f64x2.pmin', 'v128 v128 -> v128', pick64('y < x'));
row(0xf7, 'f64x2.pmax', 'v128 v128 -> v128', pick64('x < y'));

// ---- conversions -----------------------------------------------------------------------------
row(0x5e, 'f32x4.demote_f64x2_zero', 'v128 -> v128', 'const a = (@a) >> 1;\ntF32[0] = F64[a]!;\ntF32[1] = F64[a + 1]!;\ntI32[2] = 0;\ntI32[3] = 0;');
row(0x5f, 'f64x2.promote_low_f32x4', 'v128 -> v128', 'const a = @a;\ntF64[0] = F32[a]!;\ntF64[1] = F32[a + 1]!;');
un(0xf8, 'i32x4.trunc_sat_f32x4_s', 'f32', 'N.i32TruncSatF32S(x)', 'tI32');
un(0xf9, 'i32x4.trunc_sat_f32x4_u', 'f32', 'N.i32TruncSatF32U(x)', 'tI32');
un(0xfa, 'f32x4.convert_i32x4_s', 'i32', 'x', 'tF32');
un(0xfb, 'f32x4.convert_i32x4_u', 'u32', 'x', 'tF32');
const zero2 = (f: string) => `const a = (@a) >> 1;\ntI32[0] = ${f.replace('x', 'F64[a]!')};\ntI32[1] = ${f.replace('x', 'F64[a + 1]!')};\ntI32[2] = 0;\ntI32[3] = 0;`;
row(0xfc, 'i32x4.trunc_sat_f64x2_s_zero', 'v128 -> v128', zero2('N.i32TruncSatF64S(x)'));
row(0xfd, 'i32x4.trunc_sat_f64x2_u_zero', 'v128 -> v128', zero2('N.i32TruncSatF64U(x)'));
row(0xfe, 'f64x2.convert_low_i32x4_s', 'v128 -> v128', 'const a = @a;\ntF64[0] = I32[a]!;\ntF64[1] = I32[a + 1]!;');
row(0xff, 'f64x2.convert_low_i32x4_u', 'v128 -> v128', 'const a = @a;\ntF64[0] = U32[a]!;\ntF64[1] = U32[a + 1]!;');

// ---- moves of v128 values (the translator's copies, select, globals, block results) --------------
/** IR-only ops for v128 values, with no Wasm instruction of their own */
function move(name: string, args: string, body: string): void {
  SIMD_IR.push({ name, args, body, simd: true });
}
move('Mov128', 'd:v128 a:v128', `${copyA}\n${OUT}`);
move('Select128', 'd:v128 a:v128 b:v128 c:i32', `const s = $c !== 0 ? @a : @b;\nfor (let i = 0; i < 4; i++) tI32[i] = I32[s + i]!;\n${OUT}`);
move('GlobalGet128', 'd:v128 g:global', `const g = inst.globals[$g]!.i32;\nfor (let i = 0; i < 4; i++) tI32[i] = g[i]!;\n${OUT}`);
move('GlobalSet128', 'g:global a:v128', 'const g = inst.globals[$g]!.i32;\nconst a = @a;\nfor (let i = 0; i < 4; i++) g[i] = I32[a + i]!;');
