/**
 * Runs one wast2json script of the official spec suite against wasmlet, through either API layer:
 * - 'raw': the native API, bit-exact (f32/f64 as bit patterns, NaN classes checked on bits);
 * - 'js': the drop-in `WebAssembly` JS API, where JS values can carry the command (commands whose
 *   arguments or results need exact NaN payloads are counted as not applicable).
 * Returns pass/fail counts and a description of every failure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompileError,
  LinkError,
  Trap,
  TrapCode,
  compile,
  instantiate,
  invokeRaw,
  Store,
  FuncInst,
  GlobalInst,
  MemoryInst,
  TableInst,
  ValType,
  WasmException,
  type ExternVal,
  type Features,
  type Instance,
  type Tier,
} from '../../core/index.js';
import { readGlobalRaw } from '../../core/runtime/instantiate.js';
import { funcOfExported } from '../../core/exec/objects.js';
import { GcArray, GcStruct, I31 } from '../../core/exec/gc.js';
import { WebAssembly as WA } from '../../core/index.js';

export interface SpecValue {
  type: string;
  /** v128: the lanes' shape (i8, i16, i32, i64, f32, f64); value holds one string per lane */
  lane_type?: string;
  value?: string | string[];
}

/** lane widths in bytes by lane_type */
const LANE_BYTES: Record<string, number> = { i8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 };

/** a v128 spec value (lanes as unsigned decimal strings) as its 16 little-endian bytes */
function v128FromLanes(v: SpecValue): Uint8Array {
  const w = LANE_BYTES[v.lane_type!]!;
  const out = new Uint8Array(16);
  (v.value as string[]).forEach((lane, i) => {
    let b = BigInt.asUintN(w * 8, BigInt(lane));
    for (let k = 0; k < w; k++, b >>= 8n) out[i * w + k] = Number(b & 0xffn);
  });
  return out;
}

/** one v128 lane of `bytes` as an unsigned bigint */
function laneOf(bytes: Uint8Array, w: number, i: number): bigint {
  let b = 0n;
  for (let k = w - 1; k >= 0; k--) b = (b << 8n) | BigInt(bytes[i * w + k]!);
  return b;
}

/** compare a raw v128 result lane by lane (NaN classes per lane); an error text or undefined */
function checkV128(expected: SpecValue, actual: unknown): string | undefined {
  if (!(actual instanceof Uint8Array) || actual.length !== 16) return `expected a v128, got ${String(actual)}`;
  const lt = expected.lane_type!;
  const w = LANE_BYTES[lt]!;
  const lanes = expected.value as string[];
  const got = lanes.map((_, i) => laneOf(actual, w, i));
  for (let i = 0; i < lanes.length; i++) {
    const s = lanes[i]!;
    const b = got[i]!;
    let ok: boolean;
    if (lt === 'f32' && s.startsWith('nan:')) ok = s === 'nan:canonical' ? (b & 0x7fffffffn) === 0x7fc00000n : (b & 0x7fc00000n) === 0x7fc00000n;
    else if (lt === 'f64' && s.startsWith('nan:')) ok = s === 'nan:canonical' ? (b & 0x7fffffffffffffffn) === 0x7ff8000000000000n : (b & 0x7ff8000000000000n) === 0x7ff8000000000000n;
    else ok = b === BigInt.asUintN(w * 8, BigInt(s));
    if (!ok) return `expected v128 ${lt} [${lanes.join(' ')}], got [${got.join(' ')}]`;
  }
  return undefined;
}
interface Action {
  type: 'invoke' | 'get';
  module?: string;
  field: string;
  args?: SpecValue[];
}
interface Command {
  type: string;
  line: number;
  filename?: string;
  name?: string;
  as?: string;
  /** module_instance: the new instance's name and the defined module's */
  instance?: string;
  module?: string;
  module_type?: string;
  action?: Action;
  expected?: SpecValue[];
  text?: string;
}

export interface ScriptResult {
  passed: number;
  failed: string[];
  notApplicable: number;
}

const externs = new Map<number, object>();
/** `ref.extern N` of the suite: one stable object per N */
function externRef(n: number): object {
  let o = externs.get(n);
  if (!o) {
    o = { externref: n };
    externs.set(n, o);
  }
  return o;
}

function rawArg(v: SpecValue): unknown {
  const s = v.value as string;
  switch (v.type) {
    case 'i32':
      return Number(BigInt.asIntN(32, BigInt(s)));
    case 'i64':
      return BigInt.asIntN(64, BigInt(s));
    case 'f32':
      return Number(s) >>> 0;
    case 'f64':
      return BigInt.asUintN(64, BigInt(s));
    case 'externref':
    case 'anyref':
      // `ref.host N` as anyref is the same host value as `ref.extern N` (any.convert_extern)
      return s === 'null' ? null : externRef(Number(s));
    case 'funcref':
      return s === 'null' ? null : s;
    case 'v128':
      return v128FromLanes(v);
    default:
      if (s === 'null') return null;
      throw new Error(`unsupported value type ${v.type}`);
  }
}

function f32FromBits(b: number): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, b, true);
  return dv.getFloat32(0, true);
}
function f64FromBits(b: bigint): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, b, true);
  return dv.getFloat64(0, true);
}
function f32Bits(x: number): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setFloat32(0, x, true);
  return dv.getUint32(0, true);
}
function f64Bits(x: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x, true);
  return dv.getBigUint64(0, true);
}

/** Compare a raw result with the expectation; returns an error text or undefined. */
function check(expected: SpecValue, actual: unknown): string | undefined {
  const s = expected.value as string;
  const show = () => `expected ${expected.type} ${s}, got ${String(actual)}`;
  switch (expected.type) {
    case 'i32':
      return (actual as number) === Number(BigInt.asIntN(32, BigInt(s))) ? undefined : show();
    case 'i64':
      return actual === BigInt.asIntN(64, BigInt(s)) ? undefined : show();
    case 'f32': {
      const b = actual as number;
      if (s === 'nan:canonical') return (b & 0x7fffffff) === 0x7fc00000 ? undefined : show();
      if (s === 'nan:arithmetic') return (b & 0x7fc00000) === 0x7fc00000 ? undefined : show();
      return b === Number(s) >>> 0 ? undefined : show();
    }
    case 'f64': {
      const b = actual as bigint;
      const mask = 0x7fffffffffffffffn;
      if (s === 'nan:canonical') return (b & mask) === 0x7ff8000000000000n ? undefined : show();
      if (s === 'nan:arithmetic') return (b & 0x7ff8000000000000n) === 0x7ff8000000000000n ? undefined : show();
      return b === BigInt(s) ? undefined : show();
    }
    case 'externref':
      if (s === 'null') return actual === null ? undefined : show();
      // 3.0 format without a value: any non-null externref (e.g. an externalized GC object)
      if (s === undefined) return actual !== null && actual !== undefined ? undefined : show();
      return actual === externRef(Number(s)) ? undefined : show();
    case 'funcref':
      if (s === 'null') return actual === null ? undefined : show();
      return actual !== null && actual !== undefined ? undefined : show();
    case 'refnull':
      // 3.0 format: `(ref.null)`, a null of any reference type
      return actual === null ? undefined : show();
    case 'v128':
      return checkV128(expected, actual);
    case 'either': {
      // relaxed SIMD: any one of the listed results
      const alts = (expected as unknown as { values: SpecValue[] }).values;
      const errs = alts.map((v) => check(v, actual));
      return errs.some((x) => x === undefined) ? undefined : `none of ${alts.length} allowed results: ${errs.join(' | ')}`;
    }
    case 'anyref':
      if (s === 'null') return actual === null ? undefined : show();
      if (s !== undefined) return actual === externRef(Number(s)) ? undefined : show();
      return actual !== null && actual !== undefined ? undefined : show();
    // GC: a result of the kind (through the JS API an i31 is a number)
    case 'eqref':
      if (s === 'null') return actual === null ? undefined : show();
      return actual instanceof I31 || typeof actual === 'number' || actual instanceof GcStruct || actual instanceof GcArray ? undefined : show();
    case 'i31ref':
      if (s === 'null') return actual === null ? undefined : show();
      return actual instanceof I31 || typeof actual === 'number' ? undefined : show();
    case 'structref':
      if (s === 'null') return actual === null ? undefined : show();
      return actual instanceof GcStruct ? undefined : show();
    case 'arrayref':
      if (s === 'null') return actual === null ? undefined : show();
      return actual instanceof GcArray ? undefined : show();
    case 'nullref':
    case 'nullfuncref':
    case 'nullexternref':
    case 'exnref':
    case 'nullexnref':
      if (s === 'null') return actual === null ? undefined : show();
      return actual !== null && actual !== undefined ? undefined : show();
    default:
      return `unsupported expected type ${expected.type}`;
  }
}

// ---- adapters ---------------------------------------------------------------------------------

interface Adapter {
  /** compile + instantiate with imports from the registry */
  load(bytes: Uint8Array, registry: Map<string, unknown>): unknown;
  compileOnly(bytes: Uint8Array): unknown;
  instantiateOnly(mod: unknown, registry: Map<string, unknown>): unknown;
  /** returns raw results, or 'n/a' when this layer cannot carry the values */
  invoke(inst: unknown, field: string, args: SpecValue[], expected: SpecValue[] | undefined): unknown[] | 'n/a';
  get(inst: unknown, field: string): unknown;
  spectest(): unknown;
}

function rawAdapter(metering: boolean, features: Partial<Features> | undefined, tier: Tier | undefined): Adapter {
  const store = new Store({ metering, tier });
  const resolve = (mod: ReturnType<typeof compile>, registry: Map<string, unknown>): ExternVal[] =>
    mod.info.imports.map((imp) => {
      const exp = registry.get(imp.module) as Map<string, ExternVal> | undefined;
      const ext = exp?.get(imp.name);
      if (!ext) throw new LinkError(`unknown import "${imp.module}" "${imp.name}"`);
      return ext;
    });
  return {
    load(bytes, registry) {
      const mod = compile(bytes, { features });
      return instantiate(store, mod, resolve(mod, registry));
    },
    compileOnly: (bytes) => compile(bytes, { features }),
    instantiateOnly: (mod, registry) => instantiate(store, mod as ReturnType<typeof compile>, resolve(mod as ReturnType<typeof compile>, registry)),
    invoke(inst, field, args) {
      const ext = (inst as Instance).exports.get(field);
      if (!ext || ext.kind !== 'func') throw new Error(`no exported function ${field}`);
      return invokeRaw(store, ext.value, args.map(rawArg));
    },
    get(inst, field) {
      const ext = (inst as Instance).exports.get(field);
      if (!ext || ext.kind !== 'global') throw new Error(`no exported global ${field}`);
      return readGlobalRaw(ext.value);
    },
    spectest() {
      const m = new Map<string, ExternVal>();
      const host = (params: ValType[]) => new FuncInst({ params, results: [] }, null, null, () => undefined, -1);
      m.set('print', { kind: 'func', value: host([]) });
      m.set('print_i32', { kind: 'func', value: host([ValType.I32]) });
      m.set('print_i64', { kind: 'func', value: host([ValType.I64]) });
      m.set('print_f32', { kind: 'func', value: host([ValType.F32]) });
      m.set('print_f64', { kind: 'func', value: host([ValType.F64]) });
      m.set('print_i32_f32', { kind: 'func', value: host([ValType.I32, ValType.F32]) });
      m.set('print_f64_f64', { kind: 'func', value: host([ValType.F64, ValType.F64]) });
      const g = (t: ValType, set: (g: GlobalInst) => void) => {
        const gi = new GlobalInst({ type: t, mutable: false });
        set(gi);
        return gi;
      };
      m.set('global_i32', { kind: 'global', value: g(ValType.I32, (x) => (x.i32[0] = 666)) });
      m.set('global_i64', { kind: 'global', value: g(ValType.I64, (x) => (x.i64[0] = 666n)) });
      m.set('global_f32', { kind: 'global', value: g(ValType.F32, (x) => (x.f32[0] = 666.6)) });
      m.set('global_f64', { kind: 'global', value: g(ValType.F64, (x) => (x.f64[0] = 666.6)) });
      m.set('table', { kind: 'table', value: new TableInst(ValType.FuncRef, 10, 20) });
      m.set('table64', { kind: 'table', value: new TableInst(ValType.FuncRef, 10, 20, null, 10_000_000, true) });
      m.set('memory', { kind: 'memory', value: new MemoryInst(1, 2) });
      return m;
    },
  };
}

/** true when a JS number cannot carry this f32/f64 value's exact bits (a NaN) */
function needsBits(v: SpecValue): boolean {
  if ((v.type !== 'f32' && v.type !== 'f64') || v.value === undefined) return false;
  const s = v.value as string;
  if (s.startsWith('nan:')) return false; // class checks survive JS numbers
  return v.type === 'f32' ? Number.isNaN(f32FromBits(Number(s) >>> 0)) : Number.isNaN(f64FromBits(BigInt(s)));
}

function jsAdapter(): Adapter {
  const jsArg = (v: SpecValue): unknown => {
    const s = v.value as string;
    switch (v.type) {
      case 'i32':
        return Number(BigInt.asIntN(32, BigInt(s)));
      case 'i64':
        return BigInt.asIntN(64, BigInt(s));
      case 'f32':
        return f32FromBits(Number(s) >>> 0);
      case 'f64':
        return f64FromBits(BigInt(s));
      case 'externref':
      case 'anyref':
        return s === 'null' ? null : externRef(Number(s));
      case 'funcref':
        return null;
      default:
        if (s === 'null') return null;
        throw new Error(`unsupported ${v.type}`);
    }
  };
  const toRaw = (t: string | undefined, x: unknown): unknown => {
    if (t === 'f32') return f32Bits(x as number);
    if (t === 'f64') return f64Bits(x as number);
    return x;
  };
  const imports = (registry: Map<string, unknown>) => Object.fromEntries(registry) as Record<string, Record<string, unknown>>;
  return {
    load(bytes, registry) {
      const mod = new WA.Module(bytes);
      return new WA.Instance(mod, imports(registry));
    },
    compileOnly: (bytes) => new WA.Module(bytes),
    instantiateOnly: (mod, registry) => new WA.Instance(mod as InstanceType<typeof WA.Module>, imports(registry)),
    invoke(inst, field, args, expected) {
      const f = (inst as InstanceType<typeof WA.Instance>).exports[field] as (...a: unknown[]) => unknown;
      // the JS API: calling a function whose type has a v128 is a TypeError before it runs; the
      // command's own expectation does not apply at this layer (the native run checks it)
      const ft = funcOfExported.get(f)?.type;
      if (ft && [...ft.params, ...ft.results].includes(ValType.V128)) {
        try {
          f(...args.map(() => undefined));
        } catch (e) {
          if (e instanceof TypeError) return 'n/a';
          throw new Error(`${field}: a v128 signature must be a TypeError at the JS boundary, got ${(e as Error).message}`);
        }
        throw new Error(`${field}: a v128 signature must be a TypeError at the JS boundary, the call ran`);
      }
      // exnref cannot cross to or from JS: a TypeError (when the value crosses), not this layer's test
      if (ft && [...ft.params, ...ft.results].some((t: number) => t === 0x69 || t === 0x74 || t === 0x169 || t === 0x174)) {
        try {
          f(...args.map(jsArg));
        } catch (e) {
          if (e instanceof TypeError) return 'n/a';
          throw e;
        }
        if (ft.params.length + ft.results.length > 0) throw new Error(`${field}: an exnref signature must be a TypeError at the JS boundary, the call returned`);
      }
      if (args.some(needsBits) || (expected ?? []).some(needsBits)) return 'n/a';
      const r = f(...args.map(jsArg));
      const n = expected?.length ?? 0;
      const list = n === 0 ? [] : n === 1 ? [r] : [...(r as unknown[])];
      return list.map((x, i) => toRaw(expected?.[i]?.type, x));
    },
    get(inst, field) {
      const g = (inst as InstanceType<typeof WA.Instance>).exports[field] as InstanceType<typeof WA.Global>;
      return g.value;
    },
    spectest() {
      const print = () => undefined;
      return {
        print,
        print_i32: print,
        print_i64: print,
        print_f32: print,
        print_f64: print,
        print_i32_f32: print,
        print_f64_f64: print,
        global_i32: new WA.Global({ value: 'i32' }, 666),
        global_i64: new WA.Global({ value: 'i64' }, 666n),
        global_f32: new WA.Global({ value: 'f32' }, 666.6),
        global_f64: new WA.Global({ value: 'f64' }, 666.6),
        table: new WA.Table({ element: 'anyfunc', initial: 10, maximum: 20 }),
        table64: new WA.Table({ element: 'anyfunc', address: 'i64', initial: 10n, maximum: 20n }),
        memory: new WA.Memory({ initial: 1, maximum: 2 }),
      };
    },
  };
}

// ---- the script runner ---------------------------------------------------------------------------

function errorKind(e: unknown): 'compile' | 'link' | 'trap' | 'other' {
  if (e instanceof CompileError || e instanceof WA.CompileError) return 'compile';
  if (e instanceof LinkError || e instanceof WA.LinkError) return 'link';
  if (e instanceof Trap || e instanceof WA.RuntimeError) return 'trap';
  return 'other';
}

/** the spec's text may carry detail after our message ("uninitialized element 2") */
function trapTextMatches(e: Error, text: string): boolean {
  const first = e.message.split('\n')[0]!;
  return first.includes(text) || text.startsWith(first);
}

function trapCode(e: unknown): TrapCode | undefined {
  if (e instanceof Trap) return e.trap;
  const c = (e as { cause?: unknown }).cause;
  if (c instanceof Trap) return c.trap;
  return undefined;
}

export interface RunOptions {
  /** features for the native API's compile (the drop-in JS API always has the defaults) */
  readonly features?: Partial<Features>;
  /** `file:line` of commands that do not apply (counted as not applicable), e.g. SUPERSEDED_BY_3_0 */
  readonly skip?: ReadonlySet<string>;
  /** the native API's execution tier (the test must have loaded core/compiled for 'compiled'/'auto') */
  readonly tier?: Tier;
}

/**
 * Assertions of the 2.0 suite that 3.0 reverses. With extended constants a constant expression
 * may read any earlier immutable global, so the "unknown global" modules are valid; with multiple
 * memories a second memory is allowed and a memory index is a LEB128 number, so a long-encoded 0
 * is no longer "zero byte expected". The native API runs the 2.0 suite with WASM_2_0_FEATURES and
 * passes them; the JS API has 3.0's defaults.
 */
export const SUPERSEDED_BY_3_0: ReadonlySet<string> = new Set([
  ...['data.json:85', 'data.json:89', 'elem.json:152', 'elem.json:156', 'global.json:352', 'global.json:356'],
  ...[877, 897, 916, 935, 974, 993, 1011, 1029].map((l) => `binary.json:${l}`),
  ...['imports.json:483', 'imports.json:487', 'imports.json:491', 'memory.json:10', 'memory.json:11'],
]);

export function runScript(dir: string, file: string, mode: 'raw' | 'js' | 'metered', opts: RunOptions = {}): ScriptResult {
  const script = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { commands: Command[] };
  const ad = mode === 'js' ? jsAdapter() : rawAdapter(mode === 'metered', opts.features, opts.tier);
  const registry = new Map<string, unknown>();
  registry.set('spectest', ad.spectest());
  const named = new Map<string, unknown>();
  const defined = new Map<string, unknown>();
  let lastDefined: unknown;
  let current: unknown;
  const res: ScriptResult = { passed: 0, failed: [], notApplicable: 0 };
  const exportsOf = (inst: unknown): unknown => {
    if (mode !== 'js') return (inst as Instance).exports;
    return (inst as InstanceType<typeof WA.Instance>).exports;
  };
  const bytesOf = (c: Command) => new Uint8Array(readFileSync(join(dir, c.filename!)));
  const fail = (c: Command, msg: string) => res.failed.push(`${file}:${c.line} ${c.type}: ${msg}`);
  const target = (a: Action) => (a.module ? named.get(a.module) : current);
  const doAction = (a: Action, expected?: SpecValue[]): unknown[] | 'n/a' => {
    const inst = target(a);
    if (a.type === 'invoke') return ad.invoke(inst, a.field, a.args ?? [], expected);
    if (mode === 'js' && expected?.[0]?.type === 'v128') {
      // a v128 global's value is a TypeError through the JS API
      try {
        ad.get(inst, a.field);
      } catch (e) {
        if (e instanceof TypeError) return 'n/a';
        throw e;
      }
      throw new Error(`${a.field}: a v128 global's value must be a TypeError through the JS API`);
    }
    const v = ad.get(inst, a.field);
    if (mode === 'js' && expected?.[0]) {
      if (needsBits(expected[0])) return 'n/a';
      if (expected[0].type === 'f32') return [f32Bits(v as number)];
      if (expected[0].type === 'f64') return [f64Bits(v as number)];
    }
    return [v];
  };

  for (const c of script.commands) {
    if (opts.skip?.has(`${file}:${c.line}`)) {
      res.notApplicable++;
      continue;
    }
    try {
      switch (c.type) {
        case 'module': {
          current = ad.load(bytesOf(c), registry);
          if (c.name) named.set(c.name, current);
          res.passed++;
          break;
        }
        case 'module_definition': {
          // 3.0 format: decode and validate, instantiate later (module_instance) or never
          const m = ad.compileOnly(bytesOf(c));
          lastDefined = m;
          if (c.name) defined.set(c.name, m);
          res.passed++;
          break;
        }
        case 'module_instance': {
          const m = c.module ? defined.get(c.module) : lastDefined;
          if (m === undefined) throw new Error(`module_instance: no module definition ${c.module ?? ''}`);
          current = ad.instantiateOnly(m, registry);
          if (c.instance) named.set(c.instance, current);
          res.passed++;
          break;
        }
        case 'register': {
          const inst = c.name ? named.get(c.name) : current;
          registry.set(c.as!, exportsOf(inst));
          res.passed++;
          break;
        }
        case 'action': {
          doAction(c.action!, c.expected);
          res.passed++;
          break;
        }
        case 'assert_return': {
          const got = doAction(c.action!, c.expected);
          if (got === 'n/a') {
            res.notApplicable++;
            break;
          }
          const exp = c.expected ?? [];
          if (got.length !== exp.length) {
            fail(c, `expected ${exp.length} results, got ${got.length}`);
            break;
          }
          const errs = exp.map((e, i) => check(e, got[i])).filter((x) => x !== undefined);
          if (errs.length) fail(c, `${c.action!.field}: ${errs.join('; ')}`);
          else res.passed++;
          break;
        }
        case 'assert_trap':
        case 'assert_exhaustion': {
          try {
            if (c.action) {
              const r = doAction(c.action!, c.expected);
              if (r === 'n/a') {
                res.notApplicable++;
                break;
              }
            } else ad.load(bytesOf(c), registry);
            fail(c, `expected trap "${c.text}", none happened`);
          } catch (e) {
            const k = errorKind(e);
            if (k !== 'trap') fail(c, `expected trap "${c.text}", got ${k}: ${(e as Error).message}`);
            else if (!trapTextMatches(e as Error, c.text!)) fail(c, `expected trap "${c.text}", got "${(e as Error).message}"`);
            else if (c.type === 'assert_exhaustion' && mode !== 'js' && trapCode(e) !== TrapCode.CallStackExhausted) fail(c, 'expected exhaustion');
            else res.passed++;
          }
          break;
        }
        case 'assert_exception': {
          // a Wasm exception escapes: WasmException natively, WebAssembly.Exception through the JS API
          try {
            const r = doAction(c.action!, c.expected);
            if (r === 'n/a') {
              res.notApplicable++;
              break;
            }
            fail(c, 'expected an exception, none happened');
          } catch (e) {
            if (mode === 'js' ? e instanceof WA.Exception : e instanceof WasmException) res.passed++;
            else fail(c, `expected an exception, got ${errorKind(e)}: ${(e as Error).message}`);
          }
          break;
        }
        case 'assert_invalid':
        case 'assert_malformed': {
          if (c.module_type && c.module_type !== 'binary') {
            res.notApplicable++;
            break;
          }
          try {
            ad.compileOnly(bytesOf(c));
            fail(c, `expected compile error "${c.text}", module compiled`);
          } catch (e) {
            if (errorKind(e) === 'compile') res.passed++;
            else fail(c, `expected compile error "${c.text}", got ${(e as Error).stack}`);
          }
          break;
        }
        case 'assert_unlinkable': {
          try {
            const m = ad.compileOnly(bytesOf(c));
            ad.instantiateOnly(m, registry);
            fail(c, `expected link error "${c.text}", instantiated`);
          } catch (e) {
            if (errorKind(e) === 'link') res.passed++;
            else fail(c, `expected link error "${c.text}", got ${errorKind(e)}: ${(e as Error).message}`);
          }
          break;
        }
        case 'assert_uninstantiable': {
          try {
            const m = ad.compileOnly(bytesOf(c));
            ad.instantiateOnly(m, registry);
            fail(c, `expected instantiation trap "${c.text}", instantiated`);
          } catch (e) {
            if (errorKind(e) === 'trap') res.passed++;
            else fail(c, `expected trap "${c.text}", got ${errorKind(e)}: ${(e as Error).message}`);
          }
          break;
        }
        default:
          fail(c, `unknown command type`);
      }
    } catch (e) {
      fail(c, `unexpected ${(e as Error)?.stack ?? String(e)}`.slice(0, 600));
    }
  }
  return res;
}
