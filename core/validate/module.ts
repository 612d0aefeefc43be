/**
 * Module-level validation (§3.4): types of imports and definitions, limits, constant expressions,
 * exports, the start function and segments. Function bodies are validated by FunctionValidator.
 */
import { NO_SIMD, simdSupport } from '../simd-support.js';
import { CompileError } from '../errors.js';
import { ExternKind, SegmentMode, ValType, type ConstExpr, type Limits, type MemType, type ModuleInfo, type TableType } from '../types.js';
import type { ModuleContext } from './context.js';
import { isRef, typeName } from './function.js';
import { resolveFeatures, type Features } from '../features.js';

export interface ValidateOptions {
  /** features beyond WebAssembly 2.0 (core/features.ts); every implemented one is on by default */
  readonly features?: Partial<Features>;
}

function fail(msg: string, section: string, offset?: number): never {
  throw new CompileError(msg, offset, section);
}

function checkLimits(l: Limits, bound: number, what: string, section: string): void {
  if (l.min > bound) fail(`${what} size must be at most ${bound}`, section);
  if (l.max !== undefined) {
    if (l.max > bound) fail(`${what} size must be at most ${bound}`, section);
    if (l.min > l.max) fail(`${what} size minimum must not be greater than maximum`, section);
  }
}

function checkMemType(mt: MemType, section: string, features: Features): void {
  const log2 = mt.pageSizeLog2 ?? 16;
  if (mt.pageSizeLog2 !== undefined && !features.customPageSizes) fail('a memory page size needs the custom-page-sizes feature', section);
  if (log2 !== 0 && log2 !== 16) fail(`invalid custom page size 2^${log2} (1 or 65536 bytes)`, section);
  if (mt.address64) {
    if (!features.memory64) fail('malformed limits flags: a 64-bit memory needs the memory64 feature', section);
    // a 64-bit memory spans at most 2^64 bytes: 2^48 pages of 64 KiB, or 2^64 - 1 of 1 byte
    checkLimits(mt.limits, log2 === 16 ? 2 ** 48 : 2 ** 64 - 1, 'memory', section);
  }
  // a 32-bit memory spans at most 4 GiB: 65536 pages of 64 KiB, or 2^32 - 1 (the largest u32) of 1 byte
  else checkLimits(mt.limits, log2 === 16 ? 65536 : 0xffffffff, 'memory', section);
  if (mt.shared) fail('shared memories are not supported (threads)', section);
}

function checkTableType(t: TableType, section: string, features: Features): void {
  if (t.address64 && !features.memory64) fail('malformed limits flags: a 64-bit table needs the memory64 feature', section);
  checkLimits(t.limits, t.address64 ? 2 ** 64 - 1 : 0xffffffff, 'table', section);
}

/** a tag's type: a function type with no results (its params are the payload) */
function checkTagType(m: ModuleInfo, ti: number, section: string): void {
  const t = m.types[ti];
  if (t === undefined) fail(`unknown type ${ti}`, section);
  if (t.results.length !== 0) fail(`non-empty tag result type (type ${ti} has ${t.results.length} results)`, section);
}

function checkValType(t: ValType, section: string): void {
  if (t === ValType.V128 && simdSupport.engine === null) fail(NO_SIMD, section);
}

/** Type-check a constant expression and return nothing; throws on invalid. */
/**
 * Type-check a constant expression. `globalBound`: how many globals it may read (in 2.0 the
 * imported ones; with extended constants every global defined before the one being initialised).
 */
export function validateConstExpr(ctx: ModuleContext, expr: ConstExpr, expected: ValType, section: string, features: Features, globalBound: number): void {
  const stack: ValType[] = [];
  const pop = (t: ValType, offset: number) => {
    const v = stack.pop();
    if (v !== t) fail(`type mismatch in constant expression`, section, offset);
  };
  for (const ins of expr) {
    switch (ins.op) {
      case 0x41:
        stack.push(ValType.I32);
        break;
      case 0x42:
        stack.push(ValType.I64);
        break;
      case 0x43:
        stack.push(ValType.F32);
        break;
      case 0x44:
        stack.push(ValType.F64);
        break;
      case 0xd0:
        stack.push(ins.imm as ValType);
        break;
      case 0xfd: // v128.const
        if (simdSupport.engine === null) fail(NO_SIMD, section, ins.offset);
        stack.push(ValType.V128);
        break;
      case 0xd2: {
        const f = ins.imm as number;
        if (f >= ctx.funcTypes.length) fail(`unknown function ${f}`, section, ins.offset);
        stack.push(ValType.FuncRef);
        break;
      }
      case 0x23: {
        const g = ins.imm as number;
        if (g >= globalBound) fail(`unknown global ${g}`, section, ins.offset);
        const gt = ctx.globals[g]!;
        if (gt.mutable) fail('constant expression required (global.get of a mutable global)', section, ins.offset);
        stack.push(gt.type);
        break;
      }
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e: {
        if (!features.extendedConst) fail('constant expression required', section, ins.offset);
        const t = ins.op < 0x70 ? ValType.I32 : ValType.I64;
        pop(t, ins.offset);
        pop(t, ins.offset);
        stack.push(t);
        break;
      }
      case 0x0b:
        break;
      default:
        fail('constant expression required', section, ins.offset);
    }
  }
  if (stack.length !== 1 || stack[0] !== expected) {
    fail(`type mismatch: constant expression must produce one ${typeName(expected)}`, section);
  }
}

export function validateModuleInfo(m: ModuleInfo, ctx: ModuleContext, opts: ValidateOptions = {}): void {
  const features = resolveFeatures(opts.features);
  // globals a constant expression may read: imported ones in 2.0, with extended constants any earlier one
  const anyGlobal = features.extendedConst ? ctx.globals.length : ctx.importedGlobals;
  for (const t of m.types) {
    for (const v of t.params) checkValType(v, 'type');
    for (const v of t.results) checkValType(v, 'type');
  }
  for (const imp of m.imports) {
    const d = imp.desc;
    switch (d.kind) {
      case ExternKind.Func:
        if (d.typeIndex >= m.types.length) fail(`unknown type ${d.typeIndex}`, 'import');
        break;
      case ExternKind.Table:
        checkTableType(d.type, 'import', features);
        break;
      case ExternKind.Memory:
        checkMemType(d.type, 'import', features);
        break;
      case ExternKind.Global:
        checkValType(d.type.type, 'import');
        break;
      case ExternKind.Tag:
        checkTagType(m, d.typeIndex, 'import');
        break;
    }
  }
  if (ctx.tags.length > 0 && !features.exceptions) fail('tags need the exceptions feature', m.tags.length > 0 ? 'tag' : 'import');
  for (const ti of m.tags) checkTagType(m, ti, 'tag');
  for (const ti of m.funcs) if (ti >= m.types.length) fail(`unknown type ${ti}`, 'function');
  for (const t of m.tables) checkTableType(t, 'table', features);
  for (const mem of m.memories) checkMemType(mem, 'memory', features);
  if (ctx.memories.length > 1 && !features.multiMemory) fail('multiple memories need the multi-memory feature', 'memory');
  for (let i = 0; i < m.globals.length; i++) {
    const g = m.globals[i]!;
    checkValType(g.type.type, 'global');
    validateConstExpr(ctx, g.init, g.type.type, 'global', features, features.extendedConst ? ctx.importedGlobals + i : ctx.importedGlobals);
  }
  const names = new Set<string>();
  for (const e of m.exports) {
    if (names.has(e.name)) fail(`duplicate export name "${e.name}"`, 'export');
    names.add(e.name);
    const bound =
      e.kind === ExternKind.Func
        ? ctx.funcTypes.length
        : e.kind === ExternKind.Table
          ? ctx.tables.length
          : e.kind === ExternKind.Memory
            ? ctx.memories.length
            : e.kind === ExternKind.Tag
              ? ctx.tags.length
              : ctx.globals.length;
    if (e.index >= bound) fail(`unknown ${['function', 'table', 'memory', 'global', 'tag'][e.kind]} ${e.index} in export "${e.name}"`, 'export');
  }
  if (m.start !== undefined) {
    const ti = ctx.funcTypes[m.start];
    if (ti === undefined) fail(`unknown function ${m.start}`, 'start');
    const t = m.types[ti]!;
    if (t.params.length !== 0 || t.results.length !== 0) fail('start function must have type [] -> []', 'start');
  }
  for (const e of m.elems) {
    if (!isRef(e.type)) fail('malformed reference type', 'element');
    for (const x of e.init) validateConstExpr(ctx, x, e.type, 'element', features, anyGlobal);
    if (e.mode === SegmentMode.Active) {
      const t = ctx.tables[e.table];
      if (!t) fail(`unknown table ${e.table}`, 'element');
      if (t.elem !== e.type) fail('type mismatch: element segment and table types differ', 'element');
      validateConstExpr(ctx, e.offset!, t.address64 ? ValType.I64 : ValType.I32, 'element', features, anyGlobal);
    }
  }
  for (const d of m.datas) {
    if (d.mode === SegmentMode.Active) {
      if (d.memory >= ctx.memories.length) fail(`unknown memory ${d.memory}`, 'data');
      validateConstExpr(ctx, d.offset!, ctx.memories[d.memory]!.address64 ? ValType.I64 : ValType.I32, 'data', features, anyGlobal);
    }
  }
}
