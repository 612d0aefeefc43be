/**
 * Compilation: decode → validate → translate. A CompiledModule is immutable and may be
 * instantiated any number of times, in any store.
 */
import { decodeModule } from '../decode/index.js';
import type { CompiledFunc, CompiledModule } from '../translate/compiled.js';
import { Translator } from '../translate/translator.js';

export type { CompiledModule };
import { ValType, type ModuleInfo } from '../types.js';
import { buildContext, type ModuleContext } from '../validate/context.js';
import { FunctionValidator } from '../validate/function.js';
import { validateModuleInfo, type ValidateOptions } from '../validate/module.js';
import { isRefType } from '../reftypes.js';
import { resolveFeatures, type Features } from '../features.js';
import { featuresUsed } from '../validate/features-used.js';

export interface CompileOptions extends ValidateOptions {
  /** a name used in error messages (e.g. the file name) */
  readonly name?: string;
}

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
  translateAll(info, ctx, resolveFeatures(opts.features), false, true);
}

function translateAll(info: ModuleInfo, ctx: ModuleContext, features: Features, metering: boolean, validateOnly = false, used?: { mask: number }): CompiledFunc[] {
  const tableTypes = ctx.tables.map((t) => t.elem);
  const funcs: CompiledFunc[] = [];
  for (let i = 0; i < info.bodies.length; i++) {
    const body = info.bodies[i]!;
    const type = info.types[info.funcs[i]!]!;
    const locals = expandLocals(info, i);
    const v = new FunctionValidator(ctx, ctx.importedFuncs + i, type, locals, features);
    if (validateOnly) {
      v.run(info.bytes, body.codeStart, body.codeEnd, undefined);
      if (used) used.mask |= v.featureMask;
      continue;
    }
    const t = new Translator(type, locals, metering);
    t.tableTypes = tableTypes;
    t.customPages = (ctx.memories[0]?.pageSizeLog2 ?? 16) !== 16;
    v.run(info.bytes, body.codeStart, body.codeEnd, t);
    if (used) used.mask |= v.featureMask;
    funcs.push(t.result(v.maxHeight));
  }
  return funcs;
}

/** Decode, validate and translate every function. Throws CompileError. */
export function compile(bytes: Uint8Array, opts: CompileOptions = {}): CompiledModule {
  const info = decodeModule(bytes);
  const ctx = buildContext(info);
  validateModuleInfo(info, ctx, opts);
  const features = resolveFeatures(opts.features);
  const used = { mask: 0 };
  const funcs = translateAll(info, ctx, features, false, false, used);
  const typeIds = ctx.canon;
  let metered: CompiledFunc[] | undefined;
  return {
    name: opts.name ?? '<anonymous>',
    info,
    ctx,
    funcs,
    typeIds,
    metered: () => (metered ??= translateAll(info, ctx, features, true)),
    features: featuresUsed(info, ctx, used.mask),
    usesRefs: funcs.some((f) => f.usesRefs) || info.types.some((t) => [...t.params, ...t.results].some(isRefType)),
  };
}
