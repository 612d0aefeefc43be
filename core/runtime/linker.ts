/**
 * The native API's import resolver: define host functions with declared signatures, or any
 * extern, under "module"/"name"; register a whole instance's exports under a module name; then
 * instantiate modules against it. Unresolved or mismatched imports are LinkErrors naming them.
 */
import { LinkError } from '../errors.js';
import { ValType, type FuncType } from '../types.js';
import { instantiate } from './instantiate.js';
import type { CompiledModule } from './module.js';
import { FuncInst, type ExternVal, type HostFn, type Instance } from '../exec/objects.js';
import type { Store } from './store.js';

export type ValTypeName = 'i32' | 'i64' | 'f32' | 'f64' | 'funcref' | 'externref';

const NAMES: Record<ValTypeName, ValType> = {
  i32: ValType.I32,
  i64: ValType.I64,
  f32: ValType.F32,
  f64: ValType.F64,
  funcref: ValType.FuncRef,
  externref: ValType.ExternRef,
};

export interface Signature {
  readonly params: readonly ValTypeName[];
  readonly results: readonly ValTypeName[];
}

export function toFuncType(sig: Signature): FuncType {
  const conv = (n: ValTypeName) => {
    const t = NAMES[n];
    if (t === undefined) throw new TypeError(`unknown value type "${String(n)}"`);
    return t;
  };
  return { params: sig.params.map(conv), results: sig.results.map(conv) };
}

/**
 * Create a host function. It receives JS values (i32 number, i64 bigint, f32/f64 number,
 * references as engine values) and returns undefined, one value, or an array for several results.
 */
export function hostFunc(sig: Signature, fn: HostFn): FuncInst {
  return new FuncInst(toFuncType(sig), null, null, fn, -1);
}

export class Linker {
  private readonly defs = new Map<string, Map<string, ExternVal>>();

  /** Define `module`.`name` as any extern value. Later definitions replace earlier ones. */
  define(module: string, name: string, ext: ExternVal): this {
    let m = this.defs.get(module);
    if (!m) this.defs.set(module, (m = new Map()));
    m.set(name, ext);
    return this;
  }

  /** Define a host function with a declared signature. */
  func(module: string, name: string, sig: Signature, fn: HostFn): this {
    return this.define(module, name, { kind: 'func', value: hostFunc(sig, fn) });
  }

  /** Make every export of `instance` importable under `module`. */
  instance(module: string, instance: Instance): this {
    for (const [name, ext] of instance.exports) this.define(module, name, ext);
    return this;
  }

  resolve(module: CompiledModule): ExternVal[] {
    return module.info.imports.map((imp) => {
      const ext = this.defs.get(imp.module)?.get(imp.name);
      if (!ext) throw new LinkError(`unknown import "${imp.module}" "${imp.name}": not defined in the linker`);
      return ext;
    });
  }

  instantiate(store: Store, module: CompiledModule): Instance {
    return instantiate(store, module, this.resolve(module));
  }
}
