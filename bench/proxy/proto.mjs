#!/usr/bin/env node
/*
 * `npm run bench:proxy` (third part): requests/s and p50/p99 latency through `wasmlet proxy` (the
 * real CLI in a child process) over HTTP/2 (h2c, prior knowledge) and over TLS (HTTP/1.1,
 * keep-alive), bare proxy vs 1 filter (add_headers), upstream HTTP/1.1 in its own process; then
 * h2c to an HTTP/2 cluster (upstream HTTP/2, an h2c server in its own process) and gRPC
 * pass-through (unary calls from a @grpc/grpc-js client through an h2c listener and an HTTP/2
 * cluster to a @grpc/grpc-js server in its own process). --only <text> runs the cases whose
 * label contains it.
 * autocannon speaks neither h2 nor lets us pick ALPN, so the load is generated here: a fixed
 * number of requests in flight (--concurrency, default 32: 4 h2 sessions × 8 streams, or 32
 * keep-alive TLS connections). Cases run interleaved for --rounds (default 3) of --duration s
 * (default 5) after a --warmup (default 3 s); each case reports its median round.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:http2';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { credentials, makeGenericClientConstructor } from '@grpc/grpc-js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string' }, rounds: { type: 'string' }, warmup: { type: 'string' }, concurrency: { type: 'string' }, only: { type: 'string' } } });
const duration = Number(values.duration ?? 5);
const warmup = Number(values.warmup ?? 3);
const rounds = Number(values.rounds ?? 3);
const concurrency = Number(values.concurrency ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-bench-proto-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-subj', '/CN=localhost', '-days', '1'], { cwd: dir, stdio: 'ignore' });

const UPSTREAM = `
const BODY = 'hello from upstream\\n';
const s = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length }); res.end(BODY); });
});
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));
`;
const UPSTREAM_H2 = `
const BODY = 'hello from upstream\\n';
const s = require('node:http2').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length }); res.end(BODY); });
});
s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));
`;
const GRPC_SERVICE = `
const raw = (b) => b;
const SERVICE = { Unary: { path: '/bench.Echo/Unary', requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw } };
`;
const GRPC_SERVER = `${GRPC_SERVICE}
const grpc = require('@grpc/grpc-js');
const s = new grpc.Server();
s.addService(SERVICE, { Unary: (call, cb) => cb(null, call.request) });
s.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, port) => console.log('port ' + port));
`;

function child(script) {
  const c = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
  const port = new Promise((resolve) => {
    let out = '';
    c.stdout.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  return { c, port };
}
const up1 = child(UPSTREAM);
const up2 = child(UPSTREAM_H2);
const upG = child(GRPC_SERVER);
const upstreams = [up1.c, up2.c, upG.c];
const upPorts = { h1: await up1.port, h2: await up2.port, grpc: await upG.port };

const ADD = `          - name: envoy.filters.http.wasm
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
              config:
                name: add_headers
                configuration: { "@type": type.googleapis.com/google.protobuf.StringValue, value: ${JSON.stringify(JSON.stringify({ request: { add: { 'x-bench': '1' } }, response: { add: { 'x-served-by': 'wasmlet' } } }))} }
                wasmlet_limits: { fuel_per_callback: 0 }
                vm_config: { vm_id: add_headers, runtime: envoy.wasm.runtime.v8, code: { local: { filename: ${JSON.stringify(join(root, 'filters/http/build/add_headers.wasm'))} } } }
`;

/** proto: the downstream ('h2c', 'tls'); up: the cluster ('h1', 'h2', 'grpc': the last two HTTP/2) */
function config(proto, filter, up) {
  const tls = proto === 'tls' ? `      transport_socket: { name: envoy.transport_sockets.tls, typed_config: { "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext, common_tls_context: { tls_certificates: [{ certificate_chain: { filename: ${JSON.stringify(join(dir, 'cert.pem'))} }, private_key: { filename: ${JSON.stringify(join(dir, 'key.pem'))} } }] } } }\n` : '';
  return `admin: { address: { socket_address: { address: 127.0.0.1, port_value: 0 } } }
static_resources:
  listeners:
  - name: bench
    address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: bench
          codec_type: ${proto === 'tls' ? 'HTTP1' : 'HTTP2'}
          route_config:
            virtual_hosts: [{ name: all, domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: up } }] }]
          http_filters:
${filter ? ADD : ''}          - name: envoy.filters.http.router
            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
${tls}  clusters:
  - name: up
    connect_timeout: 1s
${up === 'h1' ? '' : '    http2_protocol_options: {}\n'}    load_assignment:
      cluster_name: up
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: ${upPorts[up]} } } } }] }]
`;
}

async function startProxy(name, proto, filter, up) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, config(proto, filter, up));
  const child = spawn(process.execPath, [join(root, 'bin/wasmlet.js'), 'proxy', '--config', file, '--log-level', 'error'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    child.on('exit', (c) => reject(new Error(`proxy exited with ${c}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  return { port, stop: () => new Promise((r) => { child.removeAllListeners('exit'); child.once('exit', r); child.kill('SIGTERM'); }) };
}

/** keep `concurrency` requests in flight for `seconds`; latencies in ms */
async function load(proto, port, seconds) {
  const lat = [];
  let bad = 0;
  const end = performance.now() + seconds * 1000;
  let one;
  let close;
  if (proto === 'grpc') {
    const clients = [0, 1, 2, 3].map(() => new (makeGenericClientConstructor(GRPC_DEF, 'Echo'))(`127.0.0.1:${port}`, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }));
    let i = 0;
    const msg = Buffer.from('hello from the client');
    one = () => new Promise((resolve) => {
      clients[i++ % clients.length].Unary(msg, (err) => { if (err) bad++; resolve(); });
    });
    close = () => { for (const c of clients) c.close(); };
  } else if (proto === 'h2c') {
    const sessions = await Promise.all([0, 1, 2, 3].map(() => new Promise((resolve, reject) => { const s = connect(`http://127.0.0.1:${port}`); s.once('connect', () => resolve(s)); s.once('error', reject); })));
    let i = 0;
    one = () => new Promise((resolve) => {
      const req = sessions[i++ % sessions.length].request({ ':path': '/bench' });
      req.on('response', (h) => { if (h[':status'] !== 200) bad++; });
      req.on('data', () => undefined);
      req.on('end', resolve);
      req.on('error', () => { bad++; resolve(); });
    });
    close = () => { for (const s of sessions) s.close(); };
  } else {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency, rejectUnauthorized: false });
    one = () => new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/bench', agent }, (res) => { if (res.statusCode !== 200) bad++; res.resume(); res.on('end', resolve); });
      req.on('error', () => { bad++; resolve(); });
      req.end();
    });
    close = () => agent.destroy();
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const s = performance.now();
      await one();
      lat.push(performance.now() - s);
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  close();
  lat.sort((a, b) => a - b);
  return { rps: lat.length / secs, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)], bad };
}

const raw = (b) => b;
const GRPC_DEF = { Unary: { path: '/bench.Echo/Unary', requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw } };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`wasmlet proxy over h2c and TLS, to HTTP/1.1 and HTTP/2 clusters, gRPC pass-through: ${concurrency} requests in flight, ${warmup} s warm-up, ${rounds} rounds × ${duration} s per case (node ${process.version})\n`);
// [label, load protocol, filter, cluster]
const all = [
  ['h2c bare', 'h2c', false, 'h1'],
  ['h2c 1 filter', 'h2c', true, 'h1'],
  ['tls bare', 'tls', false, 'h1'],
  ['tls 1 filter', 'tls', true, 'h1'],
  ['h2c→h2 bare', 'h2c', false, 'h2'],
  ['h2c→h2 1 filter', 'h2c', true, 'h2'],
  ['grpc bare', 'grpc', false, 'grpc'],
  ['grpc 1 filter', 'grpc', true, 'grpc'],
];
const cases = values.only ? all.filter(([l]) => l.includes(values.only)) : all;
const running = [];
try {
  const ports = new Map();
  for (const [label, proto, filter, up] of cases) {
    const px = await startProxy(label.replace(/[^a-z0-9]+/gi, '-'), proto === 'grpc' ? 'h2c' : proto, filter, up);
    running.push(px);
    ports.set(label, px.port);
  }
  for (const [label, proto] of cases) await load(proto, ports.get(label), warmup);
  const results = new Map(cases.map(([l]) => [l, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [label, proto] of cases) results.get(label).push(await load(proto, ports.get(label), duration));
    console.log(`round ${r + 1}: ${cases.map(([l]) => `${l} ${results.get(l).at(-1).rps.toFixed(0)}`).join(', ')} req/s`);
  }
  console.log('');
  for (const [label] of cases) {
    const rs = results.get(label);
    const bad = rs.reduce((a, x) => a + x.bad, 0);
    console.log(`${label.padEnd(16)} ${median(rs.map((x) => x.rps)).toFixed(0).padStart(7)} req/s   p50 ${median(rs.map((x) => x.p50)).toFixed(1).padStart(5)} ms   p99 ${median(rs.map((x) => x.p99)).toFixed(1).padStart(5)} ms${bad ? `   (${bad} errors/non-200)` : ''}`);
  }
} finally {
  for (const px of running) await px.stop();
  for (const u of upstreams) u.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
