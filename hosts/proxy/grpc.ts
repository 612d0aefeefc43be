/**
 * gRPC for filters: the hostcalls proxy_grpc_call, proxy_grpc_stream, proxy_grpc_send,
 * proxy_grpc_cancel and proxy_grpc_close, the callbacks they lead to
 * (proxy_on_grpc_receive_initial_metadata, _receive, _receive_trailing_metadata, _close), and the
 * client behind them: HTTP/2 (node:http2) to the endpoints of a configured cluster over the
 * cluster's session pool (upstream-h2.ts), messages in gRPC's length-prefixed frames.
 *
 * Semantics follow Envoy (source/extensions/common/wasm/context.cc):
 * - The service argument is a serialized envoy.config.core.v3.GrpcService (envoy_grpc.cluster_name,
 *   envoy_grpc.authority, timeout, initial_metadata) or, as the Rust SDK sends it, a bare cluster
 *   name. A bare name that is no cluster is PARSE_FAILURE; a GrpcService naming no cluster, or one
 *   using google_grpc, is BAD_ARGUMENT.
 * - Calls and streams belong to the root context (the callbacks get the root's id); SDKs route
 *   them to the stream that started them by token. Call tokens are odd, stream tokens even.
 * - A unary call ends in exactly one callback: on_grpc_receive with the response on OK, else
 *   on_grpc_close with the status (proxy_get_status has code and message). A stream reports
 *   initial metadata, each message, trailing metadata, then on_grpc_close.
 * - proxy_grpc_close half-closes a stream (its answers still arrive) and cancels a call;
 *   proxy_grpc_cancel resets either, and nothing is reported after it.
 * - A call whose context ended, or whose VM failed or was replaced, is cancelled.
 *
 * Failures map to gRPC statuses as Envoy's async client reports them: no connection or a reset
 * before the response UNAVAILABLE (14), a non-200 HTTP status by the gRPC HTTP mapping, a stream
 * that ends without a status INTERNAL (13), the call's timeout DEADLINE_EXCEEDED (4).
 */
import { constants as h2, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { gunzipSync, inflateSync } from 'node:zlib';
import { LogLevel, Status } from './abi.js';
import type { Cluster } from './cluster.js';
import type { H2Conn } from './upstream-h2.js';
import { httpToGrpcStatus } from './grpc-reply.js';
import { decodeMap, HeaderMap } from './headers.js';
import type { HostDef } from './context.js';
import type { WasmVm } from './vm.js';
import { VmGrpc, type GrpcDispatcher, type GrpcEntry, type GrpcEvents, type GrpcHandle, type GrpcReceived, type GrpcRequest, type GrpcServiceSpec } from './grpc-calls.js';
export { noGrpcClusters, type GrpcDispatcher, type GrpcEvents, type GrpcRequest, type GrpcServiceSpec } from './grpc-calls.js';

export const GrpcStatus = {
  Ok: 0,
  Cancelled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

/** Largest message accepted from a server (gRPC's default receive limit): larger is RESOURCE_EXHAUSTED. */
export const MAX_GRPC_MESSAGE = 4 << 20;
/**
 * Most bytes a stream's sends may wait unsent (proxy_grpc_send): a send that would go over it is
 * refused (INTERNAL_FAILURE) and the stream ends with RESOURCE_EXHAUSTED.
 */
export const MAX_GRPC_SEND_BUFFER = 4 << 20;

// ---- the GrpcService argument ------------------------------------------------------------------

/** A protobuf reader over the few wire types GrpcService uses; undefined for malformed input. */
class Pb {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.b.length;
  }
  varint(): number | undefined {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.b.length) return undefined;
      const x = this.b[this.pos++]!;
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
    return undefined;
  }
  bytes(): Uint8Array | undefined {
    const n = this.varint();
    if (n === undefined || this.pos + n > this.b.length) return undefined;
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** skip a field of wire type `wt`; false if malformed (groups are refused) */
  skip(wt: number): boolean {
    if (wt === 0) return this.varint() !== undefined;
    if (wt === 2) return this.bytes() !== undefined;
    const n = wt === 1 ? 8 : wt === 5 ? 4 : -1;
    if (n < 0 || this.pos + n > this.b.length) return false;
    this.pos += n;
    return true;
  }
  /** each field as (number, wire type); `f` returns false to reject the message */
  fields(f: (field: number, wt: number) => boolean): boolean {
    while (!this.done) {
      const tag = this.varint();
      if (tag === undefined || tag < 8) return false;
      if (!f(Math.floor(tag / 8), tag & 7)) return false;
    }
    return true;
  }
}

const utf8 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');

/** Decode a serialized GrpcService: its envoy_grpc spec, 'google' for google_grpc, undefined if it is not one. */
export function decodeGrpcService(bytes: Uint8Array): GrpcServiceSpec | 'google' | undefined {
  let cluster: string | undefined;
  let authority: string | undefined;
  let timeoutMs: number | undefined;
  let google = false;
  const metadata: [string, string][] = [];
  const r = new Pb(bytes);
  const ok = r.fields((field, wt) => {
    if (wt !== 2 || (field !== 1 && field !== 2 && field !== 3 && field !== 5)) return r.skip(wt);
    const sub = r.bytes();
    if (!sub) return false;
    const m = new Pb(sub);
    if (field === 2) {
      google = true;
      return true;
    }
    if (field === 1) {
      // EnvoyGrpc: cluster_name 1, authority 2
      return m.fields((f, w) => {
        if (w !== 2 || (f !== 1 && f !== 2)) return m.skip(w);
        const s = m.bytes();
        if (!s) return false;
        if (f === 1) cluster = utf8(s);
        else authority = utf8(s);
        return true;
      });
    }
    if (field === 3) {
      // google.protobuf.Duration: seconds 1, nanos 2
      let sec = 0;
      let nanos = 0;
      const good = m.fields((f, w) => {
        if (w !== 0 || (f !== 1 && f !== 2)) return m.skip(w);
        const v = m.varint();
        if (v === undefined) return false;
        if (f === 1) sec = v;
        else nanos = v;
        return true;
      });
      timeoutMs = sec * 1000 + Math.floor(nanos / 1e6);
      return good;
    }
    // HeaderValue: key 1, value 2, raw_value 3
    let key = '';
    let value = '';
    const good = m.fields((f, w) => {
      if (w !== 2 || f < 1 || f > 3) return m.skip(w);
      const s = m.bytes();
      if (!s) return false;
      if (f === 1) key = Buffer.from(s).toString('latin1').toLowerCase();
      else value = Buffer.from(s).toString('latin1');
      return true;
    });
    if (key) metadata.push([key, value]);
    return good;
  });
  if (!ok) return undefined;
  if (cluster !== undefined) return { cluster, authority: authority || undefined, timeoutMs, metadata };
  return google ? 'google' : undefined;
}

/**
 * The cluster a service argument names, or the status to return: a bare cluster name first (it
 * never looks like a serialized GrpcService, which starts with a field tag), then a GrpcService.
 */
export function resolveGrpcService(bytes: Uint8Array, hasCluster: (name: string) => boolean): GrpcServiceSpec | Status {
  const name = utf8(bytes);
  if (name !== '' && hasCluster(name)) return { cluster: name, authority: undefined, timeoutMs: undefined, metadata: [] };
  const spec = decodeGrpcService(bytes);
  if (spec === undefined) return Status.ParseFailure;
  if (spec === 'google' || !hasCluster(spec.cluster)) return Status.BadArgument;
  return spec;
}

// ---- frames --------------------------------------------------------------------------------------

/** A message as a gRPC length-prefixed frame (uncompressed). */
export function encodeFrame(msg: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + msg.length);
  out[0] = 0;
  out.writeUInt32BE(msg.length, 1);
  out.set(msg, 5);
  return out;
}

/** Splits a byte stream into gRPC messages (decompressing gzip/deflate ones). */
export class FrameDecoder {
  private buf: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  constructor(private readonly encoding: string | undefined) {}
  /** the messages complete after `chunk`; throws a GrpcFailure for a bad or oversized frame */
  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Buffer[] = [];
    while (this.buf.length >= 5) {
      const flag = this.buf[0]!;
      const len = this.buf.readUInt32BE(1);
      if (len > MAX_GRPC_MESSAGE) throw new GrpcFailure(GrpcStatus.ResourceExhausted, `received message larger than max (${len} vs. ${MAX_GRPC_MESSAGE})`);
      if (this.buf.length < 5 + len) break;
      let msg: Buffer = Buffer.from(this.buf.subarray(5, 5 + len));
      this.buf = this.buf.subarray(5 + len);
      if (flag === 1) msg = this.inflate(msg);
      else if (flag !== 0) throw new GrpcFailure(GrpcStatus.Internal, `invalid frame flag ${flag}`);
      out.push(msg);
    }
    return out;
  }
  get pending(): boolean {
    return this.buf.length > 0;
  }
  private inflate(msg: Buffer): Buffer {
    try {
      if (this.encoding === 'gzip') return gunzipSync(msg, { maxOutputLength: MAX_GRPC_MESSAGE });
      if (this.encoding === 'deflate') return inflateSync(msg, { maxOutputLength: MAX_GRPC_MESSAGE });
    } catch (e) {
      throw new GrpcFailure(GrpcStatus.Internal, `cannot decompress a ${this.encoding} message: ${(e as Error).message}`);
    }
    throw new GrpcFailure(GrpcStatus.Internal, `compressed message with grpc-encoding "${this.encoding ?? 'identity'}"`);
  }
}

class GrpcFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export { httpToGrpcStatus };

// ---- the client ----------------------------------------------------------------------------------

/** Close the pooled sessions of a cluster (the cluster was closed or replaced). */
export function closeGrpcPool(cluster: Cluster): void {
  cluster.closeH2();
}

/** Node's header object → a header map (lower-case names; arrays become repeated entries). */
function toMap(h: IncomingHttpHeaders): HeaderMap {
  const m = new HeaderMap();
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) m.add(k, x);
    else m.add(k, String(v));
  }
  return m;
}

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'host']);

/** gRPC over the proxy's clusters (`clusters` is the map in force; a reload hands over a new one). */
export function clusterGrpc(clusters: ReadonlyMap<string, Cluster>): GrpcDispatcher {
  return {
    hasCluster: (name) => clusters.has(name),
    start: (req, events) => startCall(clusters.get(req.service.cluster)!, req, events),
  };
}

function startCall(cluster: Cluster, req: GrpcRequest, events: GrpcEvents): GrpcHandle | Status {
  const tls = cluster.config.tls;
  const headers: Record<string, string | string[]> = {
    ':method': 'POST',
    ':scheme': tls ? 'https' : 'http',
    ':path': `/${req.serviceName}/${req.method}`,
    ':authority': req.service.authority ?? cluster.name,
    'content-type': 'application/grpc',
    te: 'trailers',
  };
  if (req.timeoutMs > 0) headers['grpc-timeout'] = `${req.timeoutMs}m`;
  const add = (k: string, v: string) => {
    if (k.charCodeAt(0) === 58 /* : */ || HOP.has(k)) return;
    const have = headers[k];
    headers[k] = have === undefined ? v : Array.isArray(have) ? [...have, v] : [have, v];
  };
  for (const [k, v] of req.service.metadata) add(k, v);
  for (const [k, v] of req.metadata.pairs()) add(k, v);

  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  let stream: ClientHttp2Stream | undefined;
  let admitted = false;
  const release = () => {
    if (timer) clearTimeout(timer);
    if (admitted) cluster.breaker.finished(false);
    admitted = false;
  };
  /** report the end once; later events are dropped */
  const finish = (status: number, message: string) => {
    if (ended) return;
    ended = true;
    release();
    if (stream && !stream.closed) stream.close(h2.NGHTTP2_CANCEL);
    events.close(status, message);
  };
  const handle: GrpcHandle = {
    send: (msg, endStream) => {
      // an ended stream takes nothing more (the hostcall says so until on_grpc_close runs)
      if (ended || !stream || stream.writableEnded) return false;
      // bounded memory: bytes the stream could not send yet (the server reads slowly, its flow
      // control window is closed) stay under the limit; one message always fits an empty buffer
      const unsent = stream.writableLength;
      if (unsent > 0 && unsent + 5 + msg.length > MAX_GRPC_SEND_BUFFER) {
        finish(GrpcStatus.ResourceExhausted, `send buffer full: ${unsent} bytes not yet sent (limit ${MAX_GRPC_SEND_BUFFER})`);
        return false;
      }
      stream.write(encodeFrame(msg));
      if (endStream) stream.end();
      return true;
    },
    halfClose: () => {
      if (!ended && stream && !stream.writableEnded) stream.end();
    },
    cancel: () => {
      if (ended) return;
      ended = true;
      release();
      if (stream && !stream.closed) stream.close(h2.NGHTTP2_CANCEL);
    },
  };
  // max_requests applies (Envoy's breakers cover gRPC too); HTTP/2 multiplexes, so nothing waits
  // for a connection and max_pending_requests never does
  const how = cluster.breaker.admit();
  if (how === undefined) {
    setImmediate(() => finish(GrpcStatus.Unavailable, 'upstream overflow (circuit breaker)'));
    return handle;
  }
  if (how === 'pending') cluster.breaker.connected();
  admitted = true;
  cluster.stats.rq.inc();
  const ep = cluster.pick();
  if (!ep) {
    cluster.stats.cxNoneHealthy.inc();
    setImmediate(() => finish(GrpcStatus.Unavailable, 'no healthy upstream'));
    return handle;
  }
  let conn: H2Conn;
  try {
    conn = cluster.h2.reserve(ep, true)!;
    stream = cluster.h2.request(conn, headers, { endStream: false });
  } catch (e) {
    // invalid metadata (a header name or value node:http2 refuses)
    const code = (e as { code?: string }).code;
    if (code === 'ERR_INVALID_HTTP_TOKEN' || code === 'ERR_INVALID_CHAR' || code === 'ERR_HTTP2_INVALID_HEADER_VALUE' || code === 'ERR_HTTP2_INVALID_CONNECTION_HEADERS') return Status.BadArgument;
    setImmediate(() => finish(GrpcStatus.Unavailable, `upstream connect error: ${(e as Error).message}`));
    return handle;
  }
  if (req.timeoutMs > 0) {
    timer = setTimeout(() => {
      cluster.stats.rqTimeout.inc();
      finish(GrpcStatus.DeadlineExceeded, 'deadline exceeded');
    }, req.timeoutMs);
  }
  const s = stream;
  let responded = false;
  let decoder: FrameDecoder | undefined;
  s.on('response', (h, flags) => {
    if (ended) return;
    responded = true;
    const status = Number(h[':status']);
    cluster.countResponse(status);
    if (status !== 200) return finish(httpToGrpcStatus(status), `upstream answered HTTP ${status}`);
    const map = toMap(h);
    // trailers-only: the headers carry the status
    if (flags & h2.NGHTTP2_FLAG_END_STREAM || h['grpc-status'] !== undefined) return trailers(map);
    const enc = h['grpc-encoding'];
    decoder = new FrameDecoder(typeof enc === 'string' && enc !== 'identity' ? enc : undefined);
    events.initialMetadata(map);
  });
  s.on('data', (chunk: Buffer) => {
    if (ended || !decoder) return;
    try {
      for (const m of decoder.push(chunk)) if (!ended) events.message(m);
    } catch (e) {
      const f = e as GrpcFailure;
      finish(f.status, f.message);
    }
  });
  const trailers = (map: HeaderMap) => {
    if (ended) return;
    if (decoder?.pending) return finish(GrpcStatus.Internal, 'stream ended inside a message');
    events.trailingMetadata(map);
    const raw = map.get('grpc-status');
    const st = raw === undefined || !/^\d+$/.test(raw) ? GrpcStatus.Unknown : Number(raw);
    let msg = map.get('grpc-message') ?? '';
    try {
      msg = decodeURIComponent(msg);
    } catch {
      /* not percent-encoded: keep it as sent */
    }
    finish(st, msg);
  };
  s.on('trailers', (h) => trailers(toMap(h)));
  s.on('error', (e) => {
    // one connect failure per call whose session never connected (as the router counts them)
    if (!conn.connected) cluster.stats.cxConnectFail.inc();
    if (responded) finish(GrpcStatus.Internal, `upstream reset: ${e.message}`);
    else finish(GrpcStatus.Unavailable, `upstream connect error or disconnect/reset before headers: ${e.message}`);
  });
  s.on('close', () => {
    if (responded) finish(GrpcStatus.Internal, 'upstream stream ended without a grpc-status');
    else finish(GrpcStatus.Unavailable, 'upstream connect error or disconnect/reset before headers');
  });
  return handle;
}

// ---- the VM side ---------------------------------------------------------------------------------

const u = (x: number) => x >>> 0;

/** The five gRPC hostcalls for `vm`. */
export function grpcHostcalls(vm: WasmVm): [string, HostDef][] {
  const host = vm.host;
  const env = host.env;
  const grpc = (): VmGrpc => (vm.grpc ??= new VmGrpc());

  /** run one callback for entry `e` if it is still outstanding and its VM live; else cancel it */
  const deliver = (e: GrpcEntry, name: 'initial' | 'message' | 'trailing' | 'close', arg: number, received: GrpcReceived | null, status?: { code: number; message: string }) => {
    const g = grpc();
    if (g.entries.get(e.token) !== e) return;
    const cb = name === 'initial' ? vm.cb.grpcInitialMetadata : name === 'message' ? vm.cb.grpcReceive : name === 'trailing' ? vm.cb.grpcTrailingMetadata : vm.cb.grpcClose;
    const ends = name === 'close' || (e.kind === 'call' && name === 'message');
    const exportName = name === 'initial' ? 'proxy_on_grpc_receive_initial_metadata' : name === 'message' ? 'proxy_on_grpc_receive' : name === 'trailing' ? 'proxy_on_grpc_receive_trailing_metadata' : 'proxy_on_grpc_close';
    const live = host.rootCallback(vm, exportName, cb, e.token, arg, () => {
      vm.grpcReceived = received;
      vm.lastStatus = status ?? { code: 0, message: '' };
    });
    if (!live) {
      e.handle?.cancel();
      g.entries.delete(e.token);
      return;
    }
    // like Envoy, the entry goes after the callback (which may still close it); a stream the
    // filter has not closed stays until it does (or its context ends)
    if (ends && g.entries.get(e.token) === e) {
      if (e.kind === 'call' || e.localClosed) g.entries.delete(e.token);
      else {
        e.remoteClosed = true;
        e.handle = undefined;
      }
    }
  };

  const start = (kind: 'call' | 'stream', sp: number, sl: number, np: number, nl: number, mp: number, ml: number, hp: number, hl: number, request: Buffer | undefined, timeoutMs: number, tokenPtr: number): Status => {
    const service = vm.readBytes(sp, sl);
    const serviceName = vm.readUtf8(np, nl);
    const method = vm.readUtf8(mp, ml);
    hp = u(hp);
    hl = u(hl);
    if (service === undefined || serviceName === undefined || method === undefined || !vm.inBounds(hp, hl) || !vm.inBounds(u(tokenPtr), 4)) return Status.InvalidMemoryAccess;
    const metadata = decodeMap(vm.memory.u8, hp, hl);
    if (!metadata) return Status.BadArgument;
    const spec = resolveGrpcService(service, (n) => env.grpc.hasCluster(n));
    if (typeof spec === 'number') {
      env.logger.log(LogLevel.Debug, host.name, `proxy_grpc_${kind}: ${spec === Status.ParseFailure ? `no cluster "${utf8(service).replace(/[^\x20-\x7e]/g, '?')}" and not a GrpcService` : 'GrpcService names no configured envoy_grpc cluster'}`);
      return spec;
    }
    const token = grpc().token(kind);
    if (vm.canary) {
      vm.writeU32(tokenPtr, token); // the canary never hears back: it is discarded right away
      return Status.Ok;
    }
    const e: GrpcEntry = { token, kind, origin: vm.ctx()?.id ?? vm.rootId, handle: undefined, localClosed: false, remoteClosed: false, response: undefined };
    const later = (fn: () => void) => env.scheduler.defer(fn);
    const events: GrpcEvents = {
      initialMetadata: (h) => {
        if (kind === 'stream') later(() => deliver(e, 'initial', h.size, { initial: h }));
      },
      message: (m) => {
        if (kind === 'call') e.response = m;
        else later(() => deliver(e, 'message', m.length, { buffer: m }));
      },
      trailingMetadata: (h) => {
        if (kind === 'stream') later(() => deliver(e, 'trailing', h.size, { trailing: h }));
      },
      close: (status, message) => {
        later(() => {
          // a unary call reports its response on OK (Envoy: OK without a message is INTERNAL)
          if (kind === 'call' && status === GrpcStatus.Ok) {
            if (e.response) return deliver(e, 'message', e.response.length, { buffer: e.response });
            return deliver(e, 'close', GrpcStatus.Internal, null, { code: GrpcStatus.Internal, message: 'no response message' });
          }
          deliver(e, 'close', status, null, { code: status, message });
        });
      },
    };
    const timeout = kind === 'call' ? (timeoutMs > 0 ? timeoutMs : (spec.timeoutMs ?? 0)) : 0;
    const handle = env.grpc.start({ service: spec, serviceName, method, metadata, timeoutMs: timeout }, events);
    if (typeof handle === 'number') return handle;
    e.handle = handle;
    grpc().entries.set(token, e);
    if (request) {
      handle.send(request, true);
    }
    vm.writeU32(tokenPtr, token);
    return Status.Ok;
  };

  const call = (sp: number, sl: number, np: number, nl: number, mp: number, ml: number, hp: number, hl: number, rp: number, rl: number, timeout: number, tokenPtr: number) => {
    const request = vm.readBytes(rp, rl);
    if (request === undefined) return Status.InvalidMemoryAccess;
    return start('call', sp, sl, np, nl, mp, ml, hp, hl, request, u(timeout), tokenPtr);
  };
  const stream = (sp: number, sl: number, np: number, nl: number, mp: number, ml: number, hp: number, hl: number, tokenPtr: number) => start('stream', sp, sl, np, nl, mp, ml, hp, hl, undefined, 0, tokenPtr);

  const isCall = (t: number) => (t & 1) === 1;
  return [
    // ABI 0.1.0 had no initial metadata: (service, service name, method, request, timeout, token)
    ['proxy_grpc_call', { arity: 12, fn: call, alt: { arity: 10, fn: (sp: number, sl: number, np: number, nl: number, mp: number, ml: number, rp: number, rl: number, t: number, tp: number) => call(sp, sl, np, nl, mp, ml, 0, 0, rp, rl, t, tp) } }],
    ['proxy_grpc_stream', { arity: 9, fn: stream, alt: { arity: 7, fn: (sp: number, sl: number, np: number, nl: number, mp: number, ml: number, tp: number) => stream(sp, sl, np, nl, mp, ml, 0, 0, tp) } }],
    [
      'proxy_grpc_send',
      {
        arity: 4,
        fn: (token: number, p: number, len: number, end: number) => {
          token = u(token);
          // as Envoy: a call token (odd) cannot take messages; 0 is an unknown stream
          if (isCall(token)) return Status.BadArgument;
          const msg = vm.readBytes(p, len);
          if (msg === undefined) return Status.InvalidMemoryAccess;
          const e = vm.grpc?.entries.get(token);
          if (!e) return Status.NotFound;
          if (!e.remoteClosed && !e.localClosed) {
            // over the send buffer: not taken, and the stream is ending (on_grpc_close, RESOURCE_EXHAUSTED)
            if (e.handle && !e.handle.send(msg, end !== 0)) return Status.InternalFailure;
            if (end !== 0) e.localClosed = true;
          }
          return Status.Ok;
        },
      },
    ],
    [
      'proxy_grpc_cancel',
      {
        arity: 1,
        fn: (token: number) => {
          const e = vm.grpc?.entries.get(u(token));
          if (!e) return Status.NotFound;
          e.handle?.cancel();
          vm.grpc!.entries.delete(e.token);
          return Status.Ok;
        },
      },
    ],
    [
      'proxy_grpc_close',
      {
        arity: 1,
        fn: (token: number) => {
          const e = vm.grpc?.entries.get(u(token));
          if (!e) return Status.NotFound;
          if (e.kind === 'call' || e.remoteClosed) {
            e.handle?.cancel();
            vm.grpc!.entries.delete(e.token);
          } else {
            e.handle?.halfClose();
            e.localClosed = true;
          }
          return Status.Ok;
        },
      },
    ],
  ];
}
