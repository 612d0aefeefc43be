/**
 * What a function body may refer to: the module's index spaces (imports first) as the validator
 * sees them, built once per module.
 */
import { CompKind, ExternKind, SegmentMode, type FuncType, type GlobalType, type MemType, type ModuleInfo, type TableType, type TypeDef, type ValType } from '../types.js';
import { canonicalize, canonSub, typeIndexOf, valSub } from '../reftypes.js';

export interface ModuleContext {
  readonly types: readonly FuncType[];
  /** rec groups and declared supertypes, by type index */
  readonly typeDefs: readonly TypeDef[];
  /** canonical id of each type (core/reftypes.ts): equal ids are equivalent types */
  readonly canon: Int32Array;
  /** type index of every function, imports first */
  readonly funcTypes: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemType[];
  readonly globals: readonly GlobalType[];
  /** number of imported globals (constant expressions may only read these) */
  readonly importedGlobals: number;
  readonly importedFuncs: number;
  readonly elemTypes: readonly ValType[];
  readonly dataCount: number | undefined;
  /** functions that may be named by ref.func in bodies (C.refs) */
  readonly declaredRefs: ReadonlySet<number>;
  /** type index of every tag, imports first (exception handling) */
  readonly tags: readonly number[];
}

export function buildContext(m: ModuleInfo): ModuleContext {
  const funcTypes: number[] = [];
  const tables: TableType[] = [];
  const memories: MemType[] = [];
  const globals: GlobalType[] = [];
  const tags: number[] = [];
  for (const imp of m.imports) {
    switch (imp.desc.kind) {
      case ExternKind.Func:
        funcTypes.push(imp.desc.typeIndex);
        break;
      case ExternKind.Table:
        tables.push(imp.desc.type);
        break;
      case ExternKind.Memory:
        memories.push(imp.desc.type);
        break;
      case ExternKind.Global:
        globals.push(imp.desc.type);
        break;
      case ExternKind.Tag:
        tags.push(imp.desc.typeIndex);
        break;
    }
  }
  const importedFuncs = funcTypes.length;
  const importedGlobals = globals.length;
  funcTypes.push(...m.funcs);
  tables.push(...m.tables);
  memories.push(...m.memories);
  for (const g of m.globals) globals.push(g.type);
  tags.push(...m.tags);

  const declaredRefs = new Set<number>();
  const scan = (e: readonly { op: number; imm: number | bigint }[] | undefined) => {
    if (e) for (const i of e) if (i.op === 0xd2) declaredRefs.add(i.imm as number);
  };
  for (const g of m.globals) scan(g.init);
  for (const e of m.elems) for (const x of e.init) scan(x);
  for (const x of m.exports) if (x.kind === ExternKind.Func) declaredRefs.add(x.index);

  return {
    types: m.types,
    typeDefs: m.typeDefs,
    canon: canonicalize(m.types, m.typeDefs),
    funcTypes,
    tables,
    memories,
    globals,
    importedGlobals,
    importedFuncs,
    elemTypes: m.elems.map((e) => e.type),
    dataCount: m.dataCount,
    declaredRefs,
    tags,
  };
}

/** the kind of type index x (function, struct, array) */
export function kindAt(ctx: ModuleContext, x: number): CompKind {
  return ctx.typeDefs[x]?.kind ?? CompKind.Func;
}

/** value subtyping in this module's index space (concrete types compared canonically) */
export function valMatch(ctx: ModuleContext, a: number, b: number): boolean {
  return a === b || valSub(a, b, (x, y) => canonSub(ctx.canon[typeIndexOf(x)]!, ctx.canon[typeIndexOf(y)]!), (h) => kindAt(ctx, typeIndexOf(h)));
}

export function typesMatch(ctx: ModuleContext, a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valMatch(ctx, a[i]!, b[i]!)) return false;
  return true;
}

export { SegmentMode };
