/**
 * Hostcalls of ABI 0.2.1 one by one, through a probe module (test/fixtures/proxy/probe.ts) that
 * forwards raw pointers: encodings (header maps, properties), Envoy's semantics (buffer clamping,
 * prefix-replace/append, CAS, queues, metrics, effective context), every guest pointer checked
 * (INVALID_MEMORY_ACCESS, never an exception), gRPC hostcalls without clusters or tokens refused.
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../hosts/proxy/abi.js';
import { decodeMap } from '../hosts/proxy/headers.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { probeOf, probeWasm, REC } from './fixtures/proxy/probe.js';
import type { VmContext } from '../hosts/proxy/context.js';

const wasm = probeWasm();
const load = (opts: Parameters<typeof FilterHarness.load>[1] = {}, extra: object = {}) =>
  FilterHarness.load({ wasm, name: 'probe', rootId: 'the_root', vmId: 'vm1', configuration: 'plugin-config', vmConfiguration: 'vm-config', ...extra }, opts);

function withStream(h = load()) {
  const s = h.stream().sendRequestHeaders({ ':method': 'POST', ':path': '/p?q=1', ':authority': 'example.com', 'x-dup': 'a', 'X-Dup': 'b' });
  return { h, s, p: probeOf(h) };
}

describe('header maps', () => {
  it('returns the map in the proxy-wasm encoding', () => {
    const { p } = withStream();
    const [pp, sp] = [p.slot(), p.slot()];
    expect(p.call('get_header_map_pairs', [0, pp, sp], p.stream)).toBe(Status.Ok);
    const raw = p.returned(pp, sp);
    expect(raw.readUInt32LE(0)).toBe(6); // 4 pseudo-headers, x-dup twice
    const m = decodeMap(raw, 0, raw.length)!;
    expect(m.get(':path')).toBe('/p?q=1');
    expect(m.get(':authority')).toBe('example.com');
    expect(m.getAll('x-dup')).toEqual(['a', 'b']);
    // keys and values are NUL-terminated after the size table
    const n = raw.readUInt32LE(0);
    const k0 = raw.readUInt32LE(4);
    expect(raw[4 + n * 8 + k0]).toBe(0);
  });

  it('gets, adds, replaces and removes values; a missing key is NOT_FOUND', () => {
    const { p, s } = withStream();
    const [vp, vs] = [p.slot(), p.slot()];
    const key = p.put(':path');
    expect(p.call('get_header_map_value', [0, ...key, vp, vs], p.stream)).toBe(Status.Ok);
    expect(p.returned(vp, vs).toString()).toBe('/p?q=1');
    expect(p.call('get_header_map_value', [0, ...p.put('x-none'), vp, vs], p.stream)).toBe(Status.NotFound);
    expect(p.call('add_header_map_value', [0, ...p.put('x-new'), ...p.put('1')], p.stream)).toBe(Status.Ok);
    expect(p.call('replace_header_map_value', [0, ...p.put('X-DUP'), ...p.put('c')], p.stream)).toBe(Status.Ok);
    expect(p.call('remove_header_map_value', [0, ...p.put(':method')], p.stream)).toBe(Status.Ok);
    const size = p.slot();
    expect(p.call('get_header_map_size', [0, size], p.stream)).toBe(Status.Ok);
    const m = s.stream.requestHeaders!;
    expect(m.getAll('x-dup')).toEqual(['c']);
    expect(m.get('x-new')).toBe('1');
    expect(m.has(':method')).toBe(false);
    expect(p.u32(size)).toBe(m.byteSize());
  });

  it('replaces a whole map with set_header_map_pairs and refuses a malformed one', () => {
    const { p, s } = withStream();
    const enc = Buffer.alloc(4 + 8 + 4);
    enc.writeUInt32LE(1, 0);
    enc.writeUInt32LE(1, 4);
    enc.writeUInt32LE(1, 8);
    enc.write('k\0v\0', 12);
    expect(p.call('set_header_map_pairs', [0, ...p.put(enc)], p.stream)).toBe(Status.Ok);
    expect(s.stream.requestHeaders!.pairs()).toEqual([['k', 'v']]);
    const bad = Buffer.from(enc);
    bad.writeUInt32LE(5000, 0);
    expect(p.call('set_header_map_pairs', [0, ...p.put(bad)], p.stream)).toBe(Status.BadArgument);
  });

  it('has no request headers in a root context and validates map types', () => {
    const { p } = withStream();
    const [pp, sp] = [p.slot(), p.slot()];
    expect(p.call('get_header_map_pairs', [0, pp, sp], p.root)).toBe(Status.NotFound);
    expect(p.call('get_header_map_pairs', [9, pp, sp], p.stream)).toBe(Status.BadArgument);
  });
});

describe('guest pointers', () => {
  it('answers INVALID_MEMORY_ACCESS for out-of-bounds pointers and lengths, without throwing', () => {
    const { p } = withStream();
    const end = p.vm.memory.byteLength;
    const ok = p.slot();
    expect(p.call('log', [2, end - 2, 10])).toBe(Status.InvalidMemoryAccess);
    expect(p.call('log', [2, -1, 1])).toBe(Status.InvalidMemoryAccess);
    expect(p.call('get_header_map_value', [0, end, 5, ok, ok], p.stream)).toBe(Status.InvalidMemoryAccess);
    expect(p.call('get_header_map_value', [0, ...p.put(':path'), end - 1, ok], p.stream)).toBe(Status.InvalidMemoryAccess);
    expect(p.call('get_header_map_pairs', [0, ok, end], p.stream)).toBe(Status.InvalidMemoryAccess);
    expect(p.call('get_current_time_nanoseconds', [end - 4])).toBe(Status.InvalidMemoryAccess);
    expect(p.call('set_shared_data', [...p.put('k'), 100, 0x7fffffff, 0])).toBe(Status.InvalidMemoryAccess);
    expect(p.call('send_local_response', [200, 0, 0, end, 1, 0, 0, -1], p.stream)).toBe(Status.InvalidMemoryAccess);
    expect(p.vm.failed).toBeUndefined();
  });
});

describe('buffers', () => {
  it('reads configurations, clamping a length of 0xFFFFFFFF and writing nothing for an empty range', () => {
    const { p } = withStream();
    const [pp, sp] = [p.slot(), p.slot()];
    expect(p.call('get_buffer_bytes', [7, 0, -1, pp, sp])).toBe(Status.Ok);
    expect(p.returned(pp, sp).toString()).toBe('plugin-config');
    expect(p.call('get_buffer_bytes', [6, 3, -1, pp, sp])).toBe(Status.Ok);
    expect(p.returned(pp, sp).toString()).toBe('config');
    const [qp, qs] = [p.slot(), p.slot()];
    p.vm.memory.view.setUint32(qs, 1234, true);
    expect(p.call('get_buffer_bytes', [7, 100, 5, qp, qs])).toBe(Status.Ok);
    expect(p.u32(qs)).toBe(1234);
    const [lp, fp] = [p.slot(), p.slot()];
    expect(p.call('get_buffer_status', [7, lp, fp])).toBe(Status.Ok);
    expect(p.u32(lp)).toBe(13);
    expect(p.call('get_buffer_bytes', [4, 0, 1, pp, sp])).toBe(Status.NotFound);
  });

  it("edits a buffered body with Envoy's rules: replace a prefix at 0, append at the end, else BAD_ARGUMENT", () => {
    const { s, p } = withStream();
    s.sendRequestBody('hello world');
    expect(p.call('set_buffer_bytes', [0, 0, 5, ...p.put('HOWDY')], p.stream)).toBe(Status.Ok);
    expect(p.call('set_buffer_bytes', [0, 11, 0, ...p.put('!')], p.stream)).toBe(Status.Ok);
    expect(p.call('set_buffer_bytes', [0, 3, 1, ...p.put('x')], p.stream)).toBe(Status.BadArgument);
    expect(p.call('set_buffer_bytes', [7, 0, 0, ...p.put('x')], p.stream)).toBe(Status.BadArgument);
    const [pp, sp] = [p.slot(), p.slot()];
    expect(p.call('get_buffer_bytes', [0, 0, -1, pp, sp], p.stream)).toBe(Status.Ok);
    expect(p.returned(pp, sp).toString()).toBe('HOWDY world!');
    // continue takes effect once applied after the "callback": headers and edited body go on
    expect(p.call('continue_stream', [0], p.stream)).toBe(Status.Ok);
    expect(s.upstream.headers).toBeUndefined();
    s.stream.applyPending(p.stream.host as never);
    expect(s.upstream.headers).toBeDefined();
    expect(s.upstream.body.toString()).toBe('HOWDY world!');
  });
});

describe('properties', () => {
  it('serves plugin and stream attributes with Envoy encodings', () => {
    const { p } = withStream();
    const [pp, sp] = [p.slot(), p.slot()];
    const get = (path: string, ctx: VmContext = p.stream) => {
      const st = p.call('get_property', [...p.put(path), pp, sp], ctx);
      return st === Status.Ok ? p.returned(pp, sp) : st;
    };
    expect(get('plugin_root_id', p.root).toString()).toBe('the_root');
    expect(get('plugin_name').toString()).toBe('probe');
    expect(get('plugin_vm_id').toString()).toBe('vm1');
    expect(get('request\0path').toString()).toBe('/p?q=1');
    expect(get('request\0url_path').toString()).toBe('/p');
    expect(get('request.method').toString()).toBe('POST'); // dotted paths are accepted too
    expect(get('request\0host').toString()).toBe('example.com');
    const port = get('source\0port') as Buffer;
    expect(port.length).toBe(8);
    expect(port.readBigInt64LE(0)).toBe(0n);
    const hdrs = get('request\0headers') as Buffer;
    expect(decodeMap(hdrs, 0, hdrs.length)!.get(':path')).toBe('/p?q=1');
    expect(get('no\0such')).toBe(Status.NotFound);
    expect(get('request\0path', p.root)).toBe(Status.NotFound);
    expect(p.call('set_property', [...p.put('my\0key'), ...p.put('v1')], p.stream)).toBe(Status.Ok);
    expect(get('my\0key').toString()).toBe('v1');
  });
});

describe('shared data', () => {
  it('stores values with a CAS and refuses a stale one', () => {
    const { p, h } = withStream();
    const [vp, vs, cas] = [p.slot(), p.slot(), p.slot()];
    const key = p.put('counter');
    expect(p.call('get_shared_data', [...key, vp, vs, cas])).toBe(Status.NotFound);
    expect(p.call('set_shared_data', [...key, ...p.put('1'), 0])).toBe(Status.Ok);
    expect(p.call('get_shared_data', [...key, vp, vs, cas])).toBe(Status.Ok);
    const c1 = p.u32(cas);
    expect(p.returned(vp, vs).toString()).toBe('1');
    expect(p.call('set_shared_data', [...key, ...p.put('2'), c1])).toBe(Status.Ok);
    expect(p.call('set_shared_data', [...key, ...p.put('3'), c1])).toBe(Status.CasMismatch);
    expect(h.sharedData('counter', 'vm1')?.value.toString()).toBe('2');
    expect(h.sharedData('counter', 'other-vm')).toBeUndefined();
  });
});

describe('shared queues', () => {
  it('registers, resolves, enqueues (on_queue_ready follows) and dequeues', () => {
    const { p, h } = withStream();
    const tok = p.slot();
    expect(p.call('register_shared_queue', [...p.put('jobs'), tok])).toBe(Status.Ok);
    const token = p.u32(tok);
    const tok2 = p.slot();
    expect(p.call('resolve_shared_queue', [...p.put('vm1'), ...p.put('jobs'), tok2])).toBe(Status.Ok);
    expect(p.u32(tok2)).toBe(token);
    expect(p.call('resolve_shared_queue', [...p.put('vm1'), ...p.put('nope'), tok2])).toBe(Status.NotFound);
    expect(p.call('enqueue_shared_queue', [token, ...p.put('job-1')])).toBe(Status.Ok);
    expect(p.u32(REC.queueCalls)).toBe(0); // asynchronous, never inside the hostcall
    h.flush();
    expect(p.u32(REC.queueCalls)).toBe(1);
    expect(p.u32(REC.queueToken)).toBe(token);
    const [dp, ds] = [p.slot(), p.slot()];
    expect(p.call('dequeue_shared_queue', [token, dp, ds])).toBe(Status.Ok);
    expect(p.returned(dp, ds).toString()).toBe('job-1');
    expect(p.call('dequeue_shared_queue', [token, dp, ds])).toBe(Status.Empty);
    expect(p.call('dequeue_shared_queue', [999, dp, ds])).toBe(Status.NotFound);
  });
});

describe('metrics', () => {
  it('defines, increments, records and reads counters, gauges and histograms', () => {
    const { p, h } = withStream();
    const id = p.slot();
    expect(p.call('define_metric', [0, ...p.put('reqs'), id])).toBe(Status.Ok);
    const counter = p.u32(id);
    expect(p.call('increment_metric', [counter, 5n])).toBe(Status.Ok);
    expect(p.call('define_metric', [1, ...p.put('temp'), id])).toBe(Status.Ok);
    const gauge = p.u32(id);
    expect(p.call('record_metric', [gauge, 42n])).toBe(Status.Ok);
    expect(p.call('increment_metric', [gauge, -2n])).toBe(Status.Ok);
    expect(p.call('define_metric', [2, ...p.put('lat'), id])).toBe(Status.Ok);
    const hist = p.u32(id);
    expect(p.call('record_metric', [hist, 7n])).toBe(Status.Ok);
    expect(p.call('define_metric', [1, ...p.put('reqs'), id])).toBe(Status.BadArgument);
    const out = p.slot(8);
    expect(p.call('get_metric', [counter, out])).toBe(Status.Ok);
    expect(p.vm.memory.view.getBigUint64(out, true)).toBe(5n);
    expect(p.call('get_metric', [hist, out])).toBe(Status.BadArgument);
    expect(p.call('get_metric', [999, out])).toBe(Status.NotFound);
    expect(h.metric('temp')).toBe(40);
    const prom = h.env.metrics.renderPrometheus();
    expect(prom).toContain('envoy_wasmcustom_reqs 5');
    expect(prom).toContain('envoy_wasmcustom_lat_bucket{le="10"} 1');
  });
});

describe('calls out', () => {
  it('dispatches http_call to a known cluster and routes the answer to the root context', () => {
    const h = load({ clusters: { backend: null } });
    const p = probeOf(h);
    const enc = (pairs: [string, string][]) => {
      const parts: Buffer[] = [Buffer.alloc(4 + pairs.length * 8)];
      parts[0]!.writeUInt32LE(pairs.length, 0);
      pairs.forEach(([k, v], i) => {
        parts[0]!.writeUInt32LE(k.length, 4 + i * 8);
        parts[0]!.writeUInt32LE(v.length, 8 + i * 8);
        parts.push(Buffer.from(`${k}\0${v}\0`));
      });
      return Buffer.concat(parts);
    };
    const good = p.put(enc([[':method', 'GET'], [':path', '/x'], [':authority', 'backend']]));
    const tok = p.slot();
    const none = p.put('');
    expect(p.call('http_call', [...p.put('nowhere'), ...good, ...none, ...none, 100, tok])).toBe(Status.BadArgument);
    expect(p.call('http_call', [...p.put('backend'), ...p.put(enc([[':method', 'GET']])), ...none, ...none, 100, tok])).toBe(Status.BadArgument);
    expect(p.call('http_call', [...p.put('backend'), ...good, ...p.put('payload'), ...none, 100, tok])).toBe(Status.Ok);
    const call = h.nextHttpCall()!;
    expect(call.body.toString()).toBe('payload');
    expect(call.timeoutMs).toBe(100);
    h.respond(call, { status: 201, headers: { a: '1' }, body: 'answer' });
    const args = [0, 4, 8, 12, 16].map((o) => p.u32(REC.callArgs + o));
    expect(args).toEqual([p.vm.rootId, p.u32(tok), 2, 6, 0]);
    expect(p.returned(REC.callBody, REC.callBody + 4).toString()).toBe('answer');
    expect(p.returned(REC.callStatus, REC.callStatus + 4).toString()).toBe('201');
  });

  it('refuses gRPC hostcalls naming no cluster (PARSE_FAILURE, as Envoy) and unknown tokens', () => {
    const { p } = withStream();
    const z = p.slot();
    expect(p.call('grpc_call', [...p.put('nowhere'), 0, 0, 0, 0, 0, 0, 0, 0, 100, z])).toBe(Status.ParseFailure);
    expect(p.call('grpc_stream', [...p.put('nowhere'), 0, 0, 0, 0, 0, 0, z])).toBe(Status.ParseFailure);
    expect(p.call('grpc_call', [0, 1 << 30, 0, 0, 0, 0, 0, 0, 0, 0, 100, z])).toBe(Status.InvalidMemoryAccess);
    // a call token (odd) cannot be sent on; unknown stream tokens are NOT_FOUND
    expect(p.call('grpc_send', [1, 0, 0, 0])).toBe(Status.BadArgument);
    expect(p.call('grpc_send', [2, 0, 0, 0])).toBe(Status.NotFound);
    expect(p.call('grpc_cancel', [1])).toBe(Status.NotFound);
    expect(p.call('grpc_close', [2])).toBe(Status.NotFound);
  });

  it('calls foreign functions from the registry (compress/uncompress built in, embedders add more)', () => {
    const h = load();
    h.env.registerForeignFunction('reverse', (args) => Buffer.from(args).reverse());
    const p = probeOf(h);
    const [rp, rs] = [p.slot(), p.slot()];
    expect(p.call('call_foreign_function', [...p.put('reverse'), ...p.put('abc'), rp, rs])).toBe(Status.Ok);
    expect(p.returned(rp, rs).toString()).toBe('cba');
    expect(p.call('call_foreign_function', [...p.put('compress'), ...p.put('aaaaaaaaaaaaaaaa'), rp, rs])).toBe(Status.Ok);
    const z = p.put(p.returned(rp, rs));
    expect(p.call('call_foreign_function', [...p.put('uncompress'), ...z, rp, rs])).toBe(Status.Ok);
    expect(p.returned(rp, rs).toString()).toBe('aaaaaaaaaaaaaaaa');
    expect(p.call('call_foreign_function', [...p.put('missing'), ...p.put(''), rp, rs])).toBe(Status.NotFound);
  });
});

describe('logging, time, contexts', () => {
  it('logs under the filter name at or above the level filters can query', () => {
    const h = load({ logLevel: 'warn' });
    const p = probeOf(h);
    const lv = p.slot();
    expect(p.call('get_log_level', [lv])).toBe(Status.Ok);
    expect(p.u32(lv)).toBe(3);
    p.call('log', [2, ...p.put('quiet')]);
    p.call('log', [4, ...p.put('loud')]);
    expect(h.logs('probe').map((r) => [r.level, r.message])).toEqual([[4, 'loud']]);
  });

  it('reads the (manual) clock in nanoseconds', () => {
    const h = load({ startTime: 1_700_000_000_000 });
    const p = probeOf(h);
    const t = p.slot(8);
    expect(p.call('get_current_time_nanoseconds', [t])).toBe(Status.Ok);
    expect(p.vm.memory.view.getBigUint64(t, true)).toBe(1_700_000_000_000_000_000n);
  });

  it('sets the effective context only to a live context', () => {
    const { p } = withStream();
    expect(p.call('set_effective_context', [p.stream.id])).toBe(Status.Ok);
    expect(p.call('set_effective_context', [12345])).toBe(Status.BadArgument);
    p.vm.effective = null;
  });

  it('sends a local response after the callback, through the response path', () => {
    const { p, s } = withStream();
    expect(p.call('send_local_response', [451, ...p.put('legal'), ...p.put('gone'), 0, 0, -1], p.stream)).toBe(Status.Ok);
    expect(s.status).toBeUndefined(); // not yet: effects apply after the callback returns
    s.stream.applyPending(p.stream.host as never);
    expect(s.status).toBe(451);
    expect(s.downstream.body.toString()).toBe('gone');
    expect(s.stream.info.responseCodeDetails).toBe('legal');
  });
});
