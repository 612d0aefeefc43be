/**
 * Compilation: decode → validate → translate. A CompiledModule is immutable and may be
 * instantiated any number of times, in any store.
 */
import { decodeModule } from '../decode/index.js';
import { Translator, type CompiledFunc } from '../translate/translator.js';
import type { ModuleInfo, ValType } from '../types.js';
import { buildContext, type ModuleContext } from '../validate/context.js';
import { FunctionValidator } from '../validate/function.js';
import { validateModuleInfo, type ValidateOptions } from '../validate/module.js';
import { typeId } from './objects.js';

export interface CompiledModule {
  readonly info: ModuleInfo;
  readonly ctx: ModuleContext;
  /** translated bodies of the module's own functions (not imports) */
  readonly funcs: readonly CompiledFunc[];
  /** canonical type ids by type index */
  readonly typeIds: Int32Array;
}

export interface CompileOptions extends ValidateOptions {}

function expandLocals(info: ModuleInfo, i: number): ValType[] {
  const out: ValType[] = [];
  for (const run of info.bodies[i]!.locals) for (let k = 0; k < run.count; k++) out.push(run.type);
  return out;
}

/** Decode and validate only (WebAssembly.validate). Throws CompileError. */
export function validateBytes(bytes: Uint8Array, opts: CompileOptions = {}): void {
  const info = decodeModule(bytes);
  const ctx = buildContext(info);
  validateModuleInfo(info, ctx, opts);
  for (let i = 0; i < info.bodies.length; i++) {
    const body = info.bodies[i]!;
    const fi = ctx.importedFuncs + i;
    const v = new FunctionValidator(ctx, fi, info.types[info.funcs[i]!]!, expandLocals(info, i));
    v.run(info.bytes, body.codeStart, body.codeEnd, undefined);
  }
}

/** Decode, validate and translate every function. Throws CompileError. */
export function compile(bytes: Uint8Array, opts: CompileOptions = {}): CompiledModule {
  const info = decodeModule(bytes);
  const ctx = buildContext(info);
  validateModuleInfo(info, ctx, opts);
  const tableTypes = ctx.tables.map((t) => t.elem);
  const funcs: CompiledFunc[] = [];
  for (let i = 0; i < info.bodies.length; i++) {
    const body = info.bodies[i]!;
    const fi = ctx.importedFuncs + i;
    const type = info.types[info.funcs[i]!]!;
    const locals = expandLocals(info, i);
    const v = new FunctionValidator(ctx, fi, type, locals);
    const t = new Translator(type, locals);
    t.tableTypes = tableTypes;
    v.run(info.bytes, body.codeStart, body.codeEnd, t);
    funcs.push(t.result(v.maxHeight));
  }
  const typeIds = Int32Array.from(info.types.map(typeId));
  return { info, ctx, funcs, typeIds };
}
