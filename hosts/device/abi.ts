/**
 * The device ABI, version 1 (docs/device-abi.md): the names and signatures a device module may
 * import from module "dev", the exports it must provide, and the check that refuses anything else
 * at load time with an error naming the offending import or export. Pure data plus one check over
 * a module's decoded imports and exports, so it runs before any instance exists.
 */
import { ExternKind, ValType, WasmletError, type CompiledModule, type FuncType } from '../../core/index.js';

/** the export that declares "this module speaks device ABI v1" */
export const ABI_MARKER = 'wasmlet_device_abi_v1';
/** the import module name of every ABI function */
export const ABI_MODULE = 'dev';

type Sig = { readonly params: readonly ValType[]; readonly results: readonly ValType[] };

/** every function a module may import from "dev", with its signature */
export const ABI_IMPORTS: Readonly<Record<string, Sig>> = Object.freeze({
  now_us: { params: [], results: [ValType.I64] },
  sensor_read: { params: [ValType.I32], results: [ValType.F64] },
  actuator_write: { params: [ValType.I32, ValType.F64], results: [ValType.I32] },
  param_get: { params: [ValType.I32], results: [ValType.F64] },
  telemetry: { params: [ValType.I32, ValType.I32, ValType.F64], results: [] },
  log: { params: [ValType.I32, ValType.I32, ValType.I32], results: [] },
});

/** the exports the host calls, with their signatures */
export const ABI_EXPORTS: Readonly<Record<string, Sig>> = Object.freeze({
  [ABI_MARKER]: { params: [], results: [] },
  init: { params: [], results: [ValType.I32] },
  step: { params: [ValType.I64], results: [ValType.I32] },
});

/** actuator_write results */
export const ACTUATOR_APPLIED = 0;
export const ACTUATOR_CLAMPED = 1;
export const ACTUATOR_UNKNOWN_CHANNEL = -1;
/** the value was NaN: not applied, the channel goes to its safe value and the device faults */
export const ACTUATOR_INVALID_VALUE = -2;

/** log levels of `log(level, ptr, len)` */
export const LogLevel = {
  Trace: 0,
  Debug: 1,
  Info: 2,
  Warn: 3,
  Error: 4,
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];
export const LOG_LEVEL_NAMES: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** longest telemetry key and log message the host accepts, in bytes (longer ones are truncated) */
export const MAX_KEY_BYTES = 64;
export const MAX_LOG_BYTES = 256;

/** A module that does not follow the device ABI: refused before it runs. */
export class DeviceAbiError extends WasmletError {
  static override readonly brand: string = 'DeviceAbiError';
  constructor(message: string) {
    super('WASMLET_DEVICE_ABI', message);
    this.name = 'DeviceAbiError';
  }
}

const TYPE_NAMES: Partial<Record<ValType, string>> = {
  [ValType.I32]: 'i32',
  [ValType.I64]: 'i64',
  [ValType.F32]: 'f32',
  [ValType.F64]: 'f64',
  [ValType.FuncRef]: 'funcref',
  [ValType.ExternRef]: 'externref',
};

export function sigText(t: Sig | FuncType): string {
  const list = (v: readonly ValType[]) => v.map((x) => TYPE_NAMES[x] ?? `0x${(x as number).toString(16)}`).join(', ');
  return `(${list(t.params)}) -> (${list(t.results)})`;
}

function sameSig(a: Sig, b: FuncType): boolean {
  return a.params.length === b.params.length && a.results.length === b.results.length && a.params.every((p, i) => p === b.params[i]) && a.results.every((r, i) => r === b.results[i]);
}

const KIND_NAMES = ['function', 'table', 'memory', 'global'];

/** What a conforming module uses of the ABI. */
export interface AbiUse {
  /** the "dev" functions it imports, in import order */
  readonly imports: readonly string[];
  /** whether it exports a memory named "memory" (needed for telemetry keys and log messages) */
  readonly hasMemory: boolean;
}

/**
 * Check `module` against device ABI v1. Throws DeviceAbiError naming the first import or export
 * that is outside the ABI or has the wrong type.
 */
export function checkDeviceAbi(module: CompiledModule): AbiUse {
  const info = module.info;
  const name = module.name;
  const imports: string[] = [];
  const allowed = Object.keys(ABI_IMPORTS).map((n) => `${ABI_MODULE}.${n}`).join(', ');
  for (const imp of info.imports) {
    const where = `module ${name} imports "${imp.module}" "${imp.name}"`;
    const sig = imp.module === ABI_MODULE && Object.hasOwn(ABI_IMPORTS, imp.name) ? ABI_IMPORTS[imp.name]! : undefined;
    if (!sig) throw new DeviceAbiError(`${where}, which is not part of the device ABI v1 (allowed imports: ${allowed})`);
    if (imp.desc.kind !== ExternKind.Func) throw new DeviceAbiError(`${where} as a ${KIND_NAMES[imp.desc.kind]}; the device ABI v1 defines it as a function ${sigText(sig)}`);
    const t = info.types[imp.desc.typeIndex]!;
    if (!sameSig(sig, t)) throw new DeviceAbiError(`${where} with type ${sigText(t)}; the device ABI v1 defines it as ${sigText(sig)}`);
    if (imports.includes(imp.name)) throw new DeviceAbiError(`${where} twice`);
    imports.push(imp.name);
  }
  const numImportedFuncs = info.imports.filter((i) => i.desc.kind === ExternKind.Func).length;
  const funcType = (index: number): FuncType =>
    index < numImportedFuncs
      ? info.types[(info.imports.filter((i) => i.desc.kind === ExternKind.Func)[index]!.desc as { typeIndex: number }).typeIndex]!
      : info.types[info.funcs[index - numImportedFuncs]!]!;
  for (const [exp, sig] of Object.entries(ABI_EXPORTS)) {
    const e = info.exports.find((x) => x.name === exp);
    if (!e) {
      const why = exp === ABI_MARKER ? ' (the marker that declares device ABI v1; export an empty function with this name)' : '';
      throw new DeviceAbiError(`module ${name} does not export "${exp}"${why}`);
    }
    if (e.kind !== ExternKind.Func) throw new DeviceAbiError(`module ${name} exports "${exp}" as a ${KIND_NAMES[e.kind]}, not a function ${sigText(sig)}`);
    const t = funcType(e.index);
    if (!sameSig(sig, t)) throw new DeviceAbiError(`module ${name} exports "${exp}" with type ${sigText(t)}; the device ABI v1 requires ${sigText(sig)}`);
  }
  const mem = info.exports.find((x) => x.name === 'memory');
  if (mem && mem.kind !== ExternKind.Memory) throw new DeviceAbiError(`module ${name} exports "memory" as a ${KIND_NAMES[mem.kind]}, not a memory`);
  if (!mem && (imports.includes('telemetry') || imports.includes('log'))) {
    throw new DeviceAbiError(`module ${name} imports "${ABI_MODULE}" "${imports.includes('telemetry') ? 'telemetry' : 'log'}" but exports no memory named "memory" to pass strings in`);
  }
  return { imports, hasMemory: mem !== undefined };
}
