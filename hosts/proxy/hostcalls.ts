/**
 * Every hostcall of proxy-wasm ABI 0.2.1 (plus the 0.1.0 ones it replaced), as Envoy implements
 * them, and the AssemblyScript `env` helpers (abort, seed, trace). Each takes the raw i32
 * arguments, checks every guest pointer and length (INVALID_MEMORY_ACCESS rather than an
 * exception), and acts on the context of the running callback or the effective context.
 *
 * Stream actions (continue, close, local response) are recorded on the stream and take effect
 * after the callback returns; nothing here calls back into the module except the allocator that
 * returned data needs. The gRPC hostcalls are in grpc.ts.
 */
import { BufferType, LogLevel, MapType, MetricType, Status, StreamType } from './abi.js';
import { decodeMap, type HeaderMap } from './headers.js';
import { GuestAbort, type HostDef, type StreamContext } from './context.js';
import { grpcHostcalls } from './grpc.js';
import type { WasmVm } from './vm.js';

const u = (x: number) => x >>> 0;
const EMPTY = new Uint8Array(0);

/** Header-map types a hostcall may name. */
function validMapType(t: number): boolean {
  return t >= MapType.HttpRequestHeaders && t <= MapType.HttpCallResponseTrailers;
}

export function hostcallTable(vm: WasmVm): Map<string, HostDef> {
  const host = vm.host;
  const env = host.env;
  const logger = env.logger;
  const name = host.name;

  /** the stream context hostcalls act on, or undefined in a root context */
  const stream = (): StreamContext | undefined => {
    const c = vm.ctx();
    return c?.kind === 'stream' ? c : undefined;
  };

  const getMap = (type: number): HeaderMap | undefined => {
    if (type === MapType.HttpCallResponseHeaders) return vm.callResponse?.headers;
    if (type === MapType.HttpCallResponseTrailers) return vm.callResponse?.trailers;
    if (type === MapType.GrpcReceiveInitialMetadata) return vm.grpcReceived?.initial;
    if (type === MapType.GrpcReceiveTrailingMetadata) return vm.grpcReceived?.trailing;
    return stream()?.host.map(type as MapType);
  };

  const writableMap = (type: number): HeaderMap | Status => {
    if (!validMapType(type)) return Status.BadArgument;
    const s = stream();
    if (type >= MapType.GrpcReceiveInitialMetadata) return getMap(type) ? Status.BadArgument : Status.NotFound;
    const m = s?.host.map(type as MapType);
    if (!m) return Status.NotFound;
    if (!s!.host.mapWritable(type as MapType)) return Status.BadArgument;
    return m;
  };

  const getBuffer = (type: number): { bytes?: Uint8Array; body?: import('./body.js').BodyBuffer; eos: boolean } | undefined => {
    switch (type) {
      case BufferType.VmConfiguration:
        return { bytes: host.vmConfiguration, eos: true };
      case BufferType.PluginConfiguration:
        return { bytes: host.pluginConfiguration, eos: true };
      case BufferType.HttpCallResponseBody:
        return vm.callResponse ? { bytes: vm.callResponse.body, eos: true } : undefined;
      case BufferType.GrpcReceiveBuffer:
        return vm.grpcReceived?.buffer ? { bytes: vm.grpcReceived.buffer, eos: true } : undefined;
      case BufferType.HttpRequestBody:
      case BufferType.HttpResponseBody:
      case BufferType.DownstreamData: // network filters (network.ts)
      case BufferType.UpstreamData: {
        const s = stream();
        const b = s?.host.body(type);
        return b ? { body: b, eos: s!.host.bodyEos(type) } : undefined;
      }
      default:
        return undefined;
    }
  };

  const defs: [string, HostDef][] = [];
  const def = (n: string, arity: number, fn: (...args: any[]) => unknown, extra: Partial<HostDef> = {}) => defs.push([n, { arity, fn, ...extra }]);

  // ---- logging, time, ticks -------------------------------------------------------------------

  def('proxy_log', 3, (level: number, p: number, len: number) => {
    const msg = vm.readUtf8(p, len);
    if (msg === undefined) return Status.InvalidMemoryAccess;
    const lv = Math.min(Math.max(level, LogLevel.Trace), LogLevel.Critical) as LogLevel;
    if (lv >= logger.level) logger.log(lv, name, msg);
    return Status.Ok;
  });
  def('proxy_get_log_level', 1, (p: number) => (vm.writeU32(p, logger.level) ? Status.Ok : Status.InvalidMemoryAccess));
  def('proxy_get_current_time_nanoseconds', 1, (p: number) => (vm.writeU64(p, env.scheduler.nowNs()) ? Status.Ok : Status.InvalidMemoryAccess));
  def('proxy_set_tick_period_milliseconds', 1, (ms: number) => {
    host.setTickPeriod(vm, u(ms));
    return Status.Ok;
  });

  // ---- configuration and buffers ---------------------------------------------------------------

  def('proxy_get_configuration', 2, (ptrPtr: number, sizePtr: number) => vm.returnBytes(host.pluginConfiguration, ptrPtr, sizePtr));

  const getBufferBytes = (type: number, start: number, length: number, ptrPtr: number, sizePtr: number) => {
    const b = getBuffer(type);
    if (!b) return Status.NotFound;
    start = u(start);
    length = u(length); // the Rust SDK asks for 0xFFFFFFFF: clamp, never overflow
    const size = b.bytes ? b.bytes.length : b.body!.length;
    if (start > size) start = size;
    if (length > size - start) length = size - start;
    // like proxy-wasm-cpp-host: nothing is written for an empty range (the solo SDK depends on
    // this when it passes its configuration size as the size out-pointer)
    if (length === 0) return Status.Ok;
    if (b.bytes) {
      const bytes = b.bytes;
      return vm.returnData(length, (u8, p) => u8.set(bytes.subarray(start, start + length), p), ptrPtr, sizePtr);
    }
    const body = b.body!;
    return vm.returnData(length, (u8, p) => body.copyTo(u8, p, start, length), ptrPtr, sizePtr);
  };
  const setBufferBytes = (type: number, start: number, length: number, p: number, len: number) => {
    if (type !== BufferType.HttpRequestBody && type !== BufferType.HttpResponseBody && type !== BufferType.DownstreamData && type !== BufferType.UpstreamData) {
      return getBuffer(type) ? Status.BadArgument : Status.NotFound;
    }
    const s = stream();
    const body = s?.host.body(type);
    if (!body) return Status.NotFound;
    if (!s!.host.bodyWritable(type)) return Status.BadArgument;
    const data = vm.readBytes(p, len);
    if (!data) return Status.InvalidMemoryAccess;
    start = u(start);
    // Envoy: start 0 replaces a prefix of `length` bytes; start ≥ size appends; others are refused
    if (start === 0) body.replacePrefix(u(length), data);
    else if (start >= body.length) body.push(data);
    else return Status.BadArgument;
    return Status.Ok;
  };
  def('proxy_get_buffer_bytes', 5, getBufferBytes);
  def('proxy_get_buffer_status', 3, (type: number, lenPtr: number, flagsPtr: number) => {
    const b = getBuffer(type);
    if (!b) return Status.NotFound;
    if (!vm.inBounds(u(lenPtr), 4) || !vm.inBounds(u(flagsPtr), 4)) return Status.InvalidMemoryAccess;
    vm.writeU32(lenPtr, b.bytes ? b.bytes.length : b.body!.length);
    vm.writeU32(flagsPtr, b.eos ? 1 : 0);
    return Status.Ok;
  }, {
    // @solo-io/proxy-runtime 0.1.8 declares proxy_set_buffer_bytes under this name with 5 params
    alt: { arity: 5, fn: setBufferBytes },
  });
  def('proxy_set_buffer_bytes', 5, setBufferBytes);

  // ---- header maps --------------------------------------------------------------------------------

  def('proxy_get_header_map_pairs', 3, (type: number, ptrPtr: number, sizePtr: number) => {
    if (!validMapType(type)) return Status.BadArgument;
    const m = getMap(type);
    if (!m) return Status.NotFound;
    return vm.returnData(m.encodedSize(), (u8, p) => m.encodeInto(u8, p), ptrPtr, sizePtr);
  });
  def('proxy_set_header_map_pairs', 3, (type: number, p: number, len: number) => {
    const m = writableMap(type);
    if (typeof m === 'number') return m;
    p = u(p);
    len = u(len);
    if (!vm.inBounds(p, len)) return Status.InvalidMemoryAccess;
    const next = decodeMap(vm.memory.u8, p, len);
    if (!next) return Status.BadArgument;
    m.replaceAll(next);
    return Status.Ok;
  });
  def('proxy_get_header_map_size', 2, (type: number, sizePtr: number) => {
    if (!validMapType(type)) return Status.BadArgument;
    const m = getMap(type);
    if (!m) return Status.NotFound;
    return vm.writeU32(sizePtr, m.byteSize()) ? Status.Ok : Status.InvalidMemoryAccess;
  });
  def('proxy_get_header_map_value', 5, (type: number, kp: number, kl: number, ptrPtr: number, sizePtr: number) => {
    if (!validMapType(type)) return Status.BadArgument;
    const key = vm.readString(kp, kl);
    if (key === undefined) return Status.InvalidMemoryAccess;
    const m = getMap(type);
    if (!m) return Status.NotFound;
    const v = m.get(key.toLowerCase());
    if (v === undefined) {
      // ABI 0.1.0 answered a missing key with an empty value
      if (vm.abi === '0.1.0') return vm.returnBytes(EMPTY, ptrPtr, sizePtr);
      return Status.NotFound;
    }
    return vm.returnLatin1(v, ptrPtr, sizePtr);
  });
  def('proxy_add_header_map_value', 5, (type: number, kp: number, kl: number, vp: number, vl: number) => {
    const m = writableMap(type);
    if (typeof m === 'number') return m;
    const k = vm.readString(kp, kl);
    const v = vm.readString(vp, vl);
    if (k === undefined || v === undefined) return Status.InvalidMemoryAccess;
    m.add(k, v);
    return Status.Ok;
  });
  def('proxy_replace_header_map_value', 5, (type: number, kp: number, kl: number, vp: number, vl: number) => {
    const m = writableMap(type);
    if (typeof m === 'number') return m;
    const k = vm.readString(kp, kl);
    const v = vm.readString(vp, vl);
    if (k === undefined || v === undefined) return Status.InvalidMemoryAccess;
    m.set(k, v);
    return Status.Ok;
  });
  def('proxy_remove_header_map_value', 3, (type: number, kp: number, kl: number) => {
    const m = writableMap(type);
    if (typeof m === 'number') return m;
    const k = vm.readString(kp, kl);
    if (k === undefined) return Status.InvalidMemoryAccess;
    m.remove(k);
    return Status.Ok;
  });

  // ---- properties ------------------------------------------------------------------------------------

  def('proxy_get_property', 4, (pp: number, pl: number, ptrPtr: number, sizePtr: number) => {
    const raw = vm.readUtf8(pp, pl);
    if (raw === undefined) return Status.InvalidMemoryAccess;
    const path = splitPath(raw);
    const v = host.rootProperty(path) ?? stream()?.host.property(path);
    if (v === undefined) return Status.NotFound;
    return vm.returnBytes(v, ptrPtr, sizePtr);
  });
  def('proxy_set_property', 4, (pp: number, pl: number, vp: number, vl: number) => {
    const raw = vm.readUtf8(pp, pl);
    const value = vm.readBytes(vp, vl);
    if (raw === undefined || value === undefined) return Status.InvalidMemoryAccess;
    const s = stream();
    if (!s) return Status.NotFound;
    return s.host.setProperty(splitPath(raw).join('.'), value);
  });

  // ---- stream control --------------------------------------------------------------------------------

  const touch = (s: StreamContext) => vm.touch(s.host);
  def('proxy_continue_stream', 1, (type: number) => {
    const s = stream();
    if (!s) return Status.NotFound;
    touch(s);
    return s.host.continueStream(type as StreamType);
  });
  def('proxy_close_stream', 1, (type: number) => {
    const s = stream();
    if (!s) return Status.NotFound;
    touch(s);
    return s.host.closeStream(type as StreamType);
  });
  def('proxy_continue_request', 0, () => {
    const s = stream();
    if (!s) return Status.NotFound;
    touch(s);
    return s.host.continueStream(StreamType.Request);
  });
  def('proxy_continue_response', 0, () => {
    const s = stream();
    if (!s) return Status.NotFound;
    touch(s);
    return s.host.continueStream(StreamType.Response);
  });
  def('proxy_send_local_response', 8, (code: number, dp: number, dl: number, bp: number, bl: number, hp: number, hl: number, grpc: number) => {
    const details = vm.readUtf8(dp, dl);
    const body = vm.readBytes(bp, bl);
    hp = u(hp);
    hl = u(hl);
    if (details === undefined || body === undefined || !vm.inBounds(hp, hl)) return Status.InvalidMemoryAccess;
    const headers = decodeMap(vm.memory.u8, hp, hl);
    if (!headers) return Status.BadArgument;
    const s = stream();
    if (!s) return Status.NotFound;
    touch(s);
    return s.host.sendLocalResponse(u(code), details, body, headers, grpc | 0);
  });
  def('proxy_clear_route_cache', 0, () => {
    stream()?.host.clearRouteCache();
    return Status.Ok;
  });

  // ---- outgoing calls ----------------------------------------------------------------------------------

  def('proxy_http_call', 10, (up: number, ul: number, hp: number, hl: number, bp: number, bl: number, tp: number, tl: number, timeout: number, tokenPtr: number) => {
    const cluster = vm.readUtf8(up, ul);
    const body = vm.readBytes(bp, bl);
    hp = u(hp);
    hl = u(hl);
    tp = u(tp);
    tl = u(tl);
    if (cluster === undefined || body === undefined || !vm.inBounds(hp, hl) || !vm.inBounds(tp, tl) || !vm.inBounds(u(tokenPtr), 4)) {
      return Status.InvalidMemoryAccess;
    }
    const headers = decodeMap(vm.memory.u8, hp, hl);
    const trailers = decodeMap(vm.memory.u8, tp, tl);
    if (!headers || !trailers) return Status.BadArgument;
    // Envoy requires the pseudo-headers that make a request
    if (!headers.get(':method') || !headers.get(':path') || !headers.get(':authority')) return Status.BadArgument;
    const token = nextToken++;
    const origin = vm.ctx();
    if (vm.canary) {
      vm.writeU32(tokenPtr, token); // the canary never hears back: it is discarded right away
      return Status.Ok;
    }
    const st = env.httpCall({ cluster, headers, body, trailers, timeoutMs: u(timeout), plugin: name }, (res) => {
      // answers arrive asynchronously; a VM replaced meanwhile never hears of them
      env.scheduler.defer(() => host.httpCallDone(vm, token, res));
    });
    if (st !== Status.Ok) return st;
    vm.httpCalls.set(token, origin?.id ?? vm.rootId);
    vm.writeU32(tokenPtr, token);
    return Status.Ok;
  });
  defs.push(...grpcHostcalls(vm));

  // ---- shared data and queues ----------------------------------------------------------------------------

  def('proxy_get_shared_data', 5, (kp: number, kl: number, ptrPtr: number, sizePtr: number, casPtr: number) => {
    const key = vm.readUtf8(kp, kl);
    if (key === undefined) return Status.InvalidMemoryAccess;
    if (!vm.inBounds(u(casPtr), 4)) return Status.InvalidMemoryAccess;
    const e = env.sharedData.get(host.vmId, key);
    if (!e) return Status.NotFound;
    const value = e.value;
    const cas = e.cas;
    const st = vm.returnBytes(value, ptrPtr, sizePtr);
    if (st === Status.Ok) vm.writeU32(casPtr, cas);
    return st;
  });
  def('proxy_set_shared_data', 5, (kp: number, kl: number, vp: number, vl: number, cas: number) => {
    const key = vm.readUtf8(kp, kl);
    const value = vm.readBytes(vp, vl);
    if (key === undefined || value === undefined) return Status.InvalidMemoryAccess;
    return env.sharedData.set(host.vmId, key, value, u(cas));
  });
  const queueOwner = { queueReady: (token: number) => host.queueReady(vm, token) };
  def('proxy_register_shared_queue', 3, (np: number, nl: number, tokenPtr: number) => {
    const qname = vm.readUtf8(np, nl);
    if (qname === undefined || !vm.inBounds(u(tokenPtr), 4)) return Status.InvalidMemoryAccess;
    const token = env.queues.register(host.vmId, qname, queueOwner);
    vm.queues.add(token);
    vm.writeU32(tokenPtr, token);
    return Status.Ok;
  });
  def('proxy_resolve_shared_queue', 5, (vp: number, vl: number, np: number, nl: number, tokenPtr: number) => {
    const vmId = vm.readUtf8(vp, vl);
    const qname = vm.readUtf8(np, nl);
    if (vmId === undefined || qname === undefined || !vm.inBounds(u(tokenPtr), 4)) return Status.InvalidMemoryAccess;
    const token = env.queues.resolve(vmId === '' ? host.vmId : vmId, qname);
    if (token === undefined) return Status.NotFound;
    vm.writeU32(tokenPtr, token);
    return Status.Ok;
  });
  def('proxy_dequeue_shared_queue', 3, (token: number, ptrPtr: number, sizePtr: number) => {
    if (!vm.inBounds(u(ptrPtr), 4) || !vm.inBounds(u(sizePtr), 4)) return Status.InvalidMemoryAccess;
    const r = env.queues.dequeue(u(token));
    if (typeof r === 'number') return r;
    return vm.returnBytes(r, ptrPtr, sizePtr);
  });
  def('proxy_enqueue_shared_queue', 3, (token: number, p: number, len: number) => {
    const data = vm.readBytes(p, len);
    if (data === undefined) return Status.InvalidMemoryAccess;
    return env.queues.enqueue(u(token), data);
  });

  // ---- metrics ----------------------------------------------------------------------------------------

  def('proxy_define_metric', 4, (type: number, np: number, nl: number, idPtr: number) => {
    const mname = vm.readUtf8(np, nl);
    if (mname === undefined || !vm.inBounds(u(idPtr), 4)) return Status.InvalidMemoryAccess;
    const id = env.metrics.define(type as MetricType, mname);
    if (id === undefined) return Status.BadArgument;
    vm.writeU32(idPtr, id);
    return Status.Ok;
  });
  // the engine hands i64 over as a signed bigint: Number() alone gives the delta (no BigInt math
  // per request); a recorded value is unsigned
  def('proxy_increment_metric', 2, (id: number, delta: bigint) => env.metrics.increment(u(id), Number(delta)), { bigint: [1] });
  def('proxy_record_metric', 2, (id: number, value: bigint) => {
    const n = Number(value);
    return env.metrics.record(u(id), n < 0 ? n + 2 ** 64 : n);
  }, { bigint: [1] });
  def('proxy_get_metric', 2, (id: number, p: number) => {
    if (!vm.inBounds(u(p), 8)) return Status.InvalidMemoryAccess;
    const kind = env.metrics.kind(u(id));
    if (kind === undefined) return Status.NotFound;
    if (kind === MetricType.Histogram) return Status.BadArgument;
    vm.writeU64(p, BigInt(Math.trunc(env.metrics.read(u(id)))));
    return Status.Ok;
  });

  // ---- contexts, foreign functions, status --------------------------------------------------------------

  def('proxy_set_effective_context', 1, (id: number) => {
    const c = vm.contexts.get(u(id));
    if (!c) return Status.BadArgument;
    vm.effective = c;
    return Status.Ok;
  });
  def('proxy_done', 0, () => {
    const c = vm.ctx();
    if (!c) return Status.NotFound;
    if (c.kind === 'stream') return c.host.done();
    host.rootDone(vm);
    return Status.Ok;
  });
  def('proxy_call_foreign_function', 6, (np: number, nl: number, ap: number, al: number, ptrPtr: number, sizePtr: number) => {
    const fname = vm.readUtf8(np, nl);
    const args = vm.readBytes(ap, al);
    if (fname === undefined || args === undefined) return Status.InvalidMemoryAccess;
    if (!vm.inBounds(u(ptrPtr), 4) || !vm.inBounds(u(sizePtr), 4)) return Status.InvalidMemoryAccess;
    const f = env.foreign.get(fname);
    if (!f) return Status.NotFound;
    const r = f(args, { plugin: name });
    if (typeof r === 'number') return r;
    return vm.returnBytes(r, ptrPtr, sizePtr);
  });
  def('proxy_get_status', 3, (codePtr: number, ptrPtr: number, sizePtr: number) => {
    if (!vm.inBounds(u(codePtr), 4)) return Status.InvalidMemoryAccess;
    vm.writeU32(codePtr, vm.lastStatus.code);
    return vm.returnBytes(Buffer.from(vm.lastStatus.message, 'utf8'), ptrPtr, sizePtr);
  });

  // ---- AssemblyScript runtime imports ----------------------------------------------------------------------

  def('abort', 4, (msgPtr: number, filePtr: number, line: number, col: number) => {
    const msg = readAsString(vm, msgPtr) ?? 'abort';
    const file = readAsString(vm, filePtr);
    throw new GuestAbort(`${msg}${file ? ` at ${file}:${line >>> 0}:${col >>> 0}` : ''}`);
  });
  def('seed', 0, () => Date.now() * Math.random());
  def('trace', 7, (msgPtr: number, n: number, ...vals: number[]) => {
    const msg = readAsString(vm, msgPtr) ?? '';
    logger.log(LogLevel.Debug, name, `trace: ${msg}${n > 0 ? ' ' + vals.slice(0, n).join(', ') : ''}`);
  });

  return new Map(defs);
}

let nextToken = 1;

/** Split a property path: segments are NUL-separated; a lone dotted path is accepted too. */
export function splitPath(raw: string): string[] {
  if (raw.endsWith('\0')) raw = raw.slice(0, -1);
  if (raw.includes('\0')) return raw.split('\0');
  return raw.split('.');
}

/** An AssemblyScript string: UTF-16LE, its byte length in the object header at ptr − 4. */
function readAsString(vm: WasmVm, p: number): string | undefined {
  p >>>= 0;
  if (p < 4 || !vm.inBounds(p - 4, 4)) return undefined;
  const len = vm.memory.view.getUint32(p - 4, true);
  if (!vm.inBounds(p, len) || len > 1 << 16) return undefined;
  return Buffer.from(vm.memory.buffer, p, len & ~1).toString('utf16le');
}
