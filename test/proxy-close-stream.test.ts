/**
 * proxy_close_stream: recorded during the callback, applied when it returns, as Envoy does — the
 * stream is reset (no response for the client, the upstream request abandoned); outside a stream
 * context it answers NOT_FOUND, and an unknown stream type BAD_ARGUMENT.
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../hosts/proxy/abi.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { probeOf, probeWasm } from './fixtures/proxy/probe.js';

describe('proxy_close_stream', () => {
  it('resets the stream after the callback returns', () => {
    const h = FilterHarness.load({ wasm: probeWasm({ requestHeadersResult: 0 }), name: 'probe' });
    const s = h.stream().sendRequestHeaders({ ':method': 'GET', ':path': '/', ':authority': 'x' }, { endOfStream: true });
    expect(s.upstream.headers).toBeDefined(); // the probe continued the request
    const p = probeOf(h);
    expect(p.call('close_stream', [9], p.stream)).toBe(Status.BadArgument);
    expect(p.call('close_stream', [0], p.root)).toBe(Status.NotFound);
    expect(p.call('close_stream', [0], p.stream)).toBe(Status.Ok);
    expect(s.finished).toBe(false); // effects wait for the end of the callback
    s.stream.applyPending(p.stream.host as never);
    expect(s.finished).toBe(true);
    expect(s.resetReason).toBe('wasm_close_stream');
    expect(s.upstreamAborted).toBe(true);
    expect(s.downstream.headers).toBeUndefined();
  });
});
