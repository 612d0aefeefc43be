/**
 * The IR instruction table: every instruction of the interpreter's register-style IR, with its
 * operands and, for all but control flow and calls, its semantics as a code template. The
 * generator (scripts/gen-ops.mjs) derives from it the `Op` numbering, operand lengths and units,
 * the disassembler/verifier tables and the interpreter's dispatch cases; nothing else lists IR ops.
 *
 * Operands are `name:kind`. Value kinds name where the operand lives and how it is read:
 *   i32, f32  one 32-bit word of the frame (Int32Array / Float32Array view)
 *   w64       a 64-bit value as two words, lo at the index, hi after it (raw bits: NaNs survive)
 *   f64       a 64-bit slot through the Float64Array view
 *   i64, u64  a 64-bit slot through the BigInt64Array / BigUint64Array view
 *   ref       a slot of the parallel reference array
 * Immediate kinds are read from the code itself: imm (int32), target (absolute code offset),
 * pool (index into the function's f64 constant pool), global, func, type, table, data, elem, and
 * targets (br_table: a count n, then n + 1 targets).
 *
 * Templates: `$x` is operand x's value (a view read, or the immediate), `@x` its index (word or
 * slot index into the frame, or the immediate). `expr` is assigned to the first operand; `body`
 * is statements. The generator appends `pc += length; break;` unless the op `jumps`. Names never
 * leave the generator: the interpreter and translator see numbers.
 *
 * The frame layout behind the operands (RATIONALE.md, docs/engine.md): slots of 8 bytes; word
 * index = 2 × slot index; a v128 value will take two consecutive slots.
 */
import type { IrOpDef } from './spec.js';
import { SIMD_IR } from './simd.js';

const ops: { -readonly [K in keyof IrOpDef]: IrOpDef[K] }[] = [];
function op(name: string, args: string, semantics: string | Omit<IrOpDef, 'name' | 'args'>, extra: Omit<IrOpDef, 'name' | 'args' | 'expr' | 'body'> = {}): void {
  ops.push(typeof semantics === 'string' ? { name, args, expr: semantics, ...extra } : { name, args, ...semantics, ...extra });
}
/** control flow, calls and memory growth: written by hand in core/exec/interpreter.ts */
function hand(name: string, args: string, doc: string, extra: Omit<IrOpDef, 'name' | 'args' | 'hand' | 'doc'> = {}): void {
  ops.push({ name, args, hand: true, doc, ...extra });
}

// ---- control ---------------------------------------------------------------------------------
op('Unreachable', '', { body: 'trap(TrapCode.Unreachable);', jumps: true, traps: true });
hand('Fuel', 'n:imm', 'charge n units at block entry; out of fuel suspends here, before any effect');
op('Br', 't:target', { body: 'pc = @t;', jumps: true });
op('BrIf', 'c:i32 t:target', { body: 'if ($c !== 0) pc = @t;\nelse pc += 3;', jumps: true });
op('BrUnless', 'c:i32 t:target', { body: 'if ($c === 0) pc = @t;\nelse pc += 3;', jumps: true });
op('BrTable', 'c:i32 ts:targets', {
  body: 'const i = $c >>> 0;\nconst n = code[pc + 2];\npc = code[pc + 3 + (i < n ? i : n)];',
  jumps: true,
});
hand('Return', '', 'return to the caller (results already in place)');
hand('Return32', 'a:i32', 'copy a to slot 0, then return');
hand('Return64', 'a:w64', 'copy a to slot 0, then return');
hand('ReturnRef', 'a:ref', 'copy a to slot 0, then return', { refs: true });
hand('Call', 'f:func base:imm', 'call function f with its frame at slot base', { traps: true });
hand('CallIndirect', 'y:type x:table c:i32 base:imm', 'call table x[c] if its type is y', { traps: true });

// ---- moves, constants, select, globals ---------------------------------------------------------
op('Mov32', 'd:i32 a:i32', '$a');
op('Mov64', 'd:w64 a:w64', { body: 'const d = @d;\nconst a = @a;\nI32[d] = I32[a];\nI32[d + 1] = I32[a + 1];' });
op('MovRef', 'd:ref a:ref', '$a', { refs: true });
op('Mov32x2', 'd:i32 a:i32 d2:i32 a2:i32', { body: '$d = $a;\n$d2 = $a2;', doc: 'two moves, in order' });
op('Const32', 'd:i32 i:imm', '$i');
op('Const64', 'd:w64 lo:imm hi:imm', { body: 'const d = @d;\nI32[d] = $lo;\nI32[d + 1] = $hi;' });
op('Select32', 'd:i32 a:i32 b:i32 c:i32', '$c !== 0 ? $a : $b');
op('Select64', 'd:w64 a:w64 b:w64 c:i32', {
  body: 'const s = $c !== 0 ? @a : @b;\nconst d = @d;\nconst lo = I32[s];\nconst hi = I32[s + 1];\nI32[d] = lo;\nI32[d + 1] = hi;',
});
op('SelectRef', 'd:ref a:ref b:ref c:i32', '$c !== 0 ? $a : $b', { refs: true });
op('GlobalGet32', 'd:i32 g:global', 'inst.globals[$g].i32[0]');
op('GlobalGet64', 'd:w64 g:global', { body: 'const g = inst.globals[$g].i32;\nconst d = @d;\nI32[d] = g[0];\nI32[d + 1] = g[1];' });
op('GlobalGetRef', 'd:ref g:global', 'inst.globals[$g].ref', { refs: true });
op('GlobalSet32', 'g:global a:i32', { body: 'inst.globals[$g].i32[0] = $a;' });
op('GlobalSet64', 'g:global a:w64', { body: 'const g = inst.globals[$g].i32;\nconst a = @a;\ng[0] = I32[a];\ng[1] = I32[a + 1];' });
op('GlobalSetRef', 'g:global a:ref', { body: 'inst.globals[$g].ref = $a;' }, { refs: true });

// ---- memory ----------------------------------------------------------------------------------
// Effective addresses: address + offset as unsigned 32-bit numbers (no wrap, up to 2^33), checked
// against the memory's current byte length before any access.
const EA = 'const ea = ($a >>> 0) + ($off >>> 0);';
/** fused `i32.add a, i` address: the sum wraps mod 2^32 before the check, as the add would */
const EA_AI = 'const ea = ($a + $i) >>> 0;';
const oob = (w: number) => `if (ea + ${w} > memLen) trap(TrapCode.OutOfBoundsMemory);`;
const LOADS: [string, number, string][] = [
  ['Load32', 4, '$d = dv.getInt32(ea, true);'],
  ['Load64', 8, 'const d = @d;\nI32[d] = dv.getInt32(ea, true);\nI32[d + 1] = dv.getInt32(ea + 4, true);'],
  ['I32Load8S', 1, '$d = (u8[ea] << 24) >> 24;'],
  ['I32Load8U', 1, '$d = u8[ea];'],
  ['I32Load16S', 2, '$d = dv.getInt16(ea, true);'],
  ['I32Load16U', 2, '$d = dv.getUint16(ea, true);'],
  ['I64Load8S', 1, 'const v = (u8[ea] << 24) >> 24;\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;'],
  ['I64Load8U', 1, 'const d = @d;\nI32[d] = u8[ea];\nI32[d + 1] = 0;'],
  ['I64Load16S', 2, 'const v = dv.getInt16(ea, true);\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;'],
  ['I64Load16U', 2, 'const d = @d;\nI32[d] = dv.getUint16(ea, true);\nI32[d + 1] = 0;'],
  ['I64Load32S', 4, 'const v = dv.getInt32(ea, true);\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;'],
  ['I64Load32U', 4, 'const d = @d;\nI32[d] = dv.getInt32(ea, true);\nI32[d + 1] = 0;'],
];
const STORES: [string, number, string][] = [
  ['Store32', 4, 'dv.setInt32(ea, $v, true);'],
  ['Store64', 8, 'const v = @v;\ndv.setInt32(ea, I32[v], true);\ndv.setInt32(ea + 4, I32[v + 1], true);'],
  ['Store8', 1, 'u8[ea] = $v;'],
  ['Store16', 2, 'dv.setInt16(ea, $v, true);'],
];
const valKind = (name: string) => (name.includes('64') ? 'w64' : 'i32');
for (const [name, w, access] of LOADS) op(name, `d:${valKind(name)} a:i32 off:imm`, { body: `${EA}\n${oob(w)}\n${access}`, traps: true });
for (const [name, w, access] of STORES) op(name, `a:i32 v:${valKind(name)} off:imm`, { body: `${EA}\n${oob(w)}\n${access}`, traps: true });
// address = (a + i) mod 2^32 with the i32.add that computed it folded in (static offset 0)
for (const [name, w, access] of LOADS.slice(0, 6)) op(`${name}AI`, `d:${valKind(name)} a:i32 i:imm`, { body: `${EA_AI}\n${oob(w)}\n${access}`, traps: true });
for (const [name, w, access] of STORES) op(`${name}AI`, `a:i32 v:${valKind(name)} i:imm`, { body: `${EA_AI}\n${oob(w)}\n${access}`, traps: true });
// a constant address (C globals), known at translation and below 2^31
for (const [name, w, access] of [LOADS[0]!, LOADS[1]!]) op(`${name}C`, `d:${valKind(name)} ea:imm`, { body: `const ea = $ea;\n${oob(w)}\n${access}`, traps: true });
for (const [name, w, access] of [STORES[0]!, STORES[1]!]) op(`${name}C`, `ea:imm v:${valKind(name)}`, { body: `const ea = $ea;\n${oob(w)}\n${access}`, traps: true });
// `local.tee x (i32.add a i)` then a load from x (pre-increment pointer loops): x is still written
for (const [name, w, access] of [LOADS[0]!, LOADS[1]!, LOADS[3]!]) {
  op(`${name}AIT`, `d:${valKind(name)} x:i32 a:i32 i:imm`, { body: `const x = ($a + $i) | 0;\n$x = x;\nconst ea = x >>> 0;\n${oob(w)}\n${access}`, traps: true });
}
// a byte load whose value a compare-with-immediate branch tests right away (text scanning);
// the byte is still written to d
for (const [name, ea] of [
  ['Load8U', EA],
  ['Load8UAI', 'const ea = ($a + $off) >>> 0;'],
] as const) {
  for (const [cmp, test] of [
    ['Eq', '==='],
    ['Ne', '!=='],
  ] as const) {
    op(`${name}Br${cmp}I`, 'd:i32 a:i32 off:imm i:imm t:target', {
      body: `${ea}\n${oob(1)}\nconst v = u8[ea];\n$d = v;\nif (v ${test} $i) pc = @t;\nelse pc += 6;`,
      jumps: true,
      traps: true,
    });
  }
}
op('MemorySize', 'd:i32', 'memLen / 65536');
hand('MemoryGrow', 'd:i32 a:i32', 'grow memory 0 by a pages; d = old size or -1');
// bulk memory and table operations: one hand-written case calls bulkOp() (charges per byte)
const bulk = (name: string, args: string, extra: Omit<IrOpDef, 'name' | 'args' | 'hand' | 'doc'> = {}) => hand(name, args, 'bulkOp()', { group: 'bulk', traps: true, ...extra });
bulk('MemoryInit', 'x:data d:i32 s:i32 n:i32 m:imm');
bulk('DataDrop', 'x:data');
bulk('MemoryCopy', 'd:i32 s:i32 n:i32 dm:imm sm:imm');
bulk('MemoryFill', 'd:i32 v:i32 n:i32 m:imm');
bulk('TableGet', 'd:ref x:table i:i32', { refs: true });
bulk('TableSet', 'x:table i:i32 v:ref', { refs: true });
bulk('TableSize', 'd:i32 x:table');
bulk('TableGrow', 'd:i32 x:table v:ref n:i32', { refs: true });
bulk('TableFill', 'x:table i:i32 v:ref n:i32', { refs: true });
bulk('TableCopy', 'x:table y:table d:i32 s:i32 n:i32');
bulk('TableInit', 'x:table y:elem d:i32 s:i32 n:i32');
bulk('ElemDrop', 'x:elem');

// ---- references ------------------------------------------------------------------------------
op('RefNull', 'd:ref', 'null', { refs: true });
op('RefIsNull', 'd:i32 a:ref', '$a === null ? 1 : 0', { refs: true });
op('RefFunc', 'd:ref f:func', 'inst.funcs[$f]', { refs: true });

// ---- i32 -------------------------------------------------------------------------------------
const un32 = (name: string, e: string) => op(name, 'd:i32 a:i32', e);
const bin32 = (name: string, e: string, extra: Omit<IrOpDef, 'name' | 'args' | 'expr' | 'body'> = {}) => op(name, 'd:i32 a:i32 b:i32', e, extra);
const imm32 = (name: string, e: string) => op(name, 'd:i32 a:i32 i:imm', e);
const I32_CMP: [string, string][] = [
  ['Eq', '$a === $b'],
  ['Ne', '$a !== $b'],
  ['LtS', '$a < $b'],
  ['LtU', '$a >>> 0 < $b >>> 0'],
  ['GtS', '$a > $b'],
  ['GtU', '$a >>> 0 > $b >>> 0'],
  ['LeS', '$a <= $b'],
  ['LeU', '$a >>> 0 <= $b >>> 0'],
  ['GeS', '$a >= $b'],
  ['GeU', '$a >>> 0 >= $b >>> 0'],
];
un32('I32Eqz', '$a === 0 ? 1 : 0');
for (const [n, e] of I32_CMP) bin32(`I32${n}`, `${e} ? 1 : 0`);
un32('I32Clz', 'Math.clz32($a)');
un32('I32Ctz', 'N.i32Ctz($a)');
un32('I32Popcnt', 'N.i32Popcnt($a)');
bin32('I32Add', '$a + $b');
bin32('I32Sub', '$a - $b');
bin32('I32Mul', 'Math.imul($a, $b)');
bin32('I32DivS', 'N.i32DivS($a, $b)', { traps: true });
bin32('I32DivU', 'N.i32DivU($a, $b)', { traps: true });
bin32('I32RemS', 'N.i32RemS($a, $b)', { traps: true });
bin32('I32RemU', 'N.i32RemU($a, $b)', { traps: true });
bin32('I32And', '$a & $b');
bin32('I32Or', '$a | $b');
bin32('I32Xor', '$a ^ $b');
bin32('I32Shl', '$a << $b');
bin32('I32ShrS', '$a >> $b');
bin32('I32ShrU', '$a >>> $b');
bin32('I32Rotl', 'N.i32Rotl($a, $b)');
bin32('I32Rotr', 'N.i32Rotr($a, $b)');
// with an immediate right operand
for (const [n, e] of I32_CMP) imm32(`I32${n}I`, `${e.replaceAll('$b', '$i')} ? 1 : 0`);
imm32('I32AddI', '$a + $i');
imm32('I32MulI', 'Math.imul($a, $i)');
imm32('I32AndI', '$a & $i');
imm32('I32OrI', '$a | $i');
imm32('I32XorI', '$a ^ $i');
imm32('I32ShlI', '$a << $i');
imm32('I32ShrSI', '$a >> $i');
imm32('I32ShrUI', '$a >>> $i');
op('I32RotlI', 'd:i32 a:i32 i:imm', { body: 'const x = $a;\nconst k = $i & 31;\n$d = (x << k) | (x >>> ((32 - k) & 31));' });
op('I32RotrI', 'd:i32 a:i32 i:imm', { body: 'const x = $a;\nconst k = $i & 31;\n$d = (x >>> k) | (x << ((32 - k) & 31));' });
// i32 compare and branch
for (const [n, e] of I32_CMP) {
  op(`Br${n}`, 'a:i32 b:i32 t:target', { body: `const a = $a;\nconst b = $b;\nif (${e.replaceAll('$a', 'a').replaceAll('$b', 'b')}) pc = @t;\nelse pc += 4;`, jumps: true });
  op(`Br${n}I`, 'a:i32 i:imm t:target', { body: `const a = $a;\nconst b = $i;\nif (${e.replaceAll('$a', 'a').replaceAll('$b', 'b')}) pc = @t;\nelse pc += 4;`, jumps: true });
}
// superinstructions (core/ops/peephole.ts says which pairs fuse into them)
op('I32AddI2', 'd:i32 a:i32 i:imm d2:i32', { body: 'const v = ($a + $i) | 0;\n$d = v;\n$d2 = v;', doc: 'the sum goes to d and d2' });
op('I32MovAddI', 'd:i32 a:i32 i:imm d2:i32', { body: 'const v = $a;\n$d2 = v;\n$d = (v + $i) | 0;', doc: 'd2 = a, then d = a + i' });
op('I32Add3', 'd:i32 a:i32 b:i32 c:i32', '$a + $b + $c');
op('I32AddAddI', 'd:i32 a:i32 b:i32 i:imm', '$a + $b + $i');
op('I32AndXor', 'd:i32 a:i32 b:i32 c:i32', '($a & $b) ^ $c');
op('I32XorAnd', 'd:i32 a:i32 b:i32 c:i32', '($a ^ $b) & $c');
op('I32AndAdd', 'd:i32 a:i32 b:i32 c:i32', '($a & $b) + $c');
op('I32XorAdd', 'd:i32 a:i32 b:i32 c:i32', '($a ^ $b) + $c');
// xor with a shifted or rotated operand (hash and cipher rounds): d = b ^ (a OP k), k < 32
op('I32XorRotlI', 'd:i32 b:i32 a:i32 k:imm', { body: 'const x = $a;\nconst k = $k;\n$d = $b ^ ((x << k) | (x >>> ((32 - k) & 31)));' });
op('I32XorShrUI', 'd:i32 b:i32 a:i32 k:imm', '$b ^ ($a >>> $k)');
op('I32XorShlI', 'd:i32 b:i32 a:i32 k:imm', '$b ^ ($a << $k)');

// ---- i64 on word pairs ---------------------------------------------------------------------------
// a: the left operand's words; b: the right operand's, from a word pair or an immediate (lo, hi)
const A64 = 'const a = @a;\nconst alo = I32[a];\nconst ahi = I32[a + 1];';
const SET64 = 'const d = @d;\nI32[d] = lo;\nI32[d + 1] = hi;';
/**
 * The word-pair i64 ops by group name: the body over alo/ahi/blo/bhi that computes lo/hi, whether
 * only the count's low word is read, whether a `NameI` form exists. The compiled tier's register
 * generator wraps the same bodies around i64 values held in JS locals (core/compiled/regs.ts).
 */
export const W64_BODIES = new Map<string, { readonly body: string; readonly count: boolean; readonly imm: boolean }>();
/**
 * An i64 op in register form `Name` and immediate form `NameI` (right operand lo, hi inline),
 * sharing one case: the body over alo/ahi/blo/bhi computes lo/hi.
 */
function w64(name: string, body: string, opts: { imm?: boolean; count?: boolean } = {}): void {
  const imm = opts.imm !== false;
  W64_BODIES.set(name, { body, count: opts.count === true, imm });
  // shifts and rotates only read the low word of the count
  const reg = opts.count ? 'blo = I32[fp2 + code[pc + 3]];' : 'const b = fp2 + code[pc + 3];\nblo = I32[b];\nbhi = I32[b + 1];';
  const immRead = opts.count ? 'blo = code[pc + 3];' : 'blo = code[pc + 3];\nbhi = code[pc + 4];';
  const decl = opts.count ? 'let blo;' : 'let blo;\nlet bhi;';
  const read = imm ? `const imm = code[pc] === #${name}I;\n${A64}\n${decl}\nif (imm) {\n${immRead}\n} else {\n${reg}\n}` : `${A64}\n${decl}\n${reg}`;
  const groupBody = `${read}\n${body}\n${SET64}\npc += ${imm ? 'imm ? 5 : 4' : '4'};`;
  op(name, 'd:w64 a:w64 b:w64', { group: name, groupBody });
  if (imm) op(`${name}I`, 'd:w64 a:w64 lo:imm hi:imm', { group: name });
}
/** the i64 compares over alo/ahi/blo/bhi (the low words unsigned), shared with core/compiled/regs.ts */
export const I64_CMP: readonly [string, string][] = [
  ['Eq', 'alo === blo && ahi === bhi'],
  ['Ne', 'alo !== blo || ahi !== bhi'],
  ['LtS', 'ahi < bhi || (ahi === bhi && alo < blo)'],
  ['LtU', 'ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo < blo)'],
  ['GtS', 'ahi > bhi || (ahi === bhi && alo > blo)'],
  ['GtU', 'ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo > blo)'],
  ['LeS', 'ahi < bhi || (ahi === bhi && alo <= blo)'],
  ['LeU', 'ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo <= blo)'],
  ['GeS', 'ahi > bhi || (ahi === bhi && alo >= blo)'],
  ['GeU', 'ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo >= blo)'],
];
op('I64Eqz', 'd:i32 a:w64', { body: 'const a = @a;\n$d = (I32[a] | I32[a + 1]) === 0 ? 1 : 0;' });
// the 20 compares share one case: the low words compare unsigned
const CMP_BODY = `let op = code[pc];
const imm = op >= #I64EqI;
if (imm) op -= #I64EqI - #I64Eq;
const a = fp2 + code[pc + 2];
const alo = I32[a] >>> 0;
const ahi = I32[a + 1];
let blo;
let bhi;
if (imm) {
blo = code[pc + 3] >>> 0;
bhi = code[pc + 4];
} else {
const b = fp2 + code[pc + 3];
blo = I32[b] >>> 0;
bhi = I32[b + 1];
}
let r;
switch (op) {
${I64_CMP.map(([n, e], i) => (i < I64_CMP.length - 1 ? `case #I64${n}:\nr = ${e};\nbreak;` : `default:\nr = ${e};`)).join('\n')}
}
I32[fp2 + code[pc + 1]] = r ? 1 : 0;
pc += imm ? 5 : 4;`;
for (const [n] of I64_CMP) op(`I64${n}`, 'd:i32 a:w64 b:w64', { group: 'I64Cmp' });
for (const [n] of I64_CMP) op(`I64${n}I`, 'd:i32 a:w64 lo:imm hi:imm', { group: 'I64Cmp' });
ops.find((o) => o.name === 'I64Eq')!.groupBody = CMP_BODY;
op('I64Clz', 'd:w64 a:w64', { body: 'const a = @a;\nconst d = @d;\nI32[d] = N.i64ClzHalves(I32[a], I32[a + 1]);\nI32[d + 1] = 0;' });
op('I64Ctz', 'd:w64 a:w64', { body: 'const a = @a;\nconst d = @d;\nI32[d] = N.i64CtzHalves(I32[a], I32[a + 1]);\nI32[d + 1] = 0;' });
op('I64Popcnt', 'd:w64 a:w64', { body: 'const a = @a;\nconst d = @d;\nI32[d] = N.i64PopcntHalves(I32[a], I32[a + 1]);\nI32[d + 1] = 0;' });
w64('I64Add', 'const lo = (alo + blo) | 0;\nconst hi = (ahi + bhi + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;');
w64('I64Sub', 'const lo = (alo - blo) | 0;\nconst hi = (ahi - bhi - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;', { imm: false });
/**
 * 64-bit product from 16-bit limbs in int32 arithmetic, no BigInt allocation: each partial
 * product is below 2^32, so Math.imul gives it exactly (as int32 bits) and `| 0` keeps every sum
 * in one machine word (the double products this replaced cost TurboFan float conversions: 2x)
 */
const MUL64 = `const a0 = alo & 0xffff;
const a1 = alo >>> 16;
const b0 = blo & 0xffff;
const b1 = blo >>> 16;
const p00 = Math.imul(a0, b0);
const mid = (Math.imul(a1, b0) + (p00 >>> 16)) | 0;
const mid2 = (Math.imul(a0, b1) + (mid & 0xffff)) | 0;
const lo = Math.imul(alo, blo);
const hi = (Math.imul(a1, b1) + (mid >>> 16) + (mid2 >>> 16) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;`;
w64('I64Mul', MUL64);
// signed/unsigned division and remainder on BigInt slots, after a double-precision fast path
for (const [n, div] of [
  ['DivS', true],
  ['DivU', true],
  ['RemS', false],
  ['RemU', false],
] as const) {
  op(`I64${n}`, 'd:i64 a:i64 b:i64', {
    body: `if (!i64DivSmall(I32, (@d) << 1, (@a) << 1, (@b) << 1, ${div})) $d = N.i64${n}($a, $b);`,
    traps: true,
  });
}
w64('I64And', 'const lo = alo & blo;\nconst hi = ahi & bhi;');
w64('I64Or', 'const lo = alo | blo;\nconst hi = ahi | bhi;');
w64('I64Xor', 'const lo = alo ^ blo;\nconst hi = ahi ^ bhi;');
const SHL = 'if (k === 0) {\nlo = alo;\nhi = ahi;\n} else if (k < 32) {\nhi = (ahi << k) | (alo >>> (32 - k));\nlo = alo << k;\n} else {\nhi = alo << (k - 32);\nlo = 0;\n}';
const SHR_S = 'if (k === 0) {\nlo = alo;\nhi = ahi;\n} else if (k < 32) {\nlo = (alo >>> k) | (ahi << (32 - k));\nhi = ahi >> k;\n} else {\nlo = ahi >> (k - 32);\nhi = ahi >> 31;\n}';
const SHR_U = 'if (k === 0) {\nlo = alo;\nhi = ahi;\n} else if (k < 32) {\nlo = (alo >>> k) | (ahi << (32 - k));\nhi = ahi >>> k;\n} else {\nlo = ahi >>> (k - 32);\nhi = 0;\n}';
const ROT = 'let xlo = alo;\nlet xhi = ahi;\nif (k >= 32) {\nxlo = ahi;\nxhi = alo;\nk -= 32;\n}\nlet lo = xlo;\nlet hi = xhi;\nif (k !== 0) {\nlo = (xlo << k) | (xhi >>> (32 - k));\nhi = (xhi << k) | (xlo >>> (32 - k));\n}';
w64('I64Shl', `const k = blo & 63;\nlet lo;\nlet hi;\n${SHL}`, { count: true });
w64('I64ShrS', `const k = blo & 63;\nlet lo;\nlet hi;\n${SHR_S}`, { count: true });
w64('I64ShrU', `const k = blo & 63;\nlet lo;\nlet hi;\n${SHR_U}`, { count: true });
w64('I64Rotl', `let k = blo & 63;\n${ROT}`, { count: true });
w64('I64Rotr', `let k = (64 - (blo & 63)) & 63;\n${ROT}`, { count: true });
// xor with a shifted operand: d = b ^ (a OP k), k already reduced mod 64
const XOR_SHIFT = (shift: string) =>
  `const a = @a;\nconst alo = I32[a];\nconst ahi = I32[a + 1];\nconst k = $k;\nlet lo;\nlet hi;\n${shift}\nconst b = @b;\nconst d = @d;\nI32[d] = I32[b] ^ lo;\nI32[d + 1] = I32[b + 1] ^ hi;`;
op('I64XorShrUI', 'd:w64 b:w64 a:w64 k:imm', { body: XOR_SHIFT(SHR_U) });
op('I64XorShlI', 'd:w64 b:w64 a:w64 k:imm', { body: XOR_SHIFT(SHL) });
// hash-finalizer step h = (b ^ (a >>> k)) * c, c = (lo, hi)
op('I64XorShrUIMulI', 'd:w64 b:w64 a:w64 k:imm lo:imm hi:imm', {
  body: `const a = @a;\nconst ahi0 = I32[a + 1];\nconst k = $k;\nlet slo;\nlet shi;\nif (k === 0) {\nslo = I32[a];\nshi = ahi0;\n} else if (k < 32) {\nslo = (I32[a] >>> k) | (ahi0 << (32 - k));\nshi = ahi0 >>> k;\n} else {\nslo = ahi0 >>> (k - 32);\nshi = 0;\n}\nconst b = @b;\nconst alo = I32[b] ^ slo;\nconst ahi = I32[b + 1] ^ shi;\nconst blo = $lo;\nconst bhi = $hi;\n${MUL64}\n${SET64}`,
});

// ---- f32 -------------------------------------------------------------------------------------
const F_CMP: [string, string][] = [
  ['Eq', '==='],
  ['Ne', '!=='],
  ['Lt', '<'],
  ['Gt', '>'],
  ['Le', '<='],
  ['Ge', '>='],
];
for (const [n, o] of F_CMP) op(`F32${n}`, 'd:i32 a:f32 b:f32', `$a ${o} $b ? 1 : 0`);
// abs, neg and copysign work on the bits, so NaN payloads survive
op('F32Abs', 'd:i32 a:i32', '$a & 0x7fffffff');
op('F32Neg', 'd:i32 a:i32', '$a ^ -0x80000000');
op('F32Ceil', 'd:f32 a:f32', 'Math.ceil($a)');
op('F32Floor', 'd:f32 a:f32', 'Math.floor($a)');
op('F32Trunc', 'd:f32 a:f32', 'Math.trunc($a)');
op('F32Nearest', 'd:f32 a:f32', 'N.f32Nearest($a)');
op('F32Sqrt', 'd:f32 a:f32', 'Math.sqrt($a)');
op('F32Add', 'd:f32 a:f32 b:f32', '$a + $b');
op('F32Sub', 'd:f32 a:f32 b:f32', '$a - $b');
op('F32Mul', 'd:f32 a:f32 b:f32', '$a * $b');
op('F32Div', 'd:f32 a:f32 b:f32', '$a / $b');
op('F32Min', 'd:f32 a:f32 b:f32', 'N.f32Min($a, $b)');
op('F32Max', 'd:f32 a:f32 b:f32', 'N.f32Max($a, $b)');
op('F32Copysign', 'd:i32 a:i32 b:i32', '($a & 0x7fffffff) | ($b & -0x80000000)');

// ---- f64 -------------------------------------------------------------------------------------
for (const [n, o] of F_CMP) op(`F64${n}`, 'd:i32 a:f64 b:f64', `$a ${o} $b ? 1 : 0`);
op('F64Abs', 'd:w64 a:w64', { body: 'const a = @a;\nconst lo = I32[a];\nconst hi = I32[a + 1] & 0x7fffffff;\nconst d = @d;\nI32[d] = lo;\nI32[d + 1] = hi;' });
op('F64Neg', 'd:w64 a:w64', { body: 'const a = @a;\nconst lo = I32[a];\nconst hi = I32[a + 1] ^ -0x80000000;\nconst d = @d;\nI32[d] = lo;\nI32[d + 1] = hi;' });
// a signalling NaN input must come out quiet (an arithmetic NaN)
op('F64Ceil', 'd:f64 a:f64', { body: 'const r = Math.ceil($a);\n$d = r === r ? r : NaN;' });
op('F64Floor', 'd:f64 a:f64', { body: 'const r = Math.floor($a);\n$d = r === r ? r : NaN;' });
op('F64Trunc', 'd:f64 a:f64', { body: 'const r = Math.trunc($a);\n$d = r === r ? r : NaN;' });
op('F64Nearest', 'd:f64 a:f64', { body: 'const r = N.f64Nearest($a);\n$d = r === r ? r : NaN;' });
op('F64Sqrt', 'd:f64 a:f64', 'Math.sqrt($a)');
op('F64Add', 'd:f64 a:f64 b:f64', '$a + $b');
op('F64Sub', 'd:f64 a:f64 b:f64', '$a - $b');
op('F64Mul', 'd:f64 a:f64 b:f64', '$a * $b');
op('F64Div', 'd:f64 a:f64 b:f64', '$a / $b');
op('F64Min', 'd:f64 a:f64 b:f64', 'N.f64Min($a, $b)');
op('F64Max', 'd:f64 a:f64 b:f64', 'N.f64Max($a, $b)');
op('F64Copysign', 'd:w64 a:w64 b:w64', {
  body: 'const a = @a;\nconst b = @b;\nconst lo = I32[a];\nconst hi = (I32[a + 1] & 0x7fffffff) | (I32[b + 1] & -0x80000000);\nconst d = @d;\nI32[d] = lo;\nI32[d + 1] = hi;',
});
// with a constant operand from the function's f64 pool (k: pool index)
op('F64AddK', 'd:f64 a:f64 k:pool', '$a + $k');
op('F64SubK', 'd:f64 a:f64 k:pool', '$a - $k');
op('F64MulK', 'd:f64 a:f64 k:pool', '$a * $k');
op('F64DivK', 'd:f64 a:f64 k:pool', '$a / $k');
op('F64KSub', 'd:f64 a:f64 k:pool', '$k - $a');
op('F64KDiv', 'd:f64 a:f64 k:pool', '$k / $a');
for (const [n, o] of F_CMP) op(`F64${n}K`, 'd:i32 a:f64 k:pool', `$a ${o} $k ? 1 : 0`);
// a product feeding the next add/sub/mul, rounded after each step as the separate instructions are
op('F64MulAdd', 'd:f64 a:f64 b:f64 c:f64', '$a * $b + $c');
op('F64MulSub', 'd:f64 a:f64 b:f64 c:f64', '$a * $b - $c');
op('F64MulRSub', 'd:f64 a:f64 b:f64 c:f64', '$c - $a * $b');
op('F64Mul3', 'd:f64 a:f64 b:f64 c:f64', '$a * $b * $c');
op('F64MulKAdd', 'd:f64 a:f64 k:pool c:f64', '$a * $k + $c');

// ---- conversions -----------------------------------------------------------------------------
op('I32TruncF32S', 'd:i32 a:f32', 'N.i32TruncF32S($a)', { traps: true });
op('I32TruncF32U', 'd:i32 a:f32', 'N.i32TruncF32U($a)', { traps: true });
op('I32TruncF64S', 'd:i32 a:f64', 'N.i32TruncF64S($a)', { traps: true });
op('I32TruncF64U', 'd:i32 a:f64', 'N.i32TruncF64U($a)', { traps: true });
op('I64ExtendI32S', 'd:w64 a:i32', { body: 'const v = $a;\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;' });
op('I64ExtendI32U', 'd:w64 a:i32', { body: 'const v = $a;\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = 0;' });
op('I64TruncF32S', 'd:i64 a:f32', 'N.i64TruncF32S($a)', { traps: true });
op('I64TruncF32U', 'd:i64 a:f32', 'N.i64TruncF32U($a)', { traps: true });
op('I64TruncF64S', 'd:i64 a:f64', 'N.i64TruncF64S($a)', { traps: true });
op('I64TruncF64U', 'd:i64 a:f64', 'N.i64TruncF64U($a)', { traps: true });
op('F32ConvertI32S', 'd:f32 a:i32', '$a');
op('F32ConvertI32U', 'd:f32 a:i32', '$a >>> 0');
op('F32ConvertI64S', 'd:f32 a:i64', 'N.f32ConvertI64S($a)');
op('F32ConvertI64U', 'd:f32 a:i64', 'N.f32ConvertI64U($a)');
op('F32DemoteF64', 'd:f32 a:f64', '$a');
op('F64ConvertI32S', 'd:f64 a:i32', '$a');
op('F64ConvertI32U', 'd:f64 a:i32', '$a >>> 0');
op('F64ConvertI64S', 'd:f64 a:i64', 'Number($a)');
op('F64ConvertI64U', 'd:f64 a:u64', 'Number($a)');
op('F64PromoteF32', 'd:f64 a:f32', '$a');
op('I32Extend8S', 'd:i32 a:i32', '($a << 24) >> 24');
op('I32Extend16S', 'd:i32 a:i32', '($a << 16) >> 16');
op('I64Extend8S', 'd:w64 a:w64', { body: 'const v = (I32[@a] << 24) >> 24;\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;' });
op('I64Extend16S', 'd:w64 a:w64', { body: 'const v = (I32[@a] << 16) >> 16;\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;' });
op('I64Extend32S', 'd:w64 a:w64', { body: 'const v = I32[@a];\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v >> 31;' });
op('I32TruncSatF32S', 'd:i32 a:f32', 'N.i32TruncSatF32S($a)');
op('I32TruncSatF32U', 'd:i32 a:f32', 'N.i32TruncSatF32U($a)');
op('I32TruncSatF64S', 'd:i32 a:f64', 'N.i32TruncSatF64S($a)');
op('I32TruncSatF64U', 'd:i32 a:f64', 'N.i32TruncSatF64U($a)');
op('I64TruncSatF32S', 'd:i64 a:f32', 'N.i64TruncSatF32S($a)');
op('I64TruncSatF32U', 'd:i64 a:f32', 'N.i64TruncSatF32U($a)');
op('I64TruncSatF64S', 'd:i64 a:f64', 'N.i64TruncSatF64S($a)');
op('I64TruncSatF64U', 'd:i64 a:f64', 'N.i64TruncSatF64U($a)');

// ---- tail calls (last, so they leave the numbers of the ops above as they were) -------------------
// The translator has already moved the arguments to slots 0.. of the caller's frame; the callee
// takes that frame over. A `Return` follows each, for a host callee (its results land at slot 0).
hand('ReturnCall', 'f:func', 'tail call: function f replaces this frame (arguments at slot 0)', { traps: true });
hand('ReturnCallIndirect', 'y:type x:table c:i32', 'tail call of table x[c] if its type is y', { traps: true });

// ---- loads, stores, size and growth of memories other than 0 (multi-memory) ----------------------
// Memory 0 keeps its own ops and the interpreter's cached views; the others share one case that
// calls memOp(). `k` is the memory-0 op of the same access (Load32, I64Load8S, Store16, ...).
const memx = (name: string, args: string) => hand(name, args, 'memOp()', { group: 'memx', traps: true });
memx('LoadM32', 'd:i32 a:i32 off:imm k:imm m:imm');
memx('LoadM64', 'd:w64 a:i32 off:imm k:imm m:imm');
memx('StoreM32', 'a:i32 v:i32 off:imm k:imm m:imm');
memx('StoreM64', 'a:i32 v:w64 off:imm k:imm m:imm');
memx('MemorySizeM', 'd:i32 m:imm');
memx('MemoryGrowM', 'd:i32 a:i32 m:imm');

// ---- memory64 and table64: i64 addresses onto the 32-bit ops (last, so numbers above stay) ---------
// No 64-bit memory or table reaches 2^32 - 1 bytes or elements (MemoryInst, TableInst), so an
// i64 address, index or length saturated to 2^32 - 1 is out of bounds exactly when the i64 is,
// and every load, store, bulk and table op keeps its 32-bit form and its bounds check.
op('Wrap64Sat', 'd:i32 a:w64', { body: 'const a = @a;\n$d = I32[a + 1] !== 0 ? -1 : I32[a];' });
// a 32-bit grow result as i64: -1 stays -1, an old size (below 2^32 - 1) is zero-extended
op('I64ExtendGrow', 'd:w64 a:i32', { body: 'const v = $a;\nconst d = @d;\nI32[d] = v;\nI32[d + 1] = v === -1 ? -1 : 0;' });
// ---- exception handling (core/exec/exceptions.ts searches the handler tables) ---------------------
// The payload is already in consecutive slots from `base` (like call arguments). Catching lands on
// a translator-made pad that moves it to the catch label, so these ops never continue at pc + n.
hand('Throw', 't:imm base:imm', 'throw a new exception of tag t (this instance) with the payload at slots base..', { traps: true, refs: true, jumps: true });
hand('ThrowRef', 'a:ref', 'rethrow the exception a (null traps)', { traps: true, refs: true, jumps: true });
// ---- typed function references ------------------------------------------------------------------
// CallRef and ReturnCallRef share the Call and ReturnCall cases: only the callee's lookup differs
// (the reference in slot r; null traps). The reference's slot is above the arguments.
hand('CallRef', 'r:ref base:imm', 'call the function in r with its frame at slot base (null traps)', { traps: true, refs: true });
hand('ReturnCallRef', 'r:ref', 'tail call of the function in r (arguments at slot 0; null traps)', { traps: true, refs: true });
op('RefAsNonNull', 'd:ref a:ref', { body: 'const v = $a;\nif (v === null) trap(TrapCode.NullReference);\n$d = v;', traps: true, refs: true });
// ---- GC (core/exec/gc.ts: objects, casts and the heap budget) --------------------------------------
// Small reference ops are templates over the helpers `G` (core/exec/gc.ts). Allocation and field
// access are one hand-written case calling gcOp(): their operands sit in consecutive stack homes
// from slot b (a struct's fields, an array's index and value...) and the result lands at slot b,
// like a call's; operand widths vary with the field type, which gcOp reads from the type.
op('RefEq', 'd:i32 a:ref b:ref', 'G.refEq($a, $b)', { refs: true });
op('RefI31', 'd:ref a:i32', 'G.i31($a)', { refs: true });
op('I31GetS', 'd:i32 a:ref', 'G.i31get($a, true)', { refs: true, traps: true });
op('I31GetU', 'd:i32 a:ref', 'G.i31get($a, false)', { refs: true, traps: true });
op('ArrayLen', 'd:i32 a:ref', 'G.arrayLen($a)', { refs: true, traps: true });
// h: the heap type (an abstract byte, or REF_CONCRETE + 2·x with x the module's type index); n: null passes
op('RefTest', 'd:i32 a:ref h:imm n:imm', 'G.test(inst, $a, $h, $n) ? 1 : 0', { refs: true });
op('RefCast', 'd:ref a:ref h:imm n:imm', { body: 'const v = $a;\nif (!G.test(inst, v, $h, $n)) trap(TrapCode.CastFailure);\n$d = v;', traps: true, refs: true });
const gc = (name: string, args: string) => hand(name, args, 'gcOp()', { group: 'gc', traps: true, refs: true });
gc('StructNew', 't:type b:imm');
gc('StructNewDefault', 't:type b:imm');
gc('StructGet', 't:type f:imm b:imm');
gc('StructGetS', 't:type f:imm b:imm');
gc('StructGetU', 't:type f:imm b:imm');
gc('StructSet', 't:type f:imm b:imm');
gc('ArrayNew', 't:type b:imm');
gc('ArrayNewDefault', 't:type b:imm');
gc('ArrayNewFixed', 't:type n:imm b:imm');
gc('ArrayNewData', 't:type s:data b:imm');
gc('ArrayNewElem', 't:type s:elem b:imm');
gc('ArrayGet', 't:type b:imm');
gc('ArrayGetS', 't:type b:imm');
gc('ArrayGetU', 't:type b:imm');
gc('ArraySet', 't:type b:imm');
gc('ArrayFill', 't:type b:imm');
gc('ArrayCopy', 't:type u:type b:imm');
gc('ArrayInitData', 't:type s:data b:imm');
gc('ArrayInitElem', 't:type s:elem b:imm');
// ---- SIMD (core/ops/simd.ts; cases in core/exec/simd.ts) -----------------------------------------
ops.push(...SIMD_IR);

export const IR_OPS: readonly IrOpDef[] = ops;
