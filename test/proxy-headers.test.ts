/**
 * Unit tests of the host's data structures (beside the end-to-end tests): header maps and their
 * proxy-wasm encoding, body buffers with Envoy's edit rules, metrics rendering.
 */
import { describe, expect, it } from 'vitest';
import { BodyBuffer } from '../hosts/proxy/body.js';
import { decodeMap, HeaderMap, MAX_MAP_PAIRS } from '../hosts/proxy/headers.js';
import { Metrics } from '../hosts/proxy/metrics.js';

describe('HeaderMap', () => {
  it('round-trips through the proxy-wasm encoding, bytes included', () => {
    const m = HeaderMap.from([[':path', '/'], ['X-Bin', '\u00ff\u0080 é'], ['x-bin', 'second']]);
    const enc = m.encode();
    expect(enc.length).toBe(m.encodedSize());
    const back = decodeMap(enc, 0, enc.length)!;
    expect(back.pairs()).toEqual([[':path', '/'], ['x-bin', '\u00ff\u0080 é'], ['x-bin', 'second']]);
  });

  it('replaces the first value and drops later ones; removes all', () => {
    const m = HeaderMap.from([['a', '1'], ['b', '2'], ['a', '3']]);
    m.set('A', 'x');
    expect(m.pairs()).toEqual([['a', 'x'], ['b', '2']]);
    expect(m.remove('b')).toBe(true);
    expect(m.remove('b')).toBe(false);
    expect(m.byteSize()).toBe(2);
  });

  it('refuses malformed or oversized encodings', () => {
    const m = HeaderMap.from([['k', 'v']]).encode();
    expect(decodeMap(m, 0, m.length - 1)).toBeUndefined();
    const big = new Uint8Array(8);
    new DataView(big.buffer).setUint32(0, MAX_MAP_PAIRS + 1, true);
    expect(decodeMap(big, 0, big.length)).toBeUndefined();
    expect(decodeMap(new Uint8Array(0), 0, 0)!.size).toBe(0);
  });
});

describe('BodyBuffer', () => {
  it('copies ranges across chunks and edits like Envoy', () => {
    const b = new BodyBuffer();
    b.push(Buffer.from('hello '));
    b.push(Buffer.from('world'));
    const out = new Uint8Array(5);
    b.copyTo(out, 0, 4, 5);
    expect(Buffer.from(out).toString()).toBe('o wor');
    b.replacePrefix(5, Buffer.from('HOWDY'));
    expect(b.peek().toString()).toBe('HOWDY world');
    b.replacePrefix(1 << 30, Buffer.from('all'));
    expect(b.take().toString()).toBe('all');
    expect(b.length).toBe(0);
  });
});

describe('Metrics', () => {
  it('renders Prometheus text with labels and histograms', () => {
    const m = new Metrics();
    m.counter('envoy_x_total', { a: 'q"uote' }, 'help text').inc(3);
    const id = m.define(2, 'lat ms')!;
    m.record(id, 3);
    m.record(id, 700);
    const text = m.renderPrometheus();
    expect(text).toContain('# HELP envoy_x_total help text');
    expect(text).toContain('envoy_x_total{a="q\\"uote"} 3');
    expect(text).toContain('envoy_wasmcustom_lat_ms_bucket{le="5"} 1');
    expect(text).toContain('envoy_wasmcustom_lat_ms_count 2');
    expect(text).toContain('envoy_wasmcustom_lat_ms_sum 703');
  });
});
