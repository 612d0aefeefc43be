#!/usr/bin/env node
/*
 * Requests/s through the proxy (dist/proxy-wasm.js, in this process) when each request waits on
 * an authorization call out: `grpc_auth` (proxy_grpc_call to a grpc-js server, HTTP/2) against
 * `ext_authz` (proxy_http_call to an HTTP/1.1 server), and the bare proxy for reference. The
 * upstream and both authorization servers run in a child process, the load generator
 * (autocannon) here. Run `node scripts/build.mjs` first.
 * Options: --duration <s> per case and round (default 5), --rounds <n> (default 3),
 * --connections <n> (default 32). Every round of every case is printed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string' }, rounds: { type: 'string' }, connections: { type: 'string' } } });
const duration = Number(values.duration ?? 5);
const rounds = Number(values.rounds ?? 3);
const connections = Number(values.connections ?? 32);
const { Proxy, parseConfig, envoyYaml, MemoryLogger } = await import(join(root, 'dist/proxy-wasm.js'));

const SERVERS = `
const http = require('node:http');
const grpc = require(${JSON.stringify(join(root, 'node_modules/@grpc/grpc-js'))});
const BODY = 'hello from upstream\\n';
const up = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-length': BODY.length }); res.end(BODY); }); });
const authz = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-length': 0 }); res.end(); }); });
up.keepAliveTimeout = authz.keepAliveTimeout = 60000;
const raw = (b) => b;
const m = { path: '/wasmlet.test.Auth/Check', requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw };
const server = new grpc.Server();
server.addService({ Check: m }, { Check: (call, cb) => cb(null, Buffer.from('allow')) });
up.listen(0, '127.0.0.1', () => authz.listen(0, '127.0.0.1', () => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, gp) => console.log('ports', up.address().port, authz.address().port, gp))));
`;
const child = spawn(process.execPath, ['-e', SERVERS], { stdio: ['ignore', 'pipe', 'inherit'] });
const [upPort, authzPort, grpcPort] = await new Promise((resolve) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const r = /ports (\d+) (\d+) (\d+)/.exec(out);
    if (r) resolve([Number(r[1]), Number(r[2]), Number(r[3])]);
  });
});

const f = (n) => join(root, 'filters/http/build', `${n}.wasm`);
const cases = {
  bare: [],
  ext_authz: [{ name: 'ext_authz', file: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz' }) }],
  grpc_auth: [{ name: 'grpc_auth', file: f('grpc_auth'), configuration: JSON.stringify({ cluster: 'auth' }) }],
};
const proxies = {};
for (const [name, filters] of Object.entries(cases)) {
  const cfg = parseConfig(envoyYaml({ clusters: { svc: [upPort], authz: [authzPort], auth: [grpcPort] }, filters }), { baseDir: root });
  const px = new Proxy(cfg, { logger: new MemoryLogger(), ephemeralPorts: true, limits: { fuelPerCallback: 0 } });
  await px.start();
  proxies[name] = px;
}
const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const name of Object.keys(cases)) {
    const port = proxies[name].listeners[0].port;
    const res = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration, headers: { authorization: 'Bearer x' } });
    if (res.non2xx || res.errors) console.error(`${name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
    results[name].push(Math.round(res.requests.average));
    console.log(`round ${r + 1} ${name.padEnd(10)} ${Math.round(res.requests.average)} req/s  p50 ${res.latency.p50} ms  p99 ${res.latency.p99} ms`);
  }
}
for (const [name, rs] of Object.entries(results)) console.log(`${name.padEnd(10)} ${rs.join(', ')} req/s`);
for (const px of Object.values(proxies)) await px.stop();
child.kill();
