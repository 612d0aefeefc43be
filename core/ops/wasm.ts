/**
 * The WebAssembly instruction table: every instruction the engine accepts, with its encoding,
 * immediates, type signature (or, for control and the other special cases, a hand-written rule
 * in core/validate/function.ts), fuel cost and the IR forms the translator may give it.
 *
 * The generator (scripts/gen-ops.mjs) derives the decoder's opcode tables, the validator's
 * signatures and the translator's form tables from it. To add an instruction: add its line here
 * (and its IR op to ir.ts when it needs a new one), run `npm run gen`, and the simple cases are
 * done; docs/engine.md walks through an example.
 */
import type { FeatureName, WasmOpDef } from './spec.js';
import { SIMD_WASM } from './simd.js';

const ops: WasmOpDef[] = [];
type Extra = Omit<WasmOpDef, 'name' | 'code' | 'sig'>;
/** a simple instruction: validated from its signature, translated from its IR forms */
function simple(code: number, name: string, sig: string, ir: string, extra: Extra = {}): void {
  ops.push({ name, code, sig, ir, ...extra });
}
/** an instruction whose validation and translation are written by hand */
function special(code: number, name: string, imm: WasmOpDef['imm'] = 'none', extra: Omit<Extra, 'imm'> = {}): void {
  ops.push({ name, code, imm, ...extra });
}

// ---- control (hand-written rules) --------------------------------------------------------------
special(0x00, 'unreachable');
special(0x01, 'nop');
special(0x02, 'block', 'blocktype', { fuel: 0 });
special(0x03, 'loop', 'blocktype', { fuel: 0 });
special(0x04, 'if', 'blocktype');
special(0x05, 'else', 'none', { fuel: 0 });
special(0x0b, 'end', 'none', { fuel: 0 });
special(0x0c, 'br', 'label');
special(0x0d, 'br_if', 'label');
special(0x0e, 'br_table', 'labels');
special(0x0f, 'return');
special(0x10, 'call', 'func');
special(0x11, 'call_indirect', 'call_indirect');

// ---- parametric, variables, tables ---------------------------------------------------------------
special(0x1a, 'drop');
special(0x1b, 'select');
special(0x1c, 'select_t', 'valtypes');
special(0x20, 'local.get', 'local');
special(0x21, 'local.set', 'local');
special(0x22, 'local.tee', 'local');
special(0x23, 'global.get', 'global');
special(0x24, 'global.set', 'global');
special(0x25, 'table.get', 'table');
special(0x26, 'table.set', 'table');

// ---- memory --------------------------------------------------------------------------------------
const load = (code: number, name: string, t: string, align: number, ir: string, extra: Extra = {}) =>
  ops.push({ name, code, imm: 'memarg', sig: `i32 -> ${t}`, align, ir, ...extra });
const store = (code: number, name: string, t: string, align: number, ir: string, extra: Extra = {}) =>
  ops.push({ name, code, imm: 'memarg', sig: `i32 ${t} ->`, align, ir, ...extra });
load(0x28, 'i32.load', 'i32', 2, 'Load32', { constAddrForm: 'Load32C' });
load(0x29, 'i64.load', 'i64', 3, 'Load64', { constAddrForm: 'Load64C' });
load(0x2a, 'f32.load', 'f32', 2, 'Load32', { constAddrForm: 'Load32C' });
load(0x2b, 'f64.load', 'f64', 3, 'Load64', { constAddrForm: 'Load64C' });
load(0x2c, 'i32.load8_s', 'i32', 0, 'I32Load8S');
load(0x2d, 'i32.load8_u', 'i32', 0, 'I32Load8U');
load(0x2e, 'i32.load16_s', 'i32', 1, 'I32Load16S');
load(0x2f, 'i32.load16_u', 'i32', 1, 'I32Load16U');
load(0x30, 'i64.load8_s', 'i64', 0, 'I64Load8S');
load(0x31, 'i64.load8_u', 'i64', 0, 'I64Load8U');
load(0x32, 'i64.load16_s', 'i64', 1, 'I64Load16S');
load(0x33, 'i64.load16_u', 'i64', 1, 'I64Load16U');
load(0x34, 'i64.load32_s', 'i64', 2, 'I64Load32S');
load(0x35, 'i64.load32_u', 'i64', 2, 'I64Load32U');
store(0x36, 'i32.store', 'i32', 2, 'Store32', { constAddrForm: 'Store32C' });
store(0x37, 'i64.store', 'i64', 3, 'Store64', { constAddrForm: 'Store64C' });
store(0x38, 'f32.store', 'f32', 2, 'Store32', { constAddrForm: 'Store32C' });
store(0x39, 'f64.store', 'f64', 3, 'Store64', { constAddrForm: 'Store64C' });
store(0x3a, 'i32.store8', 'i32', 0, 'Store8');
store(0x3b, 'i32.store16', 'i32', 1, 'Store16');
store(0x3c, 'i64.store8', 'i64', 0, 'Store8');
store(0x3d, 'i64.store16', 'i64', 1, 'Store16');
store(0x3e, 'i64.store32', 'i64', 2, 'Store32');
special(0x3f, 'memory.size', 'mem');
special(0x40, 'memory.grow', 'mem');

// ---- constants -----------------------------------------------------------------------------------
special(0x41, 'i32.const', 'i32');
special(0x42, 'i64.const', 'i64');
special(0x43, 'f32.const', 'f32');
special(0x44, 'f64.const', 'f64');

// ---- numeric: i32 --------------------------------------------------------------------------------
const CMP = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const camel = (s: string) => s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
simple(0x45, 'i32.eqz', 'i32 -> i32', 'I32Eqz');
CMP.forEach((c, i) => {
  const ir = `I32${camel(c)}`;
  simple(0x46 + i, `i32.${c}`, 'i32 i32 -> i32', ir, { immForm: `${ir}I`, commutes: c === 'eq' || c === 'ne' });
});
simple(0x50, 'i64.eqz', 'i64 -> i32', 'I64Eqz');
CMP.forEach((c, i) => {
  const ir = `I64${camel(c)}`;
  simple(0x51 + i, `i64.${c}`, 'i64 i64 -> i32', ir, { immForm: `${ir}I`, commutes: c === 'eq' || c === 'ne' });
});
['eq', 'ne', 'lt', 'gt', 'le', 'ge'].forEach((c, i) => simple(0x5b + i, `f32.${c}`, 'f32 f32 -> i32', `F32${camel(c)}`));
// pool forms; with the constant on the left the comparison flips (k < a ⇔ a > k)
const FLIP: Record<string, string> = { eq: 'Eq', ne: 'Ne', lt: 'Gt', gt: 'Lt', le: 'Ge', ge: 'Le' };
['eq', 'ne', 'lt', 'gt', 'le', 'ge'].forEach((c, i) =>
  simple(0x61 + i, `f64.${c}`, 'f64 f64 -> i32', `F64${camel(c)}`, { poolForm: `F64${camel(c)}K`, poolLeftForm: `F64${FLIP[c]}K` }),
);
simple(0x67, 'i32.clz', 'i32 -> i32', 'I32Clz');
simple(0x68, 'i32.ctz', 'i32 -> i32', 'I32Ctz');
simple(0x69, 'i32.popcnt', 'i32 -> i32', 'I32Popcnt');
const B32 = 'i32 i32 -> i32';
simple(0x6a, 'i32.add', B32, 'I32Add', { immForm: 'I32AddI', commutes: true, identity0: true });
simple(0x6b, 'i32.sub', B32, 'I32Sub', { negImm: 'I32AddI', identity0: true });
simple(0x6c, 'i32.mul', B32, 'I32Mul', { immForm: 'I32MulI', commutes: true });
simple(0x6d, 'i32.div_s', B32, 'I32DivS');
simple(0x6e, 'i32.div_u', B32, 'I32DivU');
simple(0x6f, 'i32.rem_s', B32, 'I32RemS');
simple(0x70, 'i32.rem_u', B32, 'I32RemU');
simple(0x71, 'i32.and', B32, 'I32And', { immForm: 'I32AndI', commutes: true });
simple(0x72, 'i32.or', B32, 'I32Or', { immForm: 'I32OrI', commutes: true, identity0: true });
simple(0x73, 'i32.xor', B32, 'I32Xor', { immForm: 'I32XorI', commutes: true, identity0: true });
simple(0x74, 'i32.shl', B32, 'I32Shl', { immForm: 'I32ShlI', identity0: true });
simple(0x75, 'i32.shr_s', B32, 'I32ShrS', { immForm: 'I32ShrSI', identity0: true });
simple(0x76, 'i32.shr_u', B32, 'I32ShrU', { immForm: 'I32ShrUI', identity0: true });
simple(0x77, 'i32.rotl', B32, 'I32Rotl', { immForm: 'I32RotlI', identity0: true });
simple(0x78, 'i32.rotr', B32, 'I32Rotr', { immForm: 'I32RotrI', identity0: true });

// ---- numeric: i64 --------------------------------------------------------------------------------
simple(0x79, 'i64.clz', 'i64 -> i64', 'I64Clz');
simple(0x7a, 'i64.ctz', 'i64 -> i64', 'I64Ctz');
simple(0x7b, 'i64.popcnt', 'i64 -> i64', 'I64Popcnt');
const B64 = 'i64 i64 -> i64';
simple(0x7c, 'i64.add', B64, 'I64Add', { immForm: 'I64AddI', commutes: true });
simple(0x7d, 'i64.sub', B64, 'I64Sub', { negImm: 'I64AddI' });
simple(0x7e, 'i64.mul', B64, 'I64Mul', { immForm: 'I64MulI', commutes: true });
simple(0x7f, 'i64.div_s', B64, 'I64DivS');
simple(0x80, 'i64.div_u', B64, 'I64DivU');
simple(0x81, 'i64.rem_s', B64, 'I64RemS');
simple(0x82, 'i64.rem_u', B64, 'I64RemU');
simple(0x83, 'i64.and', B64, 'I64And', { immForm: 'I64AndI', commutes: true });
simple(0x84, 'i64.or', B64, 'I64Or', { immForm: 'I64OrI', commutes: true });
simple(0x85, 'i64.xor', B64, 'I64Xor', { immForm: 'I64XorI', commutes: true });
simple(0x86, 'i64.shl', B64, 'I64Shl', { immForm: 'I64ShlI' });
simple(0x87, 'i64.shr_s', B64, 'I64ShrS', { immForm: 'I64ShrSI' });
simple(0x88, 'i64.shr_u', B64, 'I64ShrU', { immForm: 'I64ShrUI' });
simple(0x89, 'i64.rotl', B64, 'I64Rotl', { immForm: 'I64RotlI' });
simple(0x8a, 'i64.rotr', B64, 'I64Rotr', { immForm: 'I64RotrI' });

// ---- numeric: f32, f64 -------------------------------------------------------------------------
['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'].forEach((o, i) => simple(0x8b + i, `f32.${o}`, 'f32 -> f32', `F32${camel(o)}`));
['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'].forEach((o, i) => simple(0x92 + i, `f32.${o}`, 'f32 f32 -> f32', `F32${camel(o)}`));
['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'].forEach((o, i) => simple(0x99 + i, `f64.${o}`, 'f64 -> f64', `F64${camel(o)}`));
const F64_POOL: Record<string, [string, string]> = { add: ['F64AddK', 'F64AddK'], sub: ['F64SubK', 'F64KSub'], mul: ['F64MulK', 'F64MulK'], div: ['F64DivK', 'F64KDiv'] };
['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'].forEach((o, i) => {
  const pool = F64_POOL[o];
  simple(0xa0 + i, `f64.${o}`, 'f64 f64 -> f64', `F64${camel(o)}`, pool ? { poolForm: pool[0], poolLeftForm: pool[1] } : {});
});

// ---- conversions -----------------------------------------------------------------------------------
simple(0xa7, 'i32.wrap_i64', 'i64 -> i32', '', { retype: true });
simple(0xa8, 'i32.trunc_f32_s', 'f32 -> i32', 'I32TruncF32S');
simple(0xa9, 'i32.trunc_f32_u', 'f32 -> i32', 'I32TruncF32U');
simple(0xaa, 'i32.trunc_f64_s', 'f64 -> i32', 'I32TruncF64S');
simple(0xab, 'i32.trunc_f64_u', 'f64 -> i32', 'I32TruncF64U');
simple(0xac, 'i64.extend_i32_s', 'i32 -> i64', 'I64ExtendI32S');
simple(0xad, 'i64.extend_i32_u', 'i32 -> i64', 'I64ExtendI32U');
simple(0xae, 'i64.trunc_f32_s', 'f32 -> i64', 'I64TruncF32S');
simple(0xaf, 'i64.trunc_f32_u', 'f32 -> i64', 'I64TruncF32U');
simple(0xb0, 'i64.trunc_f64_s', 'f64 -> i64', 'I64TruncF64S');
simple(0xb1, 'i64.trunc_f64_u', 'f64 -> i64', 'I64TruncF64U');
simple(0xb2, 'f32.convert_i32_s', 'i32 -> f32', 'F32ConvertI32S');
simple(0xb3, 'f32.convert_i32_u', 'i32 -> f32', 'F32ConvertI32U');
simple(0xb4, 'f32.convert_i64_s', 'i64 -> f32', 'F32ConvertI64S');
simple(0xb5, 'f32.convert_i64_u', 'i64 -> f32', 'F32ConvertI64U');
simple(0xb6, 'f32.demote_f64', 'f64 -> f32', 'F32DemoteF64');
simple(0xb7, 'f64.convert_i32_s', 'i32 -> f64', 'F64ConvertI32S');
simple(0xb8, 'f64.convert_i32_u', 'i32 -> f64', 'F64ConvertI32U');
simple(0xb9, 'f64.convert_i64_s', 'i64 -> f64', 'F64ConvertI64S');
simple(0xba, 'f64.convert_i64_u', 'i64 -> f64', 'F64ConvertI64U');
simple(0xbb, 'f64.promote_f32', 'f32 -> f64', 'F64PromoteF32');
simple(0xbc, 'i32.reinterpret_f32', 'f32 -> i32', '', { retype: true });
simple(0xbd, 'i64.reinterpret_f64', 'f64 -> i64', '', { retype: true });
simple(0xbe, 'f32.reinterpret_i32', 'i32 -> f32', '', { retype: true });
simple(0xbf, 'f64.reinterpret_i64', 'i64 -> f64', '', { retype: true });
simple(0xc0, 'i32.extend8_s', 'i32 -> i32', 'I32Extend8S');
simple(0xc1, 'i32.extend16_s', 'i32 -> i32', 'I32Extend16S');
simple(0xc2, 'i64.extend8_s', 'i64 -> i64', 'I64Extend8S');
simple(0xc3, 'i64.extend16_s', 'i64 -> i64', 'I64Extend16S');
simple(0xc4, 'i64.extend32_s', 'i64 -> i64', 'I64Extend32S');

// ---- references ----------------------------------------------------------------------------------
special(0xd0, 'ref.null', 'reftype');
special(0xd1, 'ref.is_null');
special(0xd2, 'ref.func', 'func');

// ---- 0xfc: saturating truncation, bulk memory, tables ---------------------------------------------
const fc = (code: number, name: string, sig: string, ir: string) => ops.push({ name, code, prefix: 0xfc, sig, ir });
fc(0, 'i32.trunc_sat_f32_s', 'f32 -> i32', 'I32TruncSatF32S');
fc(1, 'i32.trunc_sat_f32_u', 'f32 -> i32', 'I32TruncSatF32U');
fc(2, 'i32.trunc_sat_f64_s', 'f64 -> i32', 'I32TruncSatF64S');
fc(3, 'i32.trunc_sat_f64_u', 'f64 -> i32', 'I32TruncSatF64U');
fc(4, 'i64.trunc_sat_f32_s', 'f32 -> i64', 'I64TruncSatF32S');
fc(5, 'i64.trunc_sat_f32_u', 'f32 -> i64', 'I64TruncSatF32U');
fc(6, 'i64.trunc_sat_f64_s', 'f64 -> i64', 'I64TruncSatF64S');
fc(7, 'i64.trunc_sat_f64_u', 'f64 -> i64', 'I64TruncSatF64U');
const fcSpecial = (code: number, name: string, imm: WasmOpDef['imm']) => ops.push({ name, code, prefix: 0xfc, imm });
fcSpecial(8, 'memory.init', 'data_mem');
fcSpecial(9, 'data.drop', 'data');
fcSpecial(10, 'memory.copy', 'mem2');
fcSpecial(11, 'memory.fill', 'mem');
fcSpecial(12, 'table.init', 'elem_table');
fcSpecial(13, 'elem.drop', 'elem');
fcSpecial(14, 'table.copy', 'table2');
fcSpecial(15, 'table.grow', 'table');
fcSpecial(16, 'table.size', 'table');
fcSpecial(17, 'table.fill', 'table');

// ---- 3.0: tail calls (hand-written rules; off in WASM_2_0_FEATURES) ------------------------------
special(0x12, 'return_call', 'func');
special(0x13, 'return_call_indirect', 'call_indirect');

// ---- 3.0: exception handling (hand-written rules; last, so the ids above stay as they were) ----
// throw and throw_ref charge like a call: unwinding searches handler tables, frame by frame
special(0x08, 'throw', 'tag', { fuel: 2 });
special(0x0a, 'throw_ref', 'none', { fuel: 2 });
special(0x1f, 'try_table', 'try_table', { fuel: 0 });
// ---- typed function references (3.0; hand-written rules, last so the ids above stay) -------------
special(0x14, 'call_ref', 'type');
special(0x15, 'return_call_ref', 'type');
special(0xd4, 'ref.as_non_null');
special(0xd5, 'br_on_null', 'label');
special(0xd6, 'br_on_non_null', 'label');

// ---- GC (3.0; hand-written rules in core/validate/function.ts, last so the ids above stay) ----------
// allocations charge by size on top of these (core/exec/gc.ts, docs/engine.md "GC")
special(0xd3, 'ref.eq');
const fb = (code: number, name: string, imm: WasmOpDef['imm'], extra: Partial<WasmOpDef> = {}) => ops.push({ name, code, prefix: 0xfb, imm, feature: 'gc', ...extra });
fb(0x00, 'struct.new', 'type');
fb(0x01, 'struct.new_default', 'type');
fb(0x02, 'struct.get', 'type_field');
fb(0x03, 'struct.get_s', 'type_field');
fb(0x04, 'struct.get_u', 'type_field');
fb(0x05, 'struct.set', 'type_field');
fb(0x06, 'array.new', 'type');
fb(0x07, 'array.new_default', 'type');
fb(0x08, 'array.new_fixed', 'type_n');
fb(0x09, 'array.new_data', 'type_data');
fb(0x0a, 'array.new_elem', 'type_elem');
fb(0x0b, 'array.get', 'type');
fb(0x0c, 'array.get_s', 'type');
fb(0x0d, 'array.get_u', 'type');
fb(0x0e, 'array.set', 'type');
fb(0x0f, 'array.len', 'none');
fb(0x10, 'array.fill', 'type');
fb(0x11, 'array.copy', 'type2');
fb(0x12, 'array.init_data', 'type_data');
fb(0x13, 'array.init_elem', 'type_elem');
fb(0x14, 'ref.test', 'heaptype');
fb(0x15, 'ref.test_null', 'heaptype');
fb(0x16, 'ref.cast', 'heaptype');
fb(0x17, 'ref.cast_null', 'heaptype');
fb(0x18, 'br_on_cast', 'br_on_cast');
fb(0x19, 'br_on_cast_fail', 'br_on_cast');
fb(0x1a, 'any.convert_extern', 'none', { fuel: 0 });
fb(0x1b, 'extern.convert_any', 'none', { fuel: 0 });
fb(0x1c, 'ref.i31', 'none');
fb(0x1d, 'i31.get_s', 'none');
fb(0x1e, 'i31.get_u', 'none');

// ---- which proposal each non-MVP instruction came from (inspect's feature list) ------------------
const FROM: Partial<Record<FeatureName, readonly string[]>> = {
  'sign-extension': ['i32.extend8_s', 'i32.extend16_s', 'i64.extend8_s', 'i64.extend16_s', 'i64.extend32_s'],
  'sat-float-to-int': ops.filter((o) => o.name.includes('trunc_sat')).map((o) => o.name),
  'bulk-memory': ['memory.init', 'data.drop', 'memory.copy', 'memory.fill', 'table.init', 'elem.drop', 'table.copy'],
  'reference-types': ['ref.null', 'ref.is_null', 'ref.func', 'table.get', 'table.set', 'table.grow', 'table.size', 'table.fill', 'select_t'],
  'tail-call': ['return_call', 'return_call_indirect'],
  exceptions: ['throw', 'throw_ref', 'try_table'],
  'function-references': ['call_ref', 'return_call_ref', 'ref.as_non_null', 'br_on_null', 'br_on_non_null'],
  gc: ['ref.eq'],
};
for (const [feature, names] of Object.entries(FROM) as [FeatureName, readonly string[]][]) {
  for (const n of names) {
    const i = ops.findIndex((o) => o.name === n);
    if (i < 0) throw new Error(`wasm.ts: ${feature} names unknown instruction ${n}`);
    ops[i] = { ...ops[i]!, feature };
  }
}

// ---- 0xfd: fixed-width and relaxed SIMD (core/ops/simd.ts) ------------------------------------------
ops.push(...SIMD_WASM);

export const WASM_OPS: readonly WasmOpDef[] = ops;
