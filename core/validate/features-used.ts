/**
 * Which features beyond the MVP a valid module uses (`wasmlet inspect` lists them): the
 * instructions' proposals from the table, gathered by the function validator as a bit mask, and
 * what only the module's structure shows.
 */
import { FEATURE_NAMES, type FeatureName } from '../ops/spec.js';
import { ExternKind, ValType, type ModuleInfo } from '../types.js';
import type { ModuleContext } from './context.js';

const EXTENDED_CONST_OPS = new Set([0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e]);

export function featuresUsed(info: ModuleInfo, ctx: ModuleContext, bodyMask: number): FeatureName[] {
  const used = new Set<FeatureName>();
  for (let i = 1; i < FEATURE_NAMES.length; i++) if (bodyMask & (1 << i)) used.add(FEATURE_NAMES[i]!);
  const isRef = (t: ValType) => t === ValType.FuncRef || t === ValType.ExternRef || t === ValType.ExnRef;
  if (ctx.tags.length > 0 || info.types.some((t) => t.params.includes(ValType.ExnRef) || t.results.includes(ValType.ExnRef))) used.add('exceptions');
  if (info.types.some((t) => t.results.length > 1)) used.add('multi-value');
  if (info.types.some((t) => t.params.some(isRef) || t.results.some(isRef)) || ctx.tables.length > 1 || ctx.globals.some((g) => isRef(g.type))) used.add('reference-types');
  if (ctx.memories.length > 1) used.add('multi-memory');
  if (ctx.memories.some((m) => m.pageSizeLog2 !== undefined)) used.add('custom-page-sizes');
  // memory64 covers table64 too (one proposal)
  if (ctx.memories.some((m) => m.address64) || ctx.tables.some((t) => t.address64)) used.add('memory64');
  if (info.datas.some((d) => d.memory !== 0)) used.add('multi-memory');
  const mutableGlobal = (k: ExternKind, i: number) => k === ExternKind.Global && ctx.globals[i]!.mutable;
  if (info.imports.some((im) => im.desc.kind === ExternKind.Global && im.desc.type.mutable) || info.exports.some((e) => mutableGlobal(e.kind, e.index))) used.add('mutable-globals');
  const exprs = [...info.globals.map((g) => g.init), ...info.elems.flatMap((e) => (e.offset ? [e.offset, ...e.init] : e.init)), ...info.datas.flatMap((d) => (d.offset ? [d.offset] : []))];
  const globalIndex = (i: number) => i >= ctx.importedGlobals;
  if (exprs.some((x) => x.some((ins) => EXTENDED_CONST_OPS.has(ins.op) || (ins.op === 0x23 && globalIndex(ins.imm as number))))) used.add('extended-const');
  return FEATURE_NAMES.filter((f) => used.has(f));
}
