/**
 * proxy_clear_route_cache: a filter that rewrites the request's :path and clears the route cache
 * gets the request routed by the new path (the router picks the route once the headers have
 * passed every filter, so the rewritten headers decide).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, envoyYaml, send, startProxy, startUpstream } from './fixtures/proxy/support.js';
import { wat } from './helpers/wat.js';

afterEach(cleanup);
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-route-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rewriter = wat(`(module
  (import "env" "proxy_replace_header_map_value" (func $replace (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_clear_route_cache" (func $clear (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) ":path")
  (data (i32.const 16) "/b/moved")
  (func (export "malloc") (param i32) (result i32) i32.const 1024)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (i32.store (i32.const 100) (call $replace (i32.const 0) (i32.const 0) (i32.const 5) (i32.const 16) (i32.const 8)))
    (i32.store (i32.const 104) (call $clear))
    i32.const 0)
)`);

describe('proxy_clear_route_cache', () => {
  it('routes by the headers as the filters left them', async () => {
    const file = join(dir, 'rewriter.wasm');
    writeFileSync(file, rewriter);
    const a = await startUpstream();
    const b = await startUpstream();
    const px = await startProxy(
      envoyYaml({
        clusters: { a: [a.port], b: [b.port] },
        routes: [
          { prefix: '/b/', cluster: 'b' },
          { prefix: '/', cluster: 'a' },
        ],
        filters: [{ name: 'rewriter', file }],
      }),
    );
    const r = await send(px.port, '/a/original');
    expect([r.status, r.body]).toEqual([200, 'GET /b/moved ']);
    expect([a.seen.length, b.seen.length]).toEqual([0, 1]);
    const vm = px.proxy.listeners[0]!.plugins[0]!.vm!;
    expect([vm.memory.view.getUint32(100, true), vm.memory.view.getUint32(104, true)]).toEqual([0, 0]);
  });
});
