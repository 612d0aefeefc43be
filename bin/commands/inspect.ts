/**
 * `wasmlet inspect`: what a module is made of and which host ABI it expects — its sections
 * (with offsets and sizes), imports, exports with their types, memories, tables, globals,
 * custom sections, and the ABI markers wasmlet knows: WASI preview1 imports (command or
 * reactor), proxy-wasm's `proxy_abi_version_*` export and the device ABI's
 * `wasmlet_device_abi_v1` export, and the budgets a device module declares in its `wasmlet.limits`
 * section. Text for people, `--json` for tools. The module is compiled
 * (decoded and validated) first, so an invalid file gets one error line, not a partial listing.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compile, ExternKind, ValType, type CompiledModule, type FuncType, type ModuleInfo } from '../../core/index.js';
import { readError } from '../../hosts/errors.js';
import { LIMITS_SECTION, parseDeclaredLimits, type DeclaredLimits } from '../../hosts/device/declared-limits.js';
import { UsageError, type Command } from './command.js';
import { irText } from './inspect-ir.js';

const USAGE = `usage: wasmlet inspect [--json] FILE.wasm
       wasmlet inspect --ir [--func N] [--metered] FILE.wasm

Lists a module's sections, imports, exports, memories, tables, globals and custom sections,
and the host ABIs it targets (WASI preview1, proxy-wasm, wasmlet device ABI). With --ir, prints
instead the interpreter's translated code of each defined function (or of function N), one IR
instruction per line with its code offset, operands (lN: local slot N, tN: operand-stack
temporary N) and the Wasm byte offset it reports in traps; lines starting "!!" are verifier
findings (there should be none).

options:
  --json      print one JSON object instead of text
  --ir        print the translated IR (see docs/engine.md)
  --func N    with --ir: only function N (a Wasm function index, imports counted)
  --metered   with --ir: the code as translated for fuel metering (Fuel ops at block entries)
  -h, --help  show this help`;

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'];

export interface SectionEntry {
  id: number;
  name: string;
  /** byte offset of the section id */
  offset: number;
  /** size of the section's contents in bytes */
  size: number;
  /** the custom section's own name */
  custom?: string;
}

export interface AbiMarkers {
  wasi: { version: 'preview1' | 'unstable'; kind: 'command' | 'reactor' | 'library'; imports: number } | null;
  proxyWasm: { version: string; export: string } | null;
  deviceAbi: { version: number; export: string } | null;
}

export const inspect: Command = {
  name: 'inspect',
  summary: 'list a module\'s sections, imports, exports and host ABI (text or --json)',
  usage: USAGE,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, ir: { type: 'boolean' }, func: { type: 'string' }, metered: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (e) {
      throw new UsageError(`inspect: ${(e as Error).message.split('\n')[0]}`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`inspect: expected one FILE.wasm, got ${positionals.length} (see wasmlet inspect --help)`);
    const file = positionals[0]!;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw readError(file, e);
    }
    if ((values.func !== undefined || values.metered) && !values.ir) throw new UsageError('inspect: --func and --metered go with --ir');
    if (values.ir && values.json) throw new UsageError('inspect: --ir prints text; drop --json');
    const compiled = compile(bytes);
    if (values.ir) {
      process.stdout.write(irText(compiled, values.func, values.metered ?? false));
      return 0;
    }
    const report = describe(file, bytes, compiled);
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : text(report));
    return 0;
  },
};

/** Section headers straight from the bytes (the decoder keeps no offsets). */
export function sections(bytes: Uint8Array): SectionEntry[] {
  const out: SectionEntry[] = [];
  let p = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  while (p < bytes.length) {
    const offset = p;
    const id = bytes[p++]!;
    const size = leb();
    const start = p;
    const entry: SectionEntry = { id, name: SECTION_NAMES[id] ?? `unknown(${id})`, offset, size };
    if (id === 0) {
      const n = leb();
      entry.custom = new TextDecoder().decode(bytes.subarray(p, p + n));
    }
    out.push(entry);
    p = start + size;
  }
  return out;
}

export function abiMarkers(info: ModuleInfo): AbiMarkers {
  const exported = (name: string) => info.exports.some((e) => e.name === name && e.kind === ExternKind.Func);
  const wasiImports = info.imports.filter((i) => i.module === 'wasi_snapshot_preview1' || i.module === 'wasi_unstable');
  const wasi: AbiMarkers['wasi'] =
    wasiImports.length === 0
      ? null
      : {
          version: wasiImports.some((i) => i.module === 'wasi_snapshot_preview1') ? 'preview1' : 'unstable',
          kind: exported('_start') ? 'command' : exported('_initialize') ? 'reactor' : 'library',
          imports: wasiImports.length,
        };
  const proxy = info.exports.find((e) => /^proxy_abi_version_\d+_\d+_\d+$/.test(e.name));
  const device = info.exports.find((e) => /^wasmlet_device_abi_v\d+$/.test(e.name));
  return {
    wasi,
    proxyWasm: proxy ? { version: proxy.name.slice('proxy_abi_version_'.length).replace(/_/g, '.'), export: proxy.name } : null,
    deviceAbi: device ? { version: Number(device.name.slice('wasmlet_device_abi_v'.length)), export: device.name } : null,
  };
}

function valName(t: ValType): string {
  return (
    { [ValType.I32]: 'i32', [ValType.I64]: 'i64', [ValType.F32]: 'f32', [ValType.F64]: 'f64', [ValType.V128]: 'v128', [ValType.FuncRef]: 'funcref', [ValType.ExternRef]: 'externref', [ValType.ExnRef]: 'exnref' }[t] ??
    `0x${(t as number).toString(16)}`
  );
}

function sigText(t: FuncType | undefined): string {
  if (!t) return '?';
  const list = (v: readonly ValType[]) => `(${v.map(valName).join(', ')})`;
  return `${list(t.params)} -> ${list(t.results)}`;
}

function limitsText(l: { min: number; max: number | undefined }): { min: number; max: number | null } {
  return { min: l.min, max: l.max ?? null };
}

/** Everything `inspect` prints, as plain data (the --json output). */
export function describe(file: string, bytes: Uint8Array, compiled: CompiledModule) {
  const info = compiled.info;
  const funcImports = info.imports.filter((i) => i.desc.kind === ExternKind.Func);
  const funcType = (index: number): FuncType | undefined => {
    if (index < funcImports.length) {
      const d = funcImports[index]!.desc;
      return d.kind === ExternKind.Func ? info.types[d.typeIndex] : undefined;
    }
    return info.types[info.funcs[index - funcImports.length]!];
  };
  const name = (index: number) => info.funcNames.get(index);
  const imports = info.imports.map((i) => {
    const base = { module: i.module, name: i.name, kind: KIND_NAMES[i.desc.kind]! };
    switch (i.desc.kind) {
      case ExternKind.Func:
        return { ...base, type: sigText(info.types[i.desc.typeIndex]) };
      case ExternKind.Table:
        return { ...base, type: `${valName(i.desc.type.elem)} ${limitsDesc(i.desc.type.limits)}` };
      case ExternKind.Memory:
        return { ...base, type: `${limitsDesc(i.desc.type.limits)}${i.desc.type.shared ? ' shared' : ''}` };
      case ExternKind.Global:
        return { ...base, type: `${i.desc.type.mutable ? 'mut ' : ''}${valName(i.desc.type.type)}` };
      case ExternKind.Tag:
        return { ...base, type: sigText(info.types[i.desc.typeIndex]) };
    }
  });
  const exports = info.exports.map((e) => ({
    name: e.name,
    kind: KIND_NAMES[e.kind]!,
    index: e.index,
    ...(e.kind === ExternKind.Func ? { type: sigText(funcType(e.index)) } : {}),
  }));
  const importedMems = info.imports.flatMap((i) => (i.desc.kind === ExternKind.Memory ? [{ ...limitsText(i.desc.type.limits), pageSize: 2 ** (i.desc.type.pageSizeLog2 ?? 16), shared: i.desc.type.shared, imported: `${i.module}.${i.name}` }] : []));
  const importedTables = info.imports.flatMap((i) =>
    i.desc.kind === ExternKind.Table ? [{ elem: valName(i.desc.type.elem), ...limitsText(i.desc.type.limits), imported: `${i.module}.${i.name}` }] : [],
  );
  return {
    file,
    size: bytes.length,
    sections: sections(bytes),
    imports,
    exports,
    functions: { imported: funcImports.length, defined: info.funcs.length },
    features: compiled.features,
    memories: [...importedMems, ...info.memories.map((m) => ({ ...limitsText(m.limits), pageSize: 2 ** (m.pageSizeLog2 ?? 16), shared: m.shared, imported: null }))],
    tables: [...importedTables, ...info.tables.map((t) => ({ elem: valName(t.elem), ...limitsText(t.limits), imported: null }))],
    globals: {
      imported: info.imports.filter((i) => i.desc.kind === ExternKind.Global).length,
      defined: info.globals.length,
    },
    start: info.start === undefined ? null : { index: info.start, name: name(info.start) ?? null },
    customSections: info.customs.map((c) => ({ name: c.name, size: c.bytes.length })),
    abi: abiMarkers(info),
    declaredLimits: declared(info),
  };
}

/** the `wasmlet.limits` section: its budgets, null without one, or why it is malformed */
function declared(info: ModuleInfo): DeclaredLimits | null | { error: string } {
  try {
    return parseDeclaredLimits(info.customs) ?? null;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function limitsDesc(l: { min: number; max: number | undefined }): string {
  return `min ${l.min}${l.max === undefined ? '' : ` max ${l.max}`}`;
}

function text(r: ReturnType<typeof describe>): string {
  const lines: string[] = [];
  const hex = (n: number) => '0x' + n.toString(16).padStart(6, '0');
  lines.push(`module ${r.file}: ${r.size} bytes, ${r.functions.imported} imported + ${r.functions.defined} defined functions`);
  lines.push(`features beyond the MVP: ${r.features.length ? r.features.join(', ') : 'none'}`);
  lines.push('', `sections (${r.sections.length}):`);
  for (const s of r.sections) lines.push(`  ${s.name.padEnd(10)} ${hex(s.offset)}  ${String(s.size).padStart(8)} bytes${s.custom !== undefined ? `  "${s.custom}"` : ''}`);
  lines.push('', `imports (${r.imports.length}):`);
  for (const i of r.imports) lines.push(`  ${i.kind.padEnd(6)} ${i.module}.${i.name} ${i.type}`);
  lines.push('', `exports (${r.exports.length}):`);
  for (const e of r.exports) lines.push(`  ${e.kind.padEnd(6)} ${e.name}${'type' in e ? ` ${e.type}` : ''}`);
  lines.push('', `memories (${r.memories.length}):`);
  r.memories.forEach((m, i) =>
    lines.push(
      m.pageSize === 65536
        ? `  ${i}: min ${m.min} pages (${(m.min * 64).toLocaleString('en')} KiB), max ${m.max === null ? 'none' : `${m.max} pages`}${m.shared ? ', shared' : ''}${m.imported ? `, imported from ${m.imported}` : ''}`
        : `  ${i}: ${m.pageSize}-byte pages, min ${m.min.toLocaleString('en')} bytes, max ${m.max === null ? 'none' : `${m.max.toLocaleString('en')} bytes`}${m.shared ? ', shared' : ''}${m.imported ? `, imported from ${m.imported}` : ''}`,
    ),
  );
  lines.push('', `tables (${r.tables.length}):`);
  r.tables.forEach((t, i) => lines.push(`  ${i}: ${t.elem}, min ${t.min}, max ${t.max === null ? 'none' : t.max}${t.imported ? `, imported from ${t.imported}` : ''}`));
  lines.push('', `globals: ${r.globals.imported} imported, ${r.globals.defined} defined`);
  lines.push(`start function: ${r.start === null ? 'none' : `func[${r.start.index}]${r.start.name ? ` <${r.start.name}>` : ''}`}`);
  lines.push('', `custom sections (${r.customSections.length}):`);
  for (const c of r.customSections) lines.push(`  ${c.name} (${c.size} bytes)`);
  lines.push('', 'ABI:');
  const abi = r.abi;
  if (abi.wasi) lines.push(`  WASI ${abi.wasi.version} ${abi.wasi.kind} (${abi.wasi.imports} WASI imports)`);
  if (abi.proxyWasm) lines.push(`  proxy-wasm ABI ${abi.proxyWasm.version} (export ${abi.proxyWasm.export})`);
  if (abi.deviceAbi) lines.push(`  wasmlet device ABI v${abi.deviceAbi.version} (export ${abi.deviceAbi.export})`);
  if (!abi.wasi && !abi.proxyWasm && !abi.deviceAbi) lines.push('  none recognised (plain module)');
  const d = r.declaredLimits;
  if (d !== null) {
    lines.push('', `declared budgets (${LIMITS_SECTION}):`);
    if ('error' in d) lines.push(`  invalid: ${d.error}`);
    else for (const [k, v] of Object.entries(d)) lines.push(`  ${k.padEnd(17)} ${v}`);
  }
  return lines.join('\n') + '\n';
}
