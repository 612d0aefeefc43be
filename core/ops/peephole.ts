/**
 * Superinstructions, declared as peephole rules. Each rule says: when IR instruction `then` is
 * emitted right after `first` (nothing between, no branch target between), replace the pair by
 * `to`. The translator has no fusion logic of its own; the generator compiles these rules into
 * core/ops/gen/peephole.ts, which the translator calls on every emitted instruction.
 *
 * Why these pairs: a dispatch costs about the same whatever the op does, so the lever is fewer
 * dispatches; each rule came from pair counts over the bench workloads (BENCHMARKS.md). Every
 * fused op computes exactly what the two instructions compute, in order (two roundings for
 * `a * b + c`; an address sum wraps before its bounds check). At most one of the two can trap,
 * and the fused op's backtrace offset is that instruction's.
 *
 * `consume`: `first`'s result is a stack temporary read only by `then`'s `via` operand, so the
 * fused op does not write it. Without `consume` the result is still written and only the
 * operand equality `first.d === then.<via>` is required.
 */
import type { PeepholeRule } from './spec.js';

const rules: PeepholeRule[] = [];
function rule(first: string, then: string, to: string, operands: string, why: string, o: { via?: string; consume?: boolean; when?: string } = {}): void {
  rules.push({ first, then, to, operands, why, ...o });
}

// ---- compare and branch ------------------------------------------------------------------------
const CMP = ['Eq', 'Ne', 'LtS', 'LtU', 'GtS', 'GtU', 'LeS', 'LeU', 'GeS', 'GeU'];
const NEG: Record<string, string> = { Eq: 'Ne', Ne: 'Eq', LtS: 'GeS', GeS: 'LtS', LtU: 'GeU', GeU: 'LtU', GtS: 'LeS', LeS: 'GtS', GtU: 'LeU', LeU: 'GtU' };
for (const c of CMP) {
  const why = 'an i32 compare whose only use is a conditional branch (loops, ifs)';
  rule(`I32${c}`, 'BrIf', `Br${c}`, 'first.a first.b then.t', why, { via: 'c', consume: true });
  rule(`I32${c}`, 'BrUnless', `Br${NEG[c]}`, 'first.a first.b then.t', why, { via: 'c', consume: true });
  rule(`I32${c}I`, 'BrIf', `Br${c}I`, 'first.a first.i then.t', why, { via: 'c', consume: true });
  rule(`I32${c}I`, 'BrUnless', `Br${NEG[c]}I`, 'first.a first.i then.t', why, { via: 'c', consume: true });
}
rule('I32Eqz', 'BrIf', 'BrUnless', 'first.a then.t', 'br_if (i32.eqz x): branch when x is 0', { via: 'c', consume: true });
rule('I32Eqz', 'BrUnless', 'BrIf', 'first.a then.t', 'if (i32.eqz x): skip when x is not 0', { via: 'c', consume: true });

// ---- byte load, compare, branch (text scanning); the byte is still written ------------------------
for (const [load, fused, off] of [
  ['I32Load8U', 'Load8U', 'first.off'],
  ['I32Load8UAI', 'Load8UAI', 'first.i'],
] as const) {
  const why = 'a byte load tested by a branch right away (parsers, string scans)';
  rule(load, 'BrEqI', `${fused}BrEqI`, `first.d first.a ${off} then.i then.t`, why, { via: 'a' });
  rule(load, 'BrNeI', `${fused}BrNeI`, `first.d first.a ${off} then.i then.t`, why, { via: 'a' });
  rule(load, 'BrIf', `${fused}BrNeI`, `first.d first.a ${off} 0 then.t`, why, { via: 'c' });
  rule(load, 'BrUnless', `${fused}BrEqI`, `first.d first.a ${off} 0 then.t`, why, { via: 'c' });
}

// ---- address arithmetic folded into memory accesses ------------------------------------------------
for (const l of ['Load32', 'Load64', 'I32Load8S', 'I32Load8U', 'I32Load16S', 'I32Load16U']) {
  rule('I32AddI', l, `${l}AI`, 'then.d first.a first.i', '`*(p + c)`: the address sum computed only for the access', { via: 'a', consume: true, when: 'then.off === 0' });
}
for (const s of ['Store32', 'Store64', 'Store8', 'Store16']) {
  rule('I32AddI', s, `${s}AI`, 'first.a then.v first.i', '`*(p + c) = v`: the address sum computed only for the access', { via: 'a', consume: true, when: 'then.off === 0' });
}
for (const l of ['Load32', 'Load64', 'I32Load8U']) {
  rule('I32AddI', l, `${l}AIT`, 'then.d first.d first.a first.i', '`*++p`: a pointer bumped (local.tee) then loaded from', { via: 'a', when: 'then.off === 0' });
}

// ---- moves -----------------------------------------------------------------------------------------
rule('Mov32', 'Mov32', 'Mov32x2', 'first.d first.a then.d then.a', 'loop-carried copies at block ends come in runs');
rule('I32AddI', 'Mov32', 'I32AddI2', 'first.d first.a first.i then.d', 'a just-computed sum copied to a second place (`i++` kept in two locals)', { via: 'a' });
rule('Mov32', 'I32AddI', 'I32MovAddI', 'then.d first.a then.i first.d', '`t = x; x = t + c`: induction-variable copies', { via: 'a' });

// ---- xor with a shifted or rotated operand (hash and cipher rounds) --------------------------------
for (const [shift, fused, k] of [
  ['I32ShrUI', 'I32XorShrUI', '(first.i & 31)'],
  ['I32ShlI', 'I32XorShlI', '(first.i & 31)'],
  ['I32RotlI', 'I32XorRotlI', '(first.i & 31)'],
  ['I32RotrI', 'I32XorRotlI', '((32 - (first.i & 31)) & 31)'],
] as const) {
  const why = '`x ^ (y >> k)`, `x ^ rotl(y, k)`: SHA-2 and xorshift rounds';
  rule(shift, 'I32Xor', fused, `then.d then.a first.a ${k}`, why, { via: 'b', consume: true });
  rule(shift, 'I32Xor', fused, `then.d then.b first.a ${k}`, why, { via: 'a', consume: true });
}
for (const [shift, fused] of [
  ['I64ShrUI', 'I64XorShrUI'],
  ['I64ShlI', 'I64XorShlI'],
] as const) {
  const why = '`x ^ (y >> k)` on i64: xorshift and hash finalizers';
  rule(shift, 'I64Xor', fused, 'then.d then.a first.a (first.lo & 63)', why, { via: 'b', consume: true });
  rule(shift, 'I64Xor', fused, 'then.d then.b first.a (first.lo & 63)', why, { via: 'a', consume: true });
}
rule('I64XorShrUI', 'I64MulI', 'I64XorShrUIMulI', 'then.d first.b first.a first.k then.lo then.hi', '`h = (h ^ (h >> k)) * c`: one hash-finalizer step', { via: 'a', consume: true });

// ---- f64 multiply chains (dot products, physics updates) ---------------------------------------------
const why64 = 'a product consumed by the next add/sub/mul, with both roundings';
rule('F64Mul', 'F64Add', 'F64MulAdd', 'then.d first.a first.b then.b', why64, { via: 'a', consume: true });
rule('F64Mul', 'F64Add', 'F64MulAdd', 'then.d first.a first.b then.a', why64, { via: 'b', consume: true });
rule('F64Mul', 'F64Sub', 'F64MulSub', 'then.d first.a first.b then.b', why64, { via: 'a', consume: true });
rule('F64Mul', 'F64Sub', 'F64MulRSub', 'then.d first.a first.b then.a', why64, { via: 'b', consume: true });
rule('F64Mul', 'F64Mul', 'F64Mul3', 'then.d first.a first.b then.b', why64, { via: 'a', consume: true });
rule('F64Mul', 'F64Mul', 'F64Mul3', 'then.d first.a first.b then.a', why64, { via: 'b', consume: true });
rule('F64MulK', 'F64Add', 'F64MulKAdd', 'then.d first.a first.k then.b', why64, { via: 'a', consume: true });
rule('F64MulK', 'F64Add', 'F64MulKAdd', 'then.d first.a first.k then.a', why64, { via: 'b', consume: true });

// ---- i32 chains (address and hash arithmetic) ----------------------------------------------------
const whyChain = 'three-operand i32 arithmetic: address sums and hash/cipher rounds';
rule('I32Add', 'I32Add', 'I32Add3', 'then.d first.a first.b then.b', whyChain, { via: 'a', consume: true });
rule('I32Add', 'I32Add', 'I32Add3', 'then.d first.a first.b then.a', whyChain, { via: 'b', consume: true });
rule('I32Add', 'I32AddI', 'I32AddAddI', 'then.d first.a first.b then.i', whyChain, { via: 'a', consume: true });
rule('I32AddI', 'I32Add', 'I32AddAddI', 'then.d first.a then.b first.i', whyChain, { via: 'a', consume: true });
rule('I32AddI', 'I32Add', 'I32AddAddI', 'then.d first.a then.a first.i', whyChain, { via: 'b', consume: true });
for (const [first, then, to] of [
  ['I32And', 'I32Xor', 'I32AndXor'],
  ['I32Xor', 'I32And', 'I32XorAnd'],
  ['I32And', 'I32Add', 'I32AndAdd'],
  ['I32Xor', 'I32Add', 'I32XorAdd'],
] as const) {
  rule(first, then, to, 'then.d first.a first.b then.b', whyChain, { via: 'a', consume: true });
  rule(first, then, to, 'then.d first.a first.b then.a', whyChain, { via: 'b', consume: true });
}

// ---- SIMD (the fused ops are IR-only rows of core/ops/simd.ts) ----------------------------------------
// A SIMD op costs a dispatch plus a call (core/exec/simd.ts), so a pair fused saves more than a
// scalar pair does; these are the pairs of the vectorized multiply-accumulate loops (bench/src/simd)
const whyAddr = '`v128.load/store (p + c)`: the address sum computed only for the access';
for (const l of ['V128Load', 'V128Load16Splat', 'V128Load32Splat']) {
  rule('I32AddI', l, `${l}AI`, 'then.d first.a first.i then.m', whyAddr, { via: 'a', consume: true, when: 'then.off === 0' });
}
rule('I32AddI', 'V128Store', 'V128StoreAI', 'first.a then.b first.i then.m', whyAddr, { via: 'a', consume: true, when: 'then.off === 0' });
const whyMac = 'a vector multiply-accumulate: i16 lanes widened into a multiply, a product into an add';
for (const half of ['Low', 'High']) {
  const ext = `I32x4Extend${half}I16x8S`;
  const mul = `I32x4MulExt${half}I16x8S`;
  rule(ext, 'I32x4Mul', mul, 'then.d then.a first.a', whyMac, { via: 'b', consume: true });
  rule(ext, 'I32x4Mul', mul, 'then.d then.b first.a', whyMac, { via: 'a', consume: true });
  rule(mul, 'I32x4Add', `I32x4MulAddExt${half}I16x8S`, 'then.d first.a first.s then.b', whyMac, { via: 'a', consume: true });
  rule(mul, 'I32x4Add', `I32x4MulAddExt${half}I16x8S`, 'then.d first.a first.s then.a', whyMac, { via: 'b', consume: true });
}
rule('I32x4Mul', 'I32x4Add', 'I32x4MulAdd', 'then.d first.a first.b then.b', whyMac, { via: 'a', consume: true });
rule('I32x4Mul', 'I32x4Add', 'I32x4MulAdd', 'then.d first.a first.b then.a', whyMac, { via: 'b', consume: true });

export const PEEPHOLE_RULES: readonly PeepholeRule[] = rules;
