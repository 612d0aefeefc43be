/**
 * A filter that exports no body or trailer callbacks (add_headers exports only its header
 * callbacks) is skipped for those: body chunks, end of stream and trailers pass its position
 * without being buffered there, in both directions, and reach the filters beyond it and the two
 * ends unchanged, as if it had answered Continue.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { FILTERS } from './fixtures/proxy/support.js';

const f = (name: string) => join(FILTERS, `${name}.wasm`);
const headersOnly = { wasm: f('add_headers'), configuration: JSON.stringify({ request: { add: { 'x-req': '1' } }, response: { add: { 'x-res': '1' } } }) };
const redact = { wasm: f('json_redact'), configuration: JSON.stringify({ fields: ['password'] }) };

describe('callbacks a module does not export', () => {
  it('body and trailers pass a headers-only filter in both directions', () => {
    const h = FilterHarness.load([headersOnly]);
    const before = h.plugin('add_headers').stats.calls; // the root's start callbacks
    const s = h.stream();
    s.sendRequestHeaders({ ':method': 'POST', ':path': '/up' });
    s.sendRequestBody('ab');
    s.sendRequestBody('cd');
    s.sendRequestTrailers({ 'x-req-trailer': 't' });
    expect(s.upstream.headers?.get('x-req')).toBe('1');
    expect(s.upstream.body.toString()).toBe('abcd');
    expect(s.upstream.chunks).toBe(2); // passed chunk by chunk, never held
    expect(s.upstream.trailers?.get('x-req-trailer')).toBe('t');
    expect(s.upstream.ended).toBe(true);
    s.sendResponseHeaders({ ':status': '200' });
    s.sendResponseBody('ef');
    s.sendResponseBody('gh', { endOfStream: true });
    expect(s.responseHeaders?.['x-res']).toBe('1');
    expect(s.downstream.body.toString()).toBe('efgh');
    expect(s.downstream.chunks).toBe(2);
    expect(s.finished).toBe(true);
    // context_create, both header callbacks, delete: nothing else was entered
    expect(h.plugin('add_headers').stats.calls - before).toBe(4);
    h.close();
  });

  it('a body-buffering filter behind it still sees every chunk and the end of stream', () => {
    // response order is reversed: add_headers sees the response first, json_redact after it
    const h = FilterHarness.load([redact, headersOnly]);
    const s = h.stream();
    s.sendRequestHeaders({ ':path': '/user' }, { endOfStream: true });
    s.sendResponseHeaders({ ':status': '200', 'content-type': 'application/json' });
    s.sendResponseBody('{"name":"a",');
    expect(s.downstream.body.length).toBe(0); // json_redact holds the body until it is complete
    s.sendResponseBody('"password":"hunter2"}', { endOfStream: true });
    expect(s.responseHeaders?.['x-res']).toBe('1');
    expect(JSON.parse(s.downstream.body.toString())).toEqual({ name: 'a', password: '[redacted]' });
    expect(s.finished).toBe(true);
    h.close();
  });
});
