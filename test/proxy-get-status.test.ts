/**
 * proxy_get_status: after an http call's answer arrives, the status of that call — OK with an
 * empty message for an answer, INTERNAL_FAILURE with a message when the call failed (reset,
 * timeout, unreachable cluster).
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../hosts/proxy/abi.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { HeaderMap } from '../hosts/proxy/headers.js';
import { probeOf, probeWasm } from './fixtures/proxy/probe.js';

describe('proxy_get_status', () => {
  it('reports how the last http call ended', () => {
    const h = FilterHarness.load({ wasm: probeWasm(), name: 'probe' }, { clusters: { backend: null } });
    const p = probeOf(h);
    const headers = p.put(new HeaderMap([':method', ':path', ':authority'], ['GET', '/', 'backend']).encode());
    const none = p.put('');
    const tok = p.slot();
    const [code, mp, ms] = [p.slot(), p.slot(), p.slot()];

    expect(p.call('http_call', [...p.put('backend'), ...headers, ...none, ...none, 1000, tok])).toBe(Status.Ok);
    h.respond(h.nextHttpCall()!, null); // the call failed
    expect(p.call('get_status', [code, mp, ms])).toBe(Status.Ok);
    expect(p.u32(code)).toBe(Status.InternalFailure);
    expect(p.returned(mp, ms).toString()).toBe('http call failed');

    expect(p.call('http_call', [...p.put('backend'), ...headers, ...none, ...none, 1000, tok])).toBe(Status.Ok);
    h.respond(h.nextHttpCall()!, { status: 200, body: 'fine' });
    expect(p.call('get_status', [code, mp, ms])).toBe(Status.Ok);
    expect(p.u32(code)).toBe(Status.Ok);
    expect(p.u32(ms)).toBe(0);
  });
});
