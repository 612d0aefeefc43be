/**
 * Instantiation (§4.5.4): check imports against the module's declared types, allocate the
 * module's own functions, tables, memories and globals, evaluate segments, run the start
 * function. Import mismatches are LinkErrors naming the import; out-of-bounds segments trap.
 */
import { LinkError, Trap, TrapCode } from '../errors.js';
import { trap } from '../exec/trap.js';
import { ExternKind, SegmentMode, ValType, type ConstExpr, type Limits } from '../types.js';
import { typeName } from '../validate/function.js';
import { invokeRaw } from './store.js';
import { v128Bytes } from './invoke.js';
import type { CompiledModule } from './module.js';
import { canonComp, canonSub, canonValSub, canonValType } from '../reftypes.js';
import { i31, newArrayRaw, newStructRaw } from '../exec/gc.js';
import { FuncInst, GlobalInst, Instance, MemoryInst, TableInst, type ExternVal } from '../exec/objects.js';
import { TagInst } from '../exec/exceptions.js';
import type { Store } from './store.js';

const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'] as const;

function limitsMatch(actualMin: number, actualMax: number | undefined, want: Limits): boolean {
  if (actualMin < want.min) return false;
  if (want.max === undefined) return true;
  return actualMax !== undefined && actualMax <= want.max;
}

/**
 * A segment's offset: an i32 (number) as unsigned, or an i64 (bigint, memory64/table64) as
 * unsigned, exact below 2^53 and above it still beyond every memory and table, so it traps.
 */
function segmentOffset(v: unknown): number {
  return typeof v === 'bigint' ? Number(BigInt.asUintN(64, v)) : (v as number) >>> 0;
}

/** Evaluate a constant expression to a raw value (see invoke.ts for the representation). */
export function evalConst(inst: Instance, expr: ConstExpr): unknown {
  const stack: unknown[] = [];
  for (const ins of expr) {
    switch (ins.op) {
      case 0x41:
      case 0x42:
      case 0x43:
      case 0x44:
        stack.push(ins.imm);
        break;
      case 0xd0:
        stack.push(null);
        break;
      // GC (core/exec/gc.ts): allocations are charged to the store's heap budget
      case 0xfb00:
      case 0xfb01: {
        const id = inst.typeIds[ins.imm as number]!;
        const n = canonComp(id).fields.length;
        const vals = ins.op === 0xfb00 ? stack.splice(stack.length - n, n) : null;
        stack.push(newStructRaw(inst.gcHeap!, id, vals));
        break;
      }
      case 0xfb06: {
        const n = (stack.pop() as number) >>> 0;
        const v = stack.pop();
        stack.push(newArrayRaw(inst.gcHeap!, inst.typeIds[ins.imm as number]!, n, [v]));
        break;
      }
      case 0xfb07: {
        const n = (stack.pop() as number) >>> 0;
        stack.push(newArrayRaw(inst.gcHeap!, inst.typeIds[ins.imm as number]!, n, null));
        break;
      }
      case 0xfb08: {
        const n = ins.imm2!;
        const vals = stack.splice(stack.length - n, n);
        stack.push(newArrayRaw(inst.gcHeap!, inst.typeIds[ins.imm as number]!, n, n === 0 ? null : vals));
        break;
      }
      case 0xfb1c:
        stack.push(i31(stack.pop() as number));
        break;
      case 0xfb1a: // any.convert_extern, extern.convert_any: the same value
      case 0xfb1b:
        break;
      case 0xfd: {
        // v128.const: the decoder's little-endian 128-bit integer as the raw 16 bytes
        const v = new Uint8Array(16);
        let b = ins.imm as bigint;
        for (let i = 0; i < 16; i++, b >>= 8n) v[i] = Number(b & 0xffn);
        stack.push(v);
        break;
      }
      case 0xd2:
        stack.push(inst.funcs[ins.imm as number]);
        break;
      case 0x23: {
        const g = inst.globals[ins.imm as number]!;
        stack.push(readGlobalRaw(g));
        break;
      }
      case 0x6a:
      case 0x6b:
      case 0x6c: {
        const b = stack.pop() as number;
        const a = stack.pop() as number;
        stack.push(ins.op === 0x6a ? (a + b) | 0 : ins.op === 0x6b ? (a - b) | 0 : Math.imul(a, b));
        break;
      }
      case 0x7c:
      case 0x7d:
      case 0x7e: {
        const b = stack.pop() as bigint;
        const a = stack.pop() as bigint;
        stack.push(BigInt.asIntN(64, ins.op === 0x7c ? a + b : ins.op === 0x7d ? a - b : a * b));
        break;
      }
    }
  }
  return stack[0];
}

/** Raw representation: i32 number, i64 bigint, f32 u32 bits (number), f64 u64 bits (bigint), refs as is. */
export function readGlobalRaw(g: GlobalInst): unknown {
  switch (g.type.type) {
    case ValType.I32:
      return g.i32[0];
    case ValType.I64:
      return g.i64[0];
    case ValType.F32:
      return g.i32[0]! >>> 0;
    case ValType.F64:
      return BigInt.asUintN(64, g.i64[0]!);
    case ValType.V128:
      return new Uint8Array(g.i32.buffer.slice(0));
    default:
      return g.ref;
  }
}

export function writeGlobalRaw(g: GlobalInst, v: unknown): void {
  switch (g.type.type) {
    case ValType.I32:
    case ValType.F32:
      g.i32[0] = v as number;
      break;
    case ValType.I64:
    case ValType.F64:
      g.i64[0] = BigInt.asIntN(64, v as bigint);
      break;
    case ValType.V128:
      new Uint8Array(g.i32.buffer).set(v128Bytes(v));
      break;
    default:
      g.ref = v;
  }
}

export function instantiate(store: Store, module: CompiledModule, imports: readonly ExternVal[]): Instance {
  const info = module.info;
  const inst = new Instance(module);
  inst.gcHeap = store.counters.gc;
  const funcs = store.limits.metering ? module.metered() : module.funcs;
  if (module.usesRefs) store.needRefs();
  if (imports.length !== info.imports.length) {
    throw new LinkError(`expected ${info.imports.length} imports, got ${imports.length}`);
  }
  for (let i = 0; i < info.imports.length; i++) {
    const imp = info.imports[i]!;
    const ext = imports[i]!;
    const where = `import "${imp.module}" "${imp.name}"`;
    const d = imp.desc;
    if (ext.kind !== KIND_NAMES[d.kind]) {
      throw new LinkError(`incompatible import type: ${where} must be a ${KIND_NAMES[d.kind]}, got a ${ext.kind}`);
    }
    switch (d.kind) {
      case ExternKind.Func: {
        const f = ext.value as unknown as FuncInst;
        if (!canonSub(f.typeId, module.typeIds[d.typeIndex]!)) throw new LinkError(`incompatible import type: ${where} has the wrong function signature`);
        inst.funcs.push(f);
        break;
      }
      case ExternKind.Table: {
        const t = ext.value as unknown as TableInst;
        if (t.elemType !== canonValType(d.type.elem, module.typeIds) || t.address64 !== (d.type.address64 === true) || !limitsMatch(t.size, t.declaredMax, d.type.limits)) {
          throw new LinkError(`incompatible import type: ${where} table type or limits do not match`);
        }
        inst.tables.push(t);
        break;
      }
      case ExternKind.Memory: {
        const mm = ext.value as unknown as MemoryInst;
        if (!limitsMatch(mm.pages, mm.declaredMax, d.type.limits)) throw new LinkError(`incompatible import type: ${where} memory limits do not match`);
        if (mm.address64 !== (d.type.address64 === true)) {
          throw new LinkError(`incompatible import type: ${where} is a ${mm.address64 ? '64' : '32'}-bit memory, the import wants a ${d.type.address64 ? '64' : '32'}-bit one`);
        }
        if (mm.pageSize !== 2 ** (d.type.pageSizeLog2 ?? 16)) {
          throw new LinkError(`incompatible import type: ${where} memory has ${mm.pageSize}-byte pages, the import wants ${2 ** (d.type.pageSizeLog2 ?? 16)}`);
        }
        inst.memories.push(mm);
        break;
      }
      case ExternKind.Global: {
        const g = ext.value as unknown as GlobalInst;
        // an immutable global may be a subtype; a mutable one must be the same type
        const want = canonValType(d.type.type, module.typeIds);
        if (!(g.type.mutable ? g.type.type === want : canonValSub(g.type.type, want)) || g.type.mutable !== d.type.mutable) {
          throw new LinkError(
            `incompatible import type: ${where} expects ${d.type.mutable ? 'mut ' : ''}${typeName(d.type.type)}, got ${g.type.mutable ? 'mut ' : ''}${typeName(g.type.type)}`,
          );
        }
        inst.globals.push(g);
        break;
      }
      case ExternKind.Tag: {
        // tags match by their function types (exception handling); catch compares identity
        const tg = ext.value as unknown as TagInst;
        if (tg.typeId !== module.typeIds[d.typeIndex]) throw new LinkError(`incompatible import type: ${where} tag has the wrong payload type`);
        inst.tags.push(tg);
        break;
      }
    }
  }
  for (const ti of info.tags) inst.tags.push(new TagInst(info.types[ti]!, module.typeIds[ti]));
  const first = module.ctx.importedFuncs;
  for (let i = 0; i < funcs.length; i++) {
    inst.funcs.push(new FuncInst(info.types[info.funcs[i]!]!, inst, funcs[i]!, null, first + i, module.typeIds[info.funcs[i]!]));
  }
  store.attachTier(inst);
  const limits = store.limits;
  // runtime objects carry canonical types, comparable across modules (core/reftypes.ts)
  for (const t of info.tables) inst.tables.push(new TableInst(canonValType(t.elem, module.typeIds), t.limits.min, t.limits.max, null, limits.maxTableElements, t.address64 === true));
  // imported memories count against the budget of the instance that defined them
  const pool = Number.isFinite(limits.maxInstanceMemoryBytes) ? { limitBytes: limits.maxInstanceMemoryBytes, usedBytes: 0 } : undefined;
  for (const mt of info.memories) {
    const label = `module ${module.name} memory ${inst.memories.length}`;
    inst.memories.push(new MemoryInst(mt.limits.min, mt.limits.max, limits.maxMemoryBytes, label, pool, 2 ** (mt.pageSizeLog2 ?? 16), mt.address64 === true));
  }
  if (inst.memories.length > 0) inst.mem = inst.memories[0]!;
  store.track(inst);
  // constant expressions may allocate GC objects, and an allocation may trap (the heap budget)
  try {
    for (const g of info.globals) {
      const gi = new GlobalInst({ type: canonValType(g.type.type, module.typeIds), mutable: g.type.mutable });
      writeGlobalRaw(gi, evalConst(inst, g.init));
      inst.globals.push(gi);
    }
    // typed references: a table with an initializer expression starts filled with its value
    // (evaluated after the globals, which it may read)
    for (let i = 0; i < info.tables.length; i++) {
      const init = info.tables[i]!.init;
      if (init !== undefined) inst.tables[module.ctx.tables.length - info.tables.length + i]!.elements.fill(evalConst(inst, init));
    }
    for (const e of info.exports) {
      switch (e.kind) {
        case ExternKind.Func:
          inst.exports.set(e.name, { kind: 'func', value: inst.funcs[e.index]! });
          break;
        case ExternKind.Table:
          inst.exports.set(e.name, { kind: 'table', value: inst.tables[e.index]! });
          break;
        case ExternKind.Memory:
          inst.exports.set(e.name, { kind: 'memory', value: inst.memories[e.index]! });
          break;
        case ExternKind.Global:
          inst.exports.set(e.name, { kind: 'global', value: inst.globals[e.index]! });
          break;
        case ExternKind.Tag:
          inst.exports.set(e.name, { kind: 'tag', value: inst.tags[e.index]! });
          break;
      }
    }
    inst.datas = info.datas.map((d) => d.bytes);
    inst.elems = info.elems.map((e) => e.init.map((x) => evalConst(inst, x)));
    for (let i = 0; i < info.elems.length; i++) {
      const e = info.elems[i]!;
      if (e.mode === SegmentMode.Active) {
        const t = inst.tables[e.table]!;
        const off = segmentOffset(evalConst(inst, e.offset!));
        const seg = inst.elems[i]!;
        if (off + seg.length > t.size) trap(TrapCode.OutOfBoundsTable);
        for (let k = 0; k < seg.length; k++) t.elements[off + k] = seg[k];
      }
      if (e.mode !== SegmentMode.Passive) inst.elems[i] = null;
    }
    for (let i = 0; i < info.datas.length; i++) {
      const d = info.datas[i]!;
      if (d.mode !== SegmentMode.Active) continue;
      const mm = inst.memories[d.memory]!;
      const off = segmentOffset(evalConst(inst, d.offset!));
      if (off + d.bytes.length > mm.byteLength) trap(TrapCode.OutOfBoundsMemory);
      mm.u8.set(d.bytes, off);
      inst.datas[i] = null;
    }
  } catch (e) {
    if (e instanceof Trap) throw e;
    const code = (e as { code?: TrapCode }).code;
    if (typeof code === 'number') throw new Trap(code);
    throw e;
  }
  if (info.start !== undefined) invokeRaw(store, inst.funcs[info.start]!, []);
  return inst;
}
