/**
 * The callback lifecycle, as Envoy runs it, observed through the harness with a recorder filter
 * (filters/http/recorder.ts logs every callback with its size and end_of_stream): root context
 * start and configure, lazy stream contexts, headers/body/trailers in both directions, PAUSE
 * holding a stream with its body buffered and re-delivered at the larger size, continue from a
 * tick through the effective context, local responses running response callbacks, and
 * on_done → on_log → on_delete at the end.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { FILTERS } from './fixtures/proxy/support.js';
import { wat } from './helpers/wat.js';

const REC = join(FILTERS, 'recorder.wasm');
const recorder = (cfg: object = {}, name = 'rec') => ({ wasm: REC, name, configuration: JSON.stringify(cfg), vmConfiguration: 'vm-cfg' });
const calls = (h: FilterHarness, name = 'rec') => h.messages(name);

describe('root context', () => {
  it('starts the VM with its configuration, then configures the plugin (canary first)', () => {
    const h = FilterHarness.load(recorder({ tick_ms: 100 }));
    // canary VM, then the real one: each gets vm_start with the VM configuration, then configure
    expect(calls(h)).toEqual(['vm_start 6 vm-cfg', 'configure 15', 'vm_start 6 vm-cfg', 'configure 15']);
    expect(h.plugin('rec').tickPeriodMs).toBe(100);
  });
});

describe('stream callbacks', () => {
  it('creates the stream context lazily and runs every callback in order with sizes and end_of_stream', () => {
    const h = FilterHarness.load(recorder());
    const before = calls(h).length;
    const s = h.stream();
    expect(calls(h).length).toBe(before);
    s.sendRequestHeaders({ ':method': 'POST', 'x-a': '1' });
    s.sendRequestBody('abc');
    s.sendRequestBody('de', { endOfStream: true });
    s.sendResponseHeaders({ 'content-type': 'text/plain' });
    s.sendResponseBody('xyz', { endOfStream: true });
    const log = calls(h).slice(before);
    // pseudo-headers :authority :path :scheme :method + x-a = 5 headers; 2 response headers
    expect(log).toEqual([
      expect.stringMatching(/^create \d+$/),
      'request_headers 5 more',
      'request_body 3 more',
      'request_body 2 eos',
      'response_headers 2 more',
      'response_body 3 eos',
      'done',
      'log 200',
    ]);
    expect(s.finished).toBe(true);
    expect(s.upstream.body.toString()).toBe('abcde');
    expect(s.downstream.body.toString()).toBe('xyz');
    // on_delete removed the context from the VM
    expect([...h.plugin('rec').vm!.contexts.values()].every((c) => c.kind === 'root')).toBe(true);
  });

  it('passes headers-only requests with end_of_stream on the headers', () => {
    const h = FilterHarness.load(recorder());
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    expect(calls(h).at(-1)).toBe('request_headers 4 eos');
    expect(s.upstream.ended).toBe(true);
  });

  it('delivers trailers after a body whose last chunk had no end_of_stream', () => {
    const h = FilterHarness.load(recorder());
    const s = h.stream().sendRequestHeaders({ ':method': 'POST' }).sendRequestBody('x').sendRequestTrailers({ 'x-checksum': 'abc' });
    expect(calls(h).slice(-2)).toEqual(['request_body 1 more', 'request_trailers 1 more']);
    expect(s.upstream.trailers?.get('x-checksum')).toBe('abc');
    s.sendResponseHeaders({}).sendResponseBody('y').sendResponseTrailers({ 'grpc-status': '0' });
    expect(calls(h).slice(-4)).toEqual(['response_body 1 more', 'response_trailers 1 more', 'done', 'log 200']);
    expect(s.downstream.trailers?.get('grpc-status')).toBe('0');
  });
});

describe('PAUSE', () => {
  it('holds paused headers; body arriving meanwhile is re-delivered at the larger size; Continue releases all', () => {
    const h = FilterHarness.load(recorder({ pause: ['request_headers'], pause_until_eos: true }));
    const s = h.stream().sendRequestHeaders({ ':method': 'PUT' });
    expect(s.upstream.headers).toBeUndefined();
    s.sendRequestBody('1234');
    s.sendRequestBody('5678');
    expect(s.upstream.headers).toBeUndefined();
    s.sendRequestBody('9', { endOfStream: true });
    expect(calls(h).slice(-3)).toEqual(['request_body 4 more', 'request_body 8 more', 'request_body 9 eos']);
    expect(s.upstream.headers).toBeDefined();
    expect(s.upstream.body.toString()).toBe('123456789');
    expect(s.upstream.chunks).toBe(1); // released in one piece
    expect(s.upstream.ended).toBe(true);
  });

  it('lets a later filter see the body only after the earlier one continues', () => {
    const h = FilterHarness.load([recorder({ pause_until_eos: true }, 'first'), recorder({}, 'second')]);
    const s = h.stream().sendRequestHeaders({ ':method': 'POST' });
    s.sendRequestBody('ab').sendRequestBody('cd', { endOfStream: true });
    expect(calls(h, 'first').filter((m) => m.startsWith('request_body'))).toEqual(['request_body 2 more', 'request_body 4 eos']);
    expect(calls(h, 'second').filter((m) => m.startsWith('request_body'))).toEqual(['request_body 4 eos']);
    expect(s.upstream.body.toString()).toBe('abcd');
  });

  it('resumes a paused stream from on_tick through proxy_set_effective_context', () => {
    const h = FilterHarness.load(recorder({ pause: ['request_headers', 'response_headers'], resume_on_tick: true, tick_ms: 50 }));
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    expect(s.upstream.headers).toBeUndefined();
    h.advance(50);
    expect(calls(h)).toContain('tick 1');
    expect(s.upstream.headers).toBeDefined();
    s.sendResponseHeaders({}, { endOfStream: true });
    expect(s.downstream.headers).toBeUndefined();
    h.advance(50);
    expect(s.status).toBe(200);
    expect(s.finished).toBe(true);
  });
});

describe('local responses', () => {
  it('answer the client, skip the upstream, and still run the response callbacks of created contexts', () => {
    const h = FilterHarness.load([recorder({}, 'outer'), recorder({ local_reply_on: 'request_headers' }, 'replier'), recorder({}, 'inner')]);
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    expect(s.localResponse).toMatchObject({ status: 418, body: 'local from request_headers' });
    expect(s.localResponse!.headers.get('x-local')).toBe('request_headers');
    expect(s.upstream.headers).toBeUndefined();
    expect(s.upstreamAborted).toBe(true);
    // response callbacks ran on the replier and the filter before it, in reverse order
    expect(calls(h, 'replier')).toContain('response_headers 4 more');
    expect(calls(h, 'outer')).toContain('response_body 26 eos');
    // the filter after it never had a context
    expect(calls(h, 'inner').some((m) => m.startsWith('create'))).toBe(false);
    expect(s.finished).toBe(true);
  });

  it('replace the upstream response when sent from a response callback', () => {
    const h = FilterHarness.load(recorder({ local_reply_on: 'response_headers' }));
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    s.sendResponseHeaders({ ':status': '200', 'content-length': '5' });
    expect(s.status).toBe(418);
    expect(s.downstream.body.toString()).toBe('local from response_headers');
    s.sendResponseBody('ignored', { endOfStream: true });
    expect(s.downstream.body.toString()).toBe('local from response_headers');
  });
});

describe('end of stream', () => {
  it('runs on_done and on_log when the client goes away mid-stream', () => {
    const h = FilterHarness.load(recorder());
    const s = h.stream().sendRequestHeaders({ ':method': 'POST' }).sendRequestBody('partial');
    s.abort();
    expect(calls(h).slice(-2)).toEqual(['done', 'log -']);
    expect(s.finished).toBe(true);
  });
});

describe('on_done returning false', () => {
  // a module whose stream contexts answer on_done with false and finish later with proxy_done
  const deferred = wat(`(module
    (import "env" "proxy_set_tick_period_milliseconds" (func $tick (param i32) (result i32)))
    (import "env" "proxy_set_effective_context" (func $eff (param i32) (result i32)))
    (import "env" "proxy_done" (func $done (result i32)))
    (memory (export "memory") 1)
    (global $waiting (mut i32) (i32.const 0))
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "proxy_on_context_create") (param i32 i32))
    (func (export "proxy_on_configure") (param i32 i32) (result i32) (drop (call $tick (i32.const 10))) i32.const 1)
    (func (export "proxy_on_done") (param $c i32) (result i32) (global.set $waiting (local.get $c)) i32.const 0)
    (func (export "proxy_on_log") (param i32) (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
    (func (export "proxy_on_delete") (param i32) (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (i32.const 1))))
    (func (export "proxy_on_tick") (param i32)
      (if (global.get $waiting) (then
        (drop (call $eff (global.get $waiting)))
        (i32.store (i32.const 8) (call $done))
        (global.set $waiting (i32.const 0))))))`);

  it('waits for proxy_done before on_log and on_delete', () => {
    const h = FilterHarness.load({ wasm: deferred, name: 'deferred' });
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true }).sendResponseHeaders({}, { endOfStream: true });
    const mem = h.plugin('deferred').vm!.memory.view;
    expect(s.status).toBe(200);
    expect([mem.getUint32(0, true), mem.getUint32(4, true)]).toEqual([0, 0]);
    h.advance(10);
    expect(mem.getUint32(8, true)).toBe(0); // proxy_done answered OK
    expect([mem.getUint32(0, true), mem.getUint32(4, true)]).toEqual([1, 1]);
  });
});
