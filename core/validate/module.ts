/**
 * Module-level validation (§3.4): types of imports and definitions, limits, constant expressions,
 * exports, the start function and segments. Function bodies are validated by FunctionValidator.
 */
import { NO_SIMD, simdSupport } from '../simd-support.js';
import { CompileError } from '../errors.js';
import { CompKind, ExternKind, SegmentMode, ValType, type ConstExpr, type FieldType, type Limits, type MemType, type ModuleInfo, type TableType } from '../types.js';
import { kindAt, typesMatch, valMatch, type ModuleContext } from './context.js';
import { typeName } from './function.js';
import { concreteRef, HT, isNullable, isRefType as isRef, makeRef, typeIndexOf } from '../reftypes.js';
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

function checkTableType(t: TableType, section: string, features: Features, ntypes: number): void {
  checkValType(t.elem, section, ntypes);
  if (t.address64 && !features.memory64) fail('malformed limits flags: a 64-bit table needs the memory64 feature', section);
  checkLimits(t.limits, t.address64 ? 2 ** 64 - 1 : 0xffffffff, 'table', section);
}

/** type index ti exists and is a function type (not a GC struct or array type) */
export function checkFuncType(m: ModuleInfo, ti: number, section: string): void {
  if (ti >= m.types.length) fail(`unknown type ${ti}`, section);
  if ((m.typeDefs[ti]?.kind ?? CompKind.Func) !== CompKind.Func) fail(`type mismatch: type ${ti} is not a function type`, section);
}

/** a field of a subtype matches its supertype's: same mutability; immutable covariant, mutable invariant */
function fieldMatch(ctx: ModuleContext, a: FieldType, b: FieldType): boolean {
  if (a.mutable !== b.mutable) return false;
  if (a.type < 0x7b && a.type > 0x76) return a.type === b.type; // packed i8/i16: 0x77, 0x78
  if (b.type < 0x7b && b.type > 0x76) return false;
  return valMatch(ctx, a.type, b.type) && (!a.mutable || valMatch(ctx, b.type, a.type));
}

/** a tag's type: a function type with no results (its params are the payload) */
function checkTagType(m: ModuleInfo, ti: number, section: string): void {
  checkFuncType(m, ti, section);
  const t = m.types[ti]!;
  if (t.results.length !== 0) fail(`non-empty tag result type (type ${ti} has ${t.results.length} results)`, section);
}

/** `bound`: type indices a typed reference may name (those defined so far) */
function checkValType(t: ValType, section: string, bound: number): void {
  if (t === ValType.V128 && simdSupport.engine === null) fail(NO_SIMD, section);
  const x = typeIndexOf(t);
  if (x >= bound) fail(`unknown type ${x}`, section);
}

/**
 * Declared supertypes (§3.2.8): an earlier, non-final function type that this one matches
 * (parameters contravariant, results covariant). Also bounds every type index a type names:
 * its own rec group and earlier ones.
 */
function checkTypeDefs(m: ModuleInfo, ctx: ModuleContext): void {
  let groupEnd = 0;
  for (let i = 0; i < m.types.length; i++) {
    const d = m.typeDefs[i];
    if (d !== undefined && d.groupSize > 0) groupEnd = i + d.groupSize;
    if (d === undefined) groupEnd = i + 1;
    const t = m.types[i]!;
    for (const v of t.params) checkValType(v, 'type', groupEnd);
    for (const v of t.results) checkValType(v, 'type', groupEnd);
    for (const f of d?.fields ?? []) if (f.type < 0x77 || f.type > 0x78) checkValType(f.type, 'type', groupEnd);
    const sup = d?.super;
    if (sup === undefined) continue;
    if (sup >= i) fail(`unknown type ${sup}: a supertype must be defined before its subtype`, 'type');
    if (m.typeDefs[sup]?.final !== false) fail(`type ${i} has final supertype ${sup}`, 'type');
    const kind = kindAt(ctx, i);
    if (kindAt(ctx, sup) !== kind) fail(`type mismatch: type ${i} does not match its supertype ${sup} (a different kind of type)`, 'type');
    if (kind === CompKind.Func) {
      const st = m.types[sup]!;
      if (!typesMatch(ctx, st.params, t.params) || !typesMatch(ctx, t.results, st.results)) fail(`type mismatch: type ${i} does not match its supertype ${sup}`, 'type');
    } else {
      const fs = d!.fields!;
      const ss = m.typeDefs[sup]!.fields!;
      if (fs.length < ss.length || ss.some((f, k) => !fieldMatch(ctx, fs[k]!, f))) fail(`type mismatch: type ${i} does not match its supertype ${sup}`, 'type');
    }
  }
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
    if (v === undefined || (v !== t && !valMatch(ctx, v, t))) fail(`type mismatch in constant expression`, section, offset);
  };
  const gcType = (x: number, kind: CompKind, offset: number): readonly FieldType[] => {
    if (x >= ctx.types.length) fail(`unknown type ${x}`, section, offset);
    if (kindAt(ctx, x) !== kind) fail(`type mismatch: type ${x} is not ${kind === CompKind.Struct ? 'a struct' : 'an array'} type`, section, offset);
    return ctx.typeDefs[x]!.fields!;
  };
  const unpacked = (t: number): ValType => (t === 0x77 || t === 0x78 ? ValType.I32 : (t as ValType));
  for (const ins of expr) {
    switch (ins.op) {
      case 0xfb00: // struct.new
      case 0xfb01: {
        const x = ins.imm as number;
        const fs = gcType(x, CompKind.Struct, ins.offset);
        if (ins.op === 0xfb00) for (let k = fs.length - 1; k >= 0; k--) pop(unpacked(fs[k]!.type), ins.offset);
        else if (fs.some((f) => isRef(f.type) && !isNullable(f.type))) fail(`type mismatch: struct.new_default of type ${x}, which has a non-defaultable field`, section, ins.offset);
        stack.push(concreteRef(x, false));
        break;
      }
      case 0xfb06: // array.new, array.new_default, array.new_fixed
      case 0xfb07:
      case 0xfb08: {
        const x = ins.imm as number;
        const et = unpacked(gcType(x, CompKind.Array, ins.offset)[0]!.type);
        if (ins.op === 0xfb06) {
          pop(ValType.I32, ins.offset);
          pop(et, ins.offset);
        } else if (ins.op === 0xfb07) {
          if (isRef(et) && !isNullable(et)) fail(`type mismatch: array.new_default of type ${x}, whose elements are not defaultable`, section, ins.offset);
          pop(ValType.I32, ins.offset);
        } else for (let k = 0; k < ins.imm2!; k++) pop(et, ins.offset);
        stack.push(concreteRef(x, false));
        break;
      }
      case 0xfb1a: {
        // any.convert_extern / extern.convert_any keep nullability
        const v = stack.pop();
        if (v === undefined || !valMatch(ctx, v, ValType.ExternRef)) fail('type mismatch in constant expression', section, ins.offset);
        stack.push(makeRef(HT.any, isNullable(v)));
        break;
      }
      case 0xfb1b: {
        const v = stack.pop();
        if (v === undefined || !valMatch(ctx, v, makeRef(HT.any, true))) fail('type mismatch in constant expression', section, ins.offset);
        stack.push(makeRef(HT.extern, isNullable(v)));
        break;
      }
      case 0xfb1c: // ref.i31
        pop(ValType.I32, ins.offset);
        stack.push(makeRef(HT.i31, false));
        break;
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
        stack.push(concreteRef(ctx.funcTypes[f]!, false));
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
  if (stack.length !== 1 || !valMatch(ctx, stack[0]!, expected)) {
    fail(`type mismatch: constant expression must produce one ${typeName(expected)}`, section);
  }
}

export function validateModuleInfo(m: ModuleInfo, ctx: ModuleContext, opts: ValidateOptions = {}): void {
  const features = resolveFeatures(opts.features);
  // globals a constant expression may read: imported ones in 2.0, with extended constants any earlier one
  const anyGlobal = features.extendedConst ? ctx.globals.length : ctx.importedGlobals;
  const nt = m.types.length;
  checkTypeDefs(m, ctx);
  for (const imp of m.imports) {
    const d = imp.desc;
    switch (d.kind) {
      case ExternKind.Func:
        checkFuncType(m, d.typeIndex, 'import');
        break;
      case ExternKind.Table:
        checkTableType(d.type, 'import', features, nt);
        break;
      case ExternKind.Memory:
        checkMemType(d.type, 'import', features);
        break;
      case ExternKind.Global:
        checkValType(d.type.type, 'import', nt);
        break;
      case ExternKind.Tag:
        checkTagType(m, d.typeIndex, 'import');
        break;
    }
  }
  if (ctx.tags.length > 0 && !features.exceptions) fail('tags need the exceptions feature', m.tags.length > 0 ? 'tag' : 'import');
  for (const ti of m.tags) checkTagType(m, ti, 'tag');
  for (const ti of m.funcs) checkFuncType(m, ti, 'function');
  for (const t of m.tables) {
    checkTableType(t, 'table', features, nt);
    // a table's elements start as its initializer's value, or null, which only nullable types hold
    if (t.init !== undefined) validateConstExpr(ctx, t.init, t.elem, 'table', features, ctx.importedGlobals);
    else if (!isNullable(t.elem)) fail('type mismatch: a table of non-nullable references needs an initializer expression', 'table');
  }
  for (const mem of m.memories) checkMemType(mem, 'memory', features);
  if (ctx.memories.length > 1 && !features.multiMemory) fail('multiple memories need the multi-memory feature', 'memory');
  for (let i = 0; i < m.globals.length; i++) {
    const g = m.globals[i]!;
    checkValType(g.type.type, 'global', nt);
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
    checkValType(e.type, 'element', nt);
    for (const x of e.init) validateConstExpr(ctx, x, e.type, 'element', features, anyGlobal);
    if (e.mode === SegmentMode.Active) {
      const t = ctx.tables[e.table];
      if (!t) fail(`unknown table ${e.table}`, 'element');
      if (!valMatch(ctx, e.type, t.elem)) fail('type mismatch: element segment and table types differ', 'element');
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
