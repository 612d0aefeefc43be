/**
 * One proxy-wasm VM: a module instance in a Store of its own, linked leniently (only what the
 * module imports, each import given the type the module declares), with the callbacks it exports
 * resolved once. Every top-level callback runs under the plugin's limits (fuel per callback,
 * memory budget, call depth); a trap, an AssemblyScript abort or a WASI proc_exit fails the VM,
 * is logged with the filter name and Wasm backtrace, and the caller gets FAILED instead of a
 * result. Hostcalls never re-enter the module except to allocate memory for data they return.
 *
 * The VM tracks its contexts (root and stream) by id, the context the current callback runs in
 * and the effective context set by proxy_set_effective_context.
 */
import { compile, ExternKind, FuncInst, instantiate, Store, Trap, ValType, type CompiledModule, type ExternVal, type FuncType, type Instance, type MemoryInst } from '../../core/index.js';
import { AbiError, detectAbi, LogLevel, Status, type AbiVersion } from './abi.js';
import { FAILED, GuestAbort, ProcExit, type HostDef, type StreamContextHost, type VmContext } from './context.js';
import type { VmLimits } from './config.js';
import type { HttpCallResponse, ProxyEnv } from './env.js';
import type { FilterStats } from './filter-stats.js';
import type { GrpcReceived, VmGrpc } from './grpc-calls.js';
import { writeLatin1, writeU32 } from './headers.js';

/** Host functions by import module and name (imports.ts has proxy-wasm's). */
export type HostModules = ReadonlyMap<string, ReadonlyMap<string, HostDef>>;

/** Call options for exact (raw) values, shared by every call. */
const RAW = Object.freeze({ raw: true });
/**
 * Argument arrays by length, reused by every top-level callback (callbacks never nest, and the
 * engine copies arguments onto its own stack before anything runs).
 */
const ARGV: number[][] = [[], [0], [0, 0], [0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0, 0]];

export type { VmLimits } from './config.js';

export const DEFAULT_VM_LIMITS: Required<VmLimits> = {
  fuelPerCallback: 50_000_000,
  maxMemoryBytes: 32 << 20,
  maxCallDepth: 2000,
  maxStackBytes: 1 << 20,
  tier: 'interpreter',
};

/** What the VM needs from the plugin that owns it (root-context level state). */
export interface RootHost {
  /** filter (plugin) name, for logs */
  readonly name: string;
  readonly rootId: string;
  readonly vmId: string;
  readonly env: ProxyEnv;
  readonly vmConfiguration: Uint8Array;
  readonly pluginConfiguration: Uint8Array;
  readonly envVars: Readonly<Record<string, string>>;
  setTickPeriod(vm: WasmVm, ms: number): void;
  /** a plugin-level property (plugin_name, plugin_root_id, …), or undefined */
  rootProperty(path: readonly string[]): Uint8Array | undefined;
  /** an outgoing http_call finished (or failed: null) */
  httpCallDone(vm: WasmVm, token: number, res: HttpCallResponse | null): void;
  /** data was enqueued on a queue this root registered */
  queueReady(vm: WasmVm, token: number): void;
  /** proxy_done from the root context */
  rootDone(vm: WasmVm): void;
  /**
   * Run a root-context callback (gRPC answers) with (root id, a1, a2), `prepare` just before it,
   * under the failure policy; false when `vm` is no longer the live VM (nothing was run).
   */
  rootCallback(vm: WasmVm, name: string, f: FuncInst | undefined, a1: number, a2: number, prepare: () => void): boolean;
  /** where each top-level callback's latency and fuel are counted (optional) */
  readonly stats?: FilterStats;
}

/**
 * Contexts by id. Ids are handed out sequentially, so a table indexed by `id & (size - 1)` holds
 * nearly every context in a slot of its own and a lookup is one probe; when a new id lands on a
 * live one (a context that outlived `size` newer ones, such as the root) the table doubles, which
 * never makes two live ids collide, and past MAX_DIRECT slots the newcomer goes to an overflow
 * Map. Every operation is O(1) and allocation-free in the common case: a Map churned by one
 * insert and one delete per request made V8 promote whole request object graphs to the old
 * generation (major GCs several times a second under load), and linear probing over sequential
 * ids formed one probe run as long as the number of streams in flight, walked by every delete.
 */
export class ContextTable {
  private ids = new Int32Array(64);
  private vals: (VmContext | undefined)[] = new Array<VmContext | undefined>(64).fill(undefined);
  private readonly overflow = new Map<number, VmContext>();
  size = 0;

  get(id: number): VmContext | undefined {
    if (id <= 0) return undefined;
    const i = id & (this.ids.length - 1);
    if (this.ids[i] === id) return this.vals[i];
    return this.overflow.size > 0 ? this.overflow.get(id) : undefined;
  }
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }
  set(id: number, ctx: VmContext): void {
    if (this.overflow.size > 0 && this.overflow.has(id)) {
      this.overflow.set(id, ctx);
      return;
    }
    for (;;) {
      const i = id & (this.ids.length - 1);
      const k = this.ids[i]!;
      if (k === 0 || k === id) {
        if (k === 0) this.size++;
        this.ids[i] = id;
        this.vals[i] = ctx;
        return;
      }
      if (this.ids.length >= MAX_DIRECT) {
        this.overflow.set(id, ctx);
        this.size++;
        return;
      }
      this.grow();
    }
  }
  delete(id: number): boolean {
    if (id <= 0) return false;
    const i = id & (this.ids.length - 1);
    if (this.ids[i] === id) {
      this.ids[i] = 0;
      this.vals[i] = undefined;
      this.size--;
      return true;
    }
    if (this.overflow.size > 0 && this.overflow.delete(id)) {
      this.size--;
      return true;
    }
    return false;
  }
  *values(): IterableIterator<VmContext> {
    const vals = this.vals.slice();
    for (const v of vals) if (v !== undefined) yield v;
    yield* [...this.overflow.values()];
  }
  /** Double the table: ids distinct modulo n stay distinct modulo 2n, so nothing collides. */
  private grow(): void {
    const ids = this.ids;
    const vals = this.vals;
    const n = ids.length * 2;
    this.ids = new Int32Array(n);
    this.vals = new Array<VmContext | undefined>(n).fill(undefined);
    for (let i = 0; i < ids.length; i++) {
      const k = ids[i]!;
      if (k !== 0) {
        this.ids[k & (n - 1)] = k;
        this.vals[k & (n - 1)] = vals[i];
      }
    }
  }
}

/** Largest direct-mapped context table; beyond it colliding contexts go to an overflow Map. */
const MAX_DIRECT = 4096;

/** The export names of the callbacks, resolved once per VM. */
interface Callbacks {
  contextCreate?: FuncInst;
  vmStart?: FuncInst;
  configure?: FuncInst;
  tick?: FuncInst;
  queueReady?: FuncInst;
  foreignFunction?: FuncInst;
  requestHeaders?: FuncInst;
  requestBody?: FuncInst;
  requestTrailers?: FuncInst;
  responseHeaders?: FuncInst;
  responseBody?: FuncInst;
  responseTrailers?: FuncInst;
  httpCallResponse?: FuncInst;
  grpcInitialMetadata?: FuncInst;
  grpcReceive?: FuncInst;
  grpcTrailingMetadata?: FuncInst;
  grpcClose?: FuncInst;
  // network (L4) filters: see network.ts
  newConnection?: FuncInst;
  downstreamData?: FuncInst;
  upstreamData?: FuncInst;
  downstreamClose?: FuncInst;
  upstreamClose?: FuncInst;
  done?: FuncInst;
  log?: FuncInst;
  delete?: FuncInst;
  malloc?: FuncInst;
}

const CALLBACK_EXPORTS: readonly [keyof Callbacks, string][] = [
  ['contextCreate', 'proxy_on_context_create'],
  ['vmStart', 'proxy_on_vm_start'],
  ['configure', 'proxy_on_configure'],
  ['tick', 'proxy_on_tick'],
  ['queueReady', 'proxy_on_queue_ready'],
  ['foreignFunction', 'proxy_on_foreign_function'],
  ['requestHeaders', 'proxy_on_request_headers'],
  ['requestBody', 'proxy_on_request_body'],
  ['requestTrailers', 'proxy_on_request_trailers'],
  ['responseHeaders', 'proxy_on_response_headers'],
  ['responseBody', 'proxy_on_response_body'],
  ['responseTrailers', 'proxy_on_response_trailers'],
  ['httpCallResponse', 'proxy_on_http_call_response'],
  ['grpcInitialMetadata', 'proxy_on_grpc_receive_initial_metadata'],
  ['grpcReceive', 'proxy_on_grpc_receive'],
  ['grpcTrailingMetadata', 'proxy_on_grpc_receive_trailing_metadata'],
  ['grpcClose', 'proxy_on_grpc_close'],
  ['newConnection', 'proxy_on_new_connection'],
  ['downstreamData', 'proxy_on_downstream_data'],
  ['upstreamData', 'proxy_on_upstream_data'],
  ['downstreamClose', 'proxy_on_downstream_connection_close'],
  ['upstreamClose', 'proxy_on_upstream_connection_close'],
  ['done', 'proxy_on_done'],
  ['log', 'proxy_on_log'],
  ['delete', 'proxy_on_delete'],
];

/** A compiled filter module with its detected ABI (compile once, instantiate per VM). */
export interface FilterModule {
  readonly module: CompiledModule;
  readonly abi: AbiVersion;
}

export function compileFilter(bytes: Uint8Array): FilterModule {
  const module = compile(bytes);
  return { module, abi: detectAbi(module.info) };
}

export class WasmVm {
  readonly store: Store;
  readonly instance: Instance;
  readonly abi: AbiVersion;
  readonly cb: Callbacks = {};
  /** why the VM failed, once it has */
  failed: Error | undefined;
  /** imports that were linked to stubs (unknown to this host) */
  readonly unknownImports: string[] = [];

  readonly contexts = new ContextTable();
  /** context of the running callback */
  current: VmContext | null = null;
  /** set by proxy_set_effective_context during a callback */
  effective: VmContext | null = null;
  /** the http-call response visible during proxy_on_http_call_response */
  callResponse: HttpCallResponse | null = null;
  /** status reported by proxy_get_status */
  lastStatus: { code: number; message: string } = { code: 0, message: '' };
  /** what the running gRPC callback can read (buffer, metadata) */
  grpcReceived: GrpcReceived | null = null;
  /** outstanding gRPC calls and streams (grpc.ts), made on first use */
  grpc: VmGrpc | undefined;
  /** outstanding http_call tokens → the context that dispatched them */
  readonly httpCalls = new Map<number, number>();
  /** queue tokens this VM's root registered */
  readonly queues = new Set<number>();
  rootId = 0;
  /** a throwaway VM that only checks the configuration: no timers, no outgoing calls */
  canary = false;
  private nextContextId = 1;
  private readonly fuel: number | undefined;
  private callbackName = '';
  private inCallback = false;
  /** the name of the callback that failed the VM */
  failedIn = '';
  /** streams whose pending actions must run after the current callback (an array, reused) */
  readonly touched: StreamContextHost[] = [];

  constructor(
    readonly host: RootHost,
    filter: FilterModule,
    /** the host functions to link, given this VM (imports.ts: proxyWasmImports) */
    imports: (vm: WasmVm) => HostModules,
    limits: VmLimits = {},
  ) {
    const l = { ...DEFAULT_VM_LIMITS, ...stripUndefined(limits) };
    // 0 (or Infinity) means unmetered: the module is then translated without fuel checks
    this.fuel = l.fuelPerCallback > 0 && Number.isFinite(l.fuelPerCallback) ? l.fuelPerCallback : undefined;
    this.store = new Store({
      maxCallDepth: l.maxCallDepth,
      maxStackBytes: l.maxStackBytes,
      maxMemoryBytes: l.maxMemoryBytes,
      metering: this.fuel !== undefined,
      tier: l.tier,
    });
    this.abi = filter.abi;
    const info = filter.module.info;
    const modules = imports(this);
    const externs: ExternVal[] = info.imports.map((imp) => {
      const where = `${imp.module}.${imp.name}`;
      if (imp.desc.kind !== ExternKind.Func) {
        throw new AbiError(`filter "${host.name}" imports ${where}, a ${['func', 'table', 'memory', 'global'][imp.desc.kind]}: proxy-wasm hosts provide functions only`);
      }
      const type = info.types[imp.desc.typeIndex]!;
      const def = modules.get(imp.module)?.get(imp.name);
      const isWasi = imp.module === 'wasi_snapshot_preview1' || imp.module === 'wasi_unstable';
      return { kind: 'func', value: this.link(where, imp.name, type, def, isWasi) };
    });
    if (this.unknownImports.length) {
      host.env.logger.log(LogLevel.Warn, host.name, `imports unknown to this host, linked to stubs: ${this.unknownImports.join(', ')}`);
    }
    const fuel = this.fuel;
    if (fuel !== undefined) this.store.setFuel(fuel);
    this.instance = instantiate(this.store, filter.module, externs); // runs the start function
    for (const [key, name] of CALLBACK_EXPORTS) {
      const e = this.instance.exports.get(name);
      if (e?.kind === 'func') this.cb[key] = e.value;
    }
    const m = this.instance.exports.get('malloc') ?? this.instance.exports.get('proxy_on_memory_allocate');
    if (m?.kind === 'func') this.cb.malloc = m.value;
    const init = this.instance.exports.get('_initialize') ?? this.instance.exports.get('_start');
    if (init?.kind === 'func') {
      if (fuel !== undefined) this.store.setFuel(fuel);
      this.store.invokeRaw(init.value, []);
    }
  }

  /** Link one import: the host definition adapted to the declared type, or a stub. */
  private link(where: string, name: string, type: FuncType, def: HostDef | undefined, isWasi: boolean): FuncInst {
    const np = type.params.length;
    if (def && def.alt && np === def.alt.arity) def = def.alt;
    if (def && def.arity === np) {
      const fn = def.fn;
      // the engine hands i64 parameters over as bigint; hostcalls expecting numbers get converted
      const i64 = type.params.map((t, i) => t === ValType.I64 && !def!.bigint?.includes(i));
      const wrapped = i64.some(Boolean)
        ? (...args: unknown[]) => fn(...args.map((a, i) => (i64[i] ? Number(a) : a)))
        : fn;
      // (a function without results may return anything: the engine ignores the value)
      return new FuncInst(type, null, null, wrapped, -1);
    }
    this.unknownImports.push(def ? `${where} (unexpected signature)` : where);
    const results = type.results;
    const proxyish = name.startsWith('proxy_') && results.length === 1 && results[0] === ValType.I32;
    return new FuncInst(
      type,
      null,
      null,
      () => {
        if (isWasi) return 52; // ENOSYS
        if (proxyish) {
          this.host.env.logger.log(LogLevel.Debug, this.host.name, `call to unsupported hostcall ${where}: UNIMPLEMENTED`);
          return Status.Unimplemented;
        }
        throw new GuestAbort(`call to unknown import ${where}`);
      },
      -1,
    );
  }

  // ---- contexts -----------------------------------------------------------------------------

  /** Note that a hostcall asked something of stream `h` (applied after the callback). */
  touch(h: StreamContextHost): void {
    if (!this.touched.includes(h)) this.touched.push(h);
  }

  newContextId(): number {
    return this.nextContextId++;
  }

  /** the context hostcalls act on: the effective one if set, else the current one */
  ctx(): VmContext | null {
    return this.effective ?? this.current;
  }

  // ---- calls --------------------------------------------------------------------------------

  /**
   * Run one top-level callback in context `ctx` with i32 arguments `a0…a4` (as many as the
   * export declares: ABI 0.1.0 header callbacks take (context, headers) where 0.2.x adds
   * end_of_stream; missing ones are 0). Returns its i32 result as u32 (`dflt` for callbacks
   * without a result or not exported), or FAILED if the VM failed.
   *
   * Per request this runs about seven times per filter, so it allocates nothing: the argument
   * arrays are reused (the engine copies arguments onto its stack before running) and callbacks
   * of the ABI's shape, (i32*) -> (i32?), go through the engine's allocation-free callI32.
   */
  call(name: string, f: FuncInst | undefined, ctx: VmContext, dflt: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0): number {
    if (this.failed) return FAILED;
    if (!f) return dflt;
    if (this.inCallback) throw new Error(`internal: re-entrant callback ${name} during ${this.callbackName}`);
    this.inCallback = true;
    this.callbackName = name;
    this.current = ctx;
    this.effective = null;
    if (this.touched.length) this.touched.length = 0;
    const fuel = this.fuel;
    if (fuel !== undefined) this.store.setFuel(fuel);
    const np = f.type.params.length;
    const a = np < ARGV.length ? ARGV[np]! : new Array<number>(np).fill(0);
    switch (np > 5 ? 5 : np) {
      case 5:
        a[4] = a4;
      // falls through
      case 4:
        a[3] = a3;
      // falls through
      case 3:
        a[2] = a2;
      // falls through
      case 2:
        a[1] = a1;
      // falls through
      case 1:
        a[0] = a0;
    }
    const stats = this.canary ? undefined : this.host.stats;
    const t0 = stats?.timeNext ? performance.now() : -1;
    try {
      if (f.i32Only) {
        const r = this.store.callI32(f, a);
        return f.type.results.length ? r >>> 0 : dflt;
      }
      const r = this.store.call(f, a, RAW);
      return r.length ? (r[0] as number) >>> 0 : dflt;
    } catch (e) {
      this.fail(e, name);
      return FAILED;
    } finally {
      if (stats) stats.record(t0 >= 0 ? (performance.now() - t0) * 1000 : -1, fuel !== undefined ? fuel - this.store.getFuel() : 0);
      this.inCallback = false;
      this.current = null;
      this.effective = null;
      this.callResponse = null;
      this.grpcReceived = null;
    }
  }

  /** Mark the VM failed and log why, with the Wasm backtrace. */
  fail(e: unknown, where: string): void {
    if (this.failed) return;
    const err = e instanceof Error ? e : new Error(String(e));
    this.failed = err;
    this.failedIn = where;
    const kind = e instanceof Trap ? `wasm trap (${e.kind})` : e instanceof ProcExit || e instanceof GuestAbort ? e.name : `host error (${err.name})`;
    const text = e instanceof Trap || e instanceof ProcExit || e instanceof GuestAbort ? err.message : (err.stack ?? err.message);
    this.host.env.logger.log(LogLevel.Error, this.host.name, `${kind} in ${where}: ${text}`);
  }

  get memory(): MemoryInst {
    return this.instance.mem;
  }

  /** Allocate `size` bytes of guest memory through malloc / proxy_on_memory_allocate. 0 on failure. */
  alloc(size: number): number {
    const m = this.cb.malloc;
    if (!m) return 0;
    const a = this.allocArgs;
    a[0] = size | 0;
    if (m.i32Only && m.type.results.length === 1) return this.store.callI32(m, a) >>> 0;
    const r = this.store.call(m, a, RAW);
    return (r[0] as number) >>> 0;
  }
  /** the argument array of alloc (it runs inside a callback, so not one of ARGV) */
  private readonly allocArgs: number[] = [0];

  /** Whether [p, p + len) lies in guest memory. */
  inBounds(p: number, len: number): boolean {
    return p + len <= this.instance.mem.byteLength;
  }

  /**
   * A Buffer over guest memory's whole ArrayBuffer, made once (again only if growth replaced the
   * buffer): decoding strings through it needs no Buffer or view per hostcall. Callers check
   * ranges against `memory.byteLength`, not against this Buffer's length.
   */
  private memoryBuffer(): Buffer {
    const buf = this.instance.mem.buffer;
    let b = this.memBuf;
    if (b === undefined || b.buffer !== buf) b = this.memBuf = Buffer.from(buf);
    return b;
  }
  private memBuf: Buffer | undefined;

  /** Read guest bytes as a latin1 string (header names and values), or undefined if out of bounds. */
  readString(p: number, len: number): string | undefined {
    p >>>= 0;
    len >>>= 0;
    const mem = this.instance.mem;
    if (p + len > mem.byteLength) return undefined;
    const hit = this.latin1Cache.lookup(mem.u8, p, len);
    if (hit !== undefined) return hit;
    // Buffer's latin1 is true ISO-8859-1 (TextDecoder's "latin1" is windows-1252)
    const s = this.memoryBuffer().toString('latin1', p, p + len);
    if (len <= MAX_CACHED) this.latin1Cache.store(p, len, s);
    return s;
  }

  /** Read guest bytes as UTF-8 text, or undefined if out of bounds. */
  readUtf8(p: number, len: number): string | undefined {
    p >>>= 0;
    len >>>= 0;
    const mem = this.instance.mem;
    if (p + len > mem.byteLength) return undefined;
    const hit = this.asciiCache.lookup(mem.u8, p, len);
    if (hit !== undefined) return hit;
    const s = this.memoryBuffer().toString('utf8', p, p + len);
    // only ASCII text is cached: its characters are its bytes, so a hit's check is exact
    if (len <= MAX_CACHED && s.length === len) this.asciiCache.store(p, len, s);
    return s;
  }
  /** strings read lately (header names and values, shared-data keys): see StringCache */
  private readonly latin1Cache = new StringCache();
  private readonly asciiCache = new StringCache();

  /** Copy guest bytes out, or undefined if out of bounds. */
  readBytes(p: number, len: number): Buffer | undefined {
    p >>>= 0;
    len >>>= 0;
    if (p + len > this.instance.mem.byteLength) return undefined;
    const out = Buffer.allocUnsafe(len);
    this.memoryBuffer().copy(out, 0, p, p + len);
    return out;
  }

  writeU32(p: number, v: number): boolean {
    p >>>= 0;
    const mem = this.instance.mem;
    if (p + 4 > mem.byteLength) return false;
    writeU32(mem.u8, p, v >>> 0);
    return true;
  }

  writeU64(p: number, v: bigint): boolean {
    p >>>= 0;
    const mem = this.instance.mem;
    if (p + 8 > mem.byteLength) return false;
    mem.view.setBigUint64(p, BigInt.asUintN(64, v), true);
    return true;
  }

  /**
   * Return `len` bytes to the guest: allocate them in guest memory, let `fill` write them, then
   * store the pointer and size at `ptrPtr` / `sizePtr`. Every pointer is checked; a bad one gives
   * INVALID_MEMORY_ACCESS and nothing is written.
   */
  returnData(len: number, fill: (u8: Uint8Array, p: number) => void, ptrPtr: number, sizePtr: number): Status {
    const p = this.returnAlloc(len, ptrPtr, sizePtr);
    if (p < 0) return -p as Status;
    if (len > 0) fill(this.instance.mem.u8, p); // re-read: malloc may have grown memory
    return Status.Ok;
  }

  /**
   * The allocation step of returnData, for callers that write the data themselves (no closure
   * per call): the guest address to fill with `len` bytes (read `memory.u8` afresh: malloc may
   * have grown memory), 0 when `len` is 0 (nothing to write), or −status on failure.
   */
  returnAlloc(len: number, ptrPtr: number, sizePtr: number): number {
    ptrPtr >>>= 0;
    sizePtr >>>= 0;
    if (!this.inBounds(ptrPtr, 4) || !this.inBounds(sizePtr, 4)) return -Status.InvalidMemoryAccess;
    if (len === 0) {
      this.writeU32(ptrPtr, 0);
      this.writeU32(sizePtr, 0);
      return 0;
    }
    const p = this.alloc(len);
    if (p === 0 || !this.inBounds(p, len)) return -Status.InvalidMemoryAccess;
    this.writeU32(ptrPtr, p);
    this.writeU32(sizePtr, len);
    return p;
  }

  returnBytes(data: Uint8Array, ptrPtr: number, sizePtr: number): Status {
    const p = this.returnAlloc(data.length, ptrPtr, sizePtr);
    if (p < 0) return -p as Status;
    if (p > 0) this.instance.mem.u8.set(data, p);
    return Status.Ok;
  }

  /** returnData for a latin1 string (header values). */
  returnLatin1(s: string, ptrPtr: number, sizePtr: number): Status {
    const p = this.returnAlloc(s.length, ptrPtr, sizePtr);
    if (p < 0) return -p as Status;
    if (p > 0) writeLatin1(this.instance.mem.u8, p, s);
    return Status.Ok;
  }
}

/** Longest string a StringCache keeps. */
const MAX_CACHED = 64;
const CACHE_SLOTS = 64;

/**
 * The strings a filter passes per request are mostly the same bytes at the same address (names and
 * values encoded once at configure time): a direct-mapped cache by (address, length) returns the
 * string decoded last time when its characters still equal the bytes in memory, so no decode, no
 * allocation and a string V8 already hashed (header and shared-data lookups). The check compares
 * every byte, so a hit is exactly what decoding would give for latin1, and for UTF-8 as long as
 * only strings whose characters are their bytes (ASCII) are stored.
 */
class StringCache {
  private readonly ptrs = new Int32Array(CACHE_SLOTS);
  private readonly lens = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly strs: string[] = new Array<string>(CACHE_SLOTS).fill('');

  lookup(u8: Uint8Array, p: number, len: number): string | undefined {
    const i = slotOf(p, len);
    if (this.ptrs[i] !== p || this.lens[i] !== len) return undefined;
    const s = this.strs[i]!;
    for (let k = 0; k < len; k++) if (s.charCodeAt(k) !== u8[p + k]) return undefined;
    return s;
  }
  store(p: number, len: number, s: string): void {
    const i = slotOf(p, len);
    this.ptrs[i] = p;
    this.lens[i] = len;
    this.strs[i] = s;
  }
}

function slotOf(p: number, len: number): number {
  return ((p >>> 2) ^ (p >>> 8) ^ len) & (CACHE_SLOTS - 1);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
