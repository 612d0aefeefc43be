#!/usr/bin/env node
/*
 * `npm run bench:proxy` (third part): requests/s and p50/p99 latency through `wasmlet proxy` (the
 * real CLI in a child process) over HTTP/2 (h2c, prior knowledge) and over TLS (HTTP/1.1,
 * keep-alive), bare proxy vs 1 filter (add_headers), upstream HTTP/1.1 in its own process.
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

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string' }, rounds: { type: 'string' }, warmup: { type: 'string' }, concurrency: { type: 'string' } } });
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
const upstream = spawn(process.execPath, ['-e', UPSTREAM], { stdio: ['ignore', 'pipe', 'inherit'] });
const upPort = await new Promise((resolve) => {
  let out = '';
  upstream.stdout.on('data', (d) => {
    out += d;
    const m = /port (\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
});

const ADD = `          - name: envoy.filters.http.wasm
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
              config:
                name: add_headers
                configuration: { "@type": type.googleapis.com/google.protobuf.StringValue, value: ${JSON.stringify(JSON.stringify({ request: { add: { 'x-bench': '1' } }, response: { add: { 'x-served-by': 'wasmlet' } } }))} }
                wasmlet_limits: { fuel_per_callback: 0 }
                vm_config: { vm_id: add_headers, runtime: envoy.wasm.runtime.v8, code: { local: { filename: ${JSON.stringify(join(root, 'filters/http/build/add_headers.wasm'))} } } }
`;

function config(proto, filter) {
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
          codec_type: ${proto === 'h2c' ? 'HTTP2' : 'HTTP1'}
          route_config:
            virtual_hosts: [{ name: all, domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: up } }] }]
          http_filters:
${filter ? ADD : ''}          - name: envoy.filters.http.router
            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
${tls}  clusters:
  - name: up
    connect_timeout: 1s
    load_assignment:
      cluster_name: up
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: ${upPort} } } } }] }]
`;
}

async function startProxy(name, proto, filter) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, config(proto, filter));
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
  if (proto === 'h2c') {
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`wasmlet proxy over h2c and TLS: ${concurrency} requests in flight, ${warmup} s warm-up, ${rounds} rounds × ${duration} s per case (node ${process.version})\n`);
const cases = [['h2c bare', 'h2c', false], ['h2c 1 filter', 'h2c', true], ['tls bare', 'tls', false], ['tls 1 filter', 'tls', true]];
const running = [];
try {
  const ports = new Map();
  for (const [label, proto, filter] of cases) {
    const px = await startProxy(label.replaceAll(' ', '-'), proto, filter);
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
    console.log(`${label.padEnd(13)} ${median(rs.map((x) => x.rps)).toFixed(0).padStart(7)} req/s   p50 ${median(rs.map((x) => x.p50)).toFixed(1).padStart(5)} ms   p99 ${median(rs.map((x) => x.p99)).toFixed(1).padStart(5)} ms${bad ? `   (${bad} errors/non-200)` : ''}`);
  }
} finally {
  for (const px of running) await px.stop();
  upstream.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
