#!/usr/bin/env node
/*
 * `node bench/proxy/chain.mjs` (after `node scripts/build.mjs`): what the filter chain itself costs
 * per request, in process and without sockets: the bench's 3-filter chain (add_headers → auth →
 * rate_limit, unmetered) and an empty chain driven through the proxy's HttpStream with the same
 * request and response headers, 32 streams in flight as in `npm run bench:proxy`. It reports CPU
 * time (process.cpuUsage) per request, the minimum and median over batches, and the chain's cost
 * (3 filters minus the empty chain). CPU time and minima make it far steadier than the socket
 * benchmark on a shared machine, so it is the quick check of a change to the request path; inside
 * the proxy the same work costs several times more (node:http evicts the interpreter's code and
 * data between callbacks), so only the socket benchmark gives the throughput ratio.
 * Options: --batches <n> (default 15), --requests <n> per batch (default 4000),
 * --tier interpreter|compiled|auto (default interpreter).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { batches: { type: 'string' }, requests: { type: 'string' }, tier: { type: 'string' } } });
const batches = Number(values.batches ?? 15);
const per = Number(values.requests ?? 4000);
const tier = values.tier ?? 'interpreter';
if (tier !== 'interpreter') await import(join(root, 'dist/compiled.js'));
const { FilterHarness, HeaderMap, HttpStream } = await import(join(root, 'dist/proxy-wasm.js'));

const wasm = (name) => join(root, 'filters/http/build', `${name}.wasm`);
const limits = { fuelPerCallback: 0, tier };
const chain = FilterHarness.load(
  [
    { wasm: wasm('add_headers'), configuration: JSON.stringify({ request: { add: { 'x-bench': '1' } }, response: { add: { 'x-served-by': 'wasmlet' } } }), limits },
    { wasm: wasm('auth'), configuration: JSON.stringify({ api_keys: ['bench-key'] }), limits },
    { wasm: wasm('rate_limit'), configuration: JSON.stringify({ capacity: 1e12, refill: 1e12, interval_ms: 1000 }), limits },
  ],
  { logLevel: 'error' },
);
const info0 = chain.stream().stream.info;

let passed = 0;
let filtered = false;
const sink = {
  // the chain added its header and took the API key away; the empty chain changed nothing
  upstreamHeaders: (h) => {
    if (filtered ? h.get('x-bench') === '1' && !h.has('x-api-key') : h.get('x-api-key') === 'bench-key') passed++;
  },
  upstreamData() {},
  upstreamTrailers() {},
  abortUpstream() {
    throw new Error('the chain answered locally');
  },
  downstreamHeaders() {},
  downstreamData() {},
  downstreamTrailers() {},
  reset(reason) {
    throw new Error(`stream reset: ${reason}`);
  },
};
const BODY = Buffer.from('hello from upstream\n');
const reqKeys = [':method', ':path', ':authority', ':scheme', 'x-api-key', 'x-request-id', 'x-forwarded-proto'];
const reqValues = ['GET', '/bench', '127.0.0.1:10000', 'http', 'bench-key', '2b1f0e9e-7c39-4d8a-9d1e-5f7f3e0b1a2c', 'http'];
const resKeys = [':status', 'content-type', 'content-length', 'date', 'connection', 'keep-alive'];
const resValues = ['200', 'text/plain', '20', 'Mon, 07 Dec 2026 09:00:00 GMT', 'keep-alive', 'timeout=60'];

/** CPU µs per request of `n` requests through `plugins`, 32 in flight */
function batch(plugins, n) {
  filtered = plugins.length > 0;
  const ring = [];
  const respond = (s) => {
    s.encodeHeaders(new HeaderMap(resKeys.slice(), resValues.slice()), false);
    s.encodeData(BODY, true);
    if (!s.finished) throw new Error('stream did not finish');
  };
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const s = new HttpStream(plugins, sink, { ...info0, filterState: undefined });
    s.decodeHeaders(new HeaderMap(reqKeys.slice(), reqValues.slice()), true);
    ring.push(s);
    if (ring.length > 32) respond(ring.shift());
  }
  for (const s of ring) respond(s);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const runs = { bare: [], chain: [] };
for (let b = 0; b < batches; b++) {
  runs.bare.push(batch([], per));
  runs.chain.push(batch(chain.plugins, per));
}
if (passed !== 2 * batches * per) throw new Error(`only ${passed} of ${2 * batches * per} requests reached the upstream`);
// the first batches warm up the JIT
const steady = (xs) => xs.slice(Math.min(3, xs.length - 1));
const min = (xs) => Math.min(...steady(xs));
const median = (xs) => [...steady(xs)].sort((a, b) => a - b)[steady(xs).length >> 1];
console.log(`filter chain in process (${tier}, ${batches} batches × ${per} requests, 32 in flight, node ${process.version}), CPU µs per request:`);
console.log(`  empty chain  min ${min(runs.bare).toFixed(2)}  median ${median(runs.bare).toFixed(2)}`);
console.log(`  3 filters    min ${min(runs.chain).toFixed(2)}  median ${median(runs.chain).toFixed(2)}`);
console.log(`  chain cost   ${(min(runs.chain) - min(runs.bare)).toFixed(2)} µs (minima)`);
chain.close();
