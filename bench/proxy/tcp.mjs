#!/usr/bin/env node
/*
 * The network-filter rows of `npm run bench:proxy` (also runnable alone: node bench/proxy/tcp.mjs):
 * `wasmlet proxy` (the CLI, a child process) with a tcp_proxy listener, bare and behind one Wasm
 * network filter (filters/network/tcp_rewrite, counting bytes both ways), in front of a TCP echo
 * upstream (another child process). Two loads from this process, interleaved over rounds:
 *
 *   round trips   --connections clients each send 64 bytes and wait for the echo, again and again:
 *                 round trips/s and p50/p99 latency (two filter callbacks per round trip)
 *   bulk          one client streams 64 KiB writes and reads the echo back: MB/s each way
 *
 * Options: --duration <s> per case and round (default 3), --rounds <n> (default 3),
 * --connections <n> (default 32).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string' }, rounds: { type: 'string' }, connections: { type: 'string' } }, strict: false });
const duration = Number(values.duration ?? 3) * 1000;
const rounds = Number(values.rounds ?? 3);
const connections = Number(values.connections ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-bench-tcp-'));

const ECHO = `require('node:net').createServer((s) => { s.on('error', () => {}); s.pipe(s); }).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });`;

function child(args, re) {
  const c = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    c.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
    c.stdout.on('data', (d) => {
      out += d;
      const m = re.exec(out);
      if (m) {
        c.removeAllListeners('exit');
        resolve({ port: Number(m[1]), stop: () => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); }) });
      }
    });
  });
}

function config(upPort, filters) {
  return `static_resources:
  listeners:
  - name: tcp_bench
    address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
    filter_chains:
    - filters:
${filters}      - name: envoy.filters.network.tcp_proxy
        typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, stat_prefix: bench, cluster: up }
  clusters:
  - name: up
    connect_timeout: 1s
    load_assignment:
      cluster_name: up
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: ${upPort} } } } }] }]
`;
}
const FILTER = `      - name: envoy.filters.network.wasm
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm
          config: { name: count, vm_config: { runtime: envoy.wasm.runtime.v8, code: { local: { filename: ${join(root, 'filters/network/build/tcp_rewrite.wasm')} } } } }
`;

async function proxy(name, upPort, filters) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, config(upPort, filters));
  return child([join(root, 'bin/wasmlet.js'), 'proxy', '--config', file, '--log-level', 'error'], /listening on 127\.0\.0\.1:(\d+)/);
}

function open(port) {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
}

/** round trips of 64 bytes over `connections` connections for `duration` ms */
async function roundTrips(port) {
  const msg = Buffer.alloc(64, 'x');
  const lat = [];
  const end = Date.now() + duration;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const s = await open(port);
      await new Promise((resolve) => {
        let got = 0;
        let t0 = 0;
        const send = () => {
          if (Date.now() >= end) return resolve();
          got = 0;
          t0 = performance.now();
          s.write(msg);
        };
        s.on('data', (d) => {
          got += d.length;
          if (got >= msg.length) {
            lat.push(performance.now() - t0);
            send();
          }
        });
        send();
      });
      s.destroy();
    }),
  );
  lat.sort((a, b) => a - b);
  return { rps: lat.length / (duration / 1000), p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)] };
}

/** one connection streaming 64 KiB writes, echo read back: MB/s */
async function bulk(port) {
  const s = await open(port);
  const chunk = Buffer.alloc(65536, 'y');
  let received = 0;
  const end = Date.now() + duration;
  s.on('data', (d) => (received += d.length));
  while (Date.now() < end) if (!s.write(chunk)) await new Promise((r) => s.once('drain', r));
  s.destroy();
  return (received / (duration / 1000)) / 1e6;
}

const echo = await child(['-e', ECHO], /port (\d+)/);
const cases = [
  ['bare tcp_proxy', await proxy('bare', echo.port, '')],
  ['1 network filter', await proxy('one', echo.port, FILTER)],
];
const results = new Map(cases.map(([l]) => [l, []]));
for (const [, p] of cases) await roundTrips(p.port); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const [label, p] of cases) results.get(label).push({ ...(await roundTrips(p.port)), mbs: await bulk(p.port) });
  process.stdout.write(`tcp round ${r + 1}: ${cases.map(([l]) => `${l} ${results.get(l).at(-1).rps.toFixed(0)} rt/s ${results.get(l).at(-1).mbs.toFixed(0)} MB/s`).join(', ')}\n`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
process.stdout.write('\n| case | round trips/s | p50 | p99 | bulk MB/s |\n| --- | --- | --- | --- | --- |\n');
for (const [label] of cases) {
  const rs = results.get(label);
  process.stdout.write(`| ${label} | ${median(rs.map((x) => x.rps)).toFixed(0)} | ${median(rs.map((x) => x.p50)).toFixed(2)} ms | ${median(rs.map((x) => x.p99)).toFixed(2)} ms | ${median(rs.map((x) => x.mbs)).toFixed(0)} |\n`);
}
const [bare, one] = cases.map(([l]) => results.get(l));
process.stdout.write(`\n1 network filter keeps ${((100 * median(one.map((x, i) => x.rps / bare[i].rps)))).toFixed(0)}% of bare round trips/s, ${((100 * median(one.map((x, i) => x.mbs / bare[i].mbs)))).toFixed(0)}% of bulk throughput\n`);
for (const [, p] of cases) await p.stop();
await echo.stop();
rmSync(dir, { recursive: true, force: true });
