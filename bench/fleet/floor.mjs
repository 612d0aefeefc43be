#!/usr/bin/env node
/*
 * The floor of the fleet workload on this machine (issue 17): the cheapest client side of
 * "N devices, each its own MQTT connection, one QoS 1 PUBLISH every 100 ms", against mosquitto.
 * No simulator, no mqtt.js: N raw TCP connections (CONNECT with the devices' clientId, clean=false
 * and Last Will), then each connection writes one pre-built PUBLISH (QoS 1, the size of a
 * heater-PID telemetry message; only its message id is patched) with one `socket.write` per
 * message, phased i/N over the period like RealtimeRunner, and reads its PUBACKs with a
 * per-connection mqtt-packet parser. Packets are generated and parsed by mqtt-packet (what mqtt.js
 * uses), never framed by hand.
 *
 * What it prints per run: client CPU per message (µs), mosquitto's CPU per message over the same
 * window (/proc/<pid>/stat), the lateness of the sends (due instant → write, ms, as the simulator's
 * step lateness), how long the main thread waited for a CPU (schedstat), and PUBACKs missing at the
 * end. Whatever the simulator adds (device step, mqtt.js, telemetry text, scheduler) comes on top
 * of these numbers, so floor(client) + mosquitto at 20,000 msg/s is a lower bound on the cores the
 * 2,000-device target needs.
 *
 *   node bench/fleet/floor.mjs [--sizes 1000,2000] [--runs 3] [--measure 10] [--per-write K]
 *                              [--acks count]
 *   --per-write K: each connection writes K messages at once every K periods (the "coalesce
 *                  telemetry over periods" lever: 1/K of the syscalls; delays telemetry)
 *   --acks count:  count PUBACK bytes (4 per ack) instead of parsing them: the parser's share
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import mqttPacket from 'mqtt-packet';

const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : def;
};
const SIZES = arg('--sizes', '1000,2000').split(',').map(Number);
const RUNS = Math.max(1, Number(arg('--runs', '3')));
const MEASURE_S = Number(arg('--measure', '10'));
const PER_WRITE = Math.max(1, Number(arg('--per-write', '1')));
const COUNT_ACKS = arg('--acks', 'parse') === 'count';
const PERIOD_MS = 100;
/** a heater-PID telemetry message as MqttDeviceLink.encodeTelemetry writes it (~150 bytes) */
const PAYLOAD = Buffer.from(
  '{"t":1234.5,"seq":12345,"state":"running","sp":50,"pv":49.87654321,"u":0.4567891234,"err":0.12345678,"integral":3.456789012,"derivative":-0.0123456}',
);

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function procCpuS(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / 100;
}

function runqueueWaitNs() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return NaN;
  }
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/** mosquitto as bench.ts starts it: an ephemeral port, anonymous, deep queues */
async function startMosquitto(dir) {
  const bin = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find(existsSync);
  if (!bin) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 10000\n`);
  const proc = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    await sleep(50);
    const ok = await new Promise((r) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => (s.destroy(), r(true)));
      s.on('error', () => r(false));
    });
    if (ok) {
      const v = spawnSync(bin, ['-h'], { encoding: 'utf8' });
      return { port, proc, version: /mosquitto version (\S+)/.exec(v.stdout + v.stderr)?.[1] ?? '?' };
    }
  }
  proc.kill('SIGTERM');
  throw new Error('mosquitto did not start');
}

/** one device connection: connected (CONNACK seen), with its pre-built PUBLISH */
function connectDevice(port, fleet, i) {
  return new Promise((resolve, reject) => {
    const id = `heater-${i + 1}`;
    const base = `wasmlet/v1/${fleet}/${id}/`;
    const socket = createConnection({ host: '127.0.0.1', port, noDelay: true });
    const dev = { socket, packet: null, idAt: 0, nextId: 1, sent: 0, acked: 0, batch: null };
    const publish = mqttPacket.generate({ cmd: 'publish', topic: base + 'telemetry', payload: PAYLOAD, qos: 1, messageId: 1, retain: false, dup: false });
    dev.packet = publish;
    // the message id sits just before the payload
    dev.idAt = publish.length - PAYLOAD.length - 2;
    if (PER_WRITE > 1) dev.batch = Buffer.alloc(publish.length * PER_WRITE);
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    let connected = false;
    parser.on('packet', (p) => {
      if (p.cmd === 'puback') dev.acked++;
      else if (p.cmd === 'connack' && !connected) {
        connected = true;
        if (p.returnCode !== 0) return reject(new Error(`${id}: CONNACK ${p.returnCode}`));
        if (COUNT_ACKS) {
          socket.removeAllListeners('data');
          socket.on('data', (b) => void (dev.acked += b.length >> 2));
        }
        resolve(dev);
      }
    });
    parser.on('error', reject);
    socket.on('data', (b) => parser.parse(b));
    socket.on('error', reject);
    socket.write(
      mqttPacket.generate({
        cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: false, clientId: `wasmlet-${fleet}-${id}`, keepalive: 60,
        will: { topic: base + 'status', payload: Buffer.from('offline'), qos: 1, retain: true },
      }),
    );
  });
}

/** the message ids of dev's next K messages patched in, then one write */
function send(dev) {
  if (PER_WRITE === 1) {
    const id = dev.nextId;
    dev.nextId = id === 65535 ? 1 : id + 1;
    dev.packet.writeUInt16BE(id, dev.idAt);
    dev.socket.write(dev.packet);
  } else {
    const len = dev.packet.length;
    for (let k = 0; k < PER_WRITE; k++) {
      const id = dev.nextId;
      dev.nextId = id === 65535 ? 1 : id + 1;
      dev.packet.writeUInt16BE(id, dev.idAt);
      dev.packet.copy(dev.batch, k * len);
    }
    // a fresh copy: the socket may still hold the previous batch when this one is written
    dev.socket.write(Buffer.from(dev.batch));
  }
  dev.sent += PER_WRITE;
}

async function run(n, port, brokerPid) {
  const fleet = `floor${n}-${process.pid}-${Date.now() % 1e6}`;
  const devs = [];
  for (let i = 0; i < n; i += 200) devs.push(...(await Promise.all(Array.from({ length: Math.min(200, n - i) }, (_, k) => connectDevice(port, fleet, i + k)))));
  // phase i/N over the (K-period) send interval, as RealtimeRunner spreads a fleet
  const interval = PERIOD_MS * PER_WRITE;
  const t0 = performance.now() + 50;
  const due = new Float64Array(n);
  for (let i = 0; i < n; i++) due[i] = t0 + (i * interval) / n;
  let next = 0; // devices become due in index order, round and round
  const hist = new Uint32Array(10_001); // 10 µs bins up to 100 ms
  let measuring = false;
  let running = true;
  const SLEEP = new Int32Array(new SharedArrayBuffer(4));
  const loop = () => {
    if (!running) return;
    const early = due[next] - performance.now();
    if (early > 0 && early <= 2) Atomics.wait(SLEEP, 0, 0, early);
    let now = performance.now();
    while (due[next] <= now) {
      if (measuring) hist[Math.min(10_000, Math.floor((now - due[next]) / 0.01))]++;
      send(devs[next]);
      due[next] += interval;
      if (due[next] < now) due[next] += (Math.floor((now - due[next]) / interval) + 1) * interval;
      next = next + 1 === n ? 0 : next + 1;
      now = performance.now();
    }
    const wait = due[next] - performance.now();
    if (wait <= 2) setImmediate(loop);
    else setTimeout(loop, wait - 1);
  };
  setTimeout(loop, 0);
  await sleep(2000); // warm-up
  globalThis.gc?.();
  await sleep(300);
  const sent0 = devs.reduce((s, d) => s + d.sent, 0);
  measuring = true;
  const cpu0 = process.cpuUsage();
  const b0 = procCpuS(brokerPid);
  const rq0 = runqueueWaitNs();
  const w0 = performance.now();
  await sleep(MEASURE_S * 1000);
  const wall = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  const brokerS = procCpuS(brokerPid) - b0;
  const rq = runqueueWaitNs() - rq0;
  measuring = false;
  const msgs = devs.reduce((s, d) => s + d.sent, 0) - sent0;
  running = false;
  await sleep(300); // the last PUBACKs
  const unacked = devs.reduce((s, d) => s + d.sent - d.acked, 0);
  let total = 0;
  for (const c of hist) total += c;
  const at = (q) => {
    const rank = Math.min(total - 1, Math.floor(total * q));
    let seen = 0;
    for (let i = 0; i < hist.length; i++) if ((seen += hist[i]) > rank) return (i + 1) * 0.01;
    return 100;
  };
  for (const d of devs) d.socket.destroy();
  await sleep(200);
  const clientUs = (cpu.user + cpu.system) / msgs;
  return {
    n, msgs, rate: (msgs / wall) * 1000, clientUs, clientPct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    userUs: cpu.user / msgs, sysUs: cpu.system / msgs,
    brokerUs: (brokerS * 1e6) / msgs, brokerPct: ((brokerS * 1000) / wall) * 100,
    p50: at(0.5), p99: at(0.99), p999: at(0.999), runqPct: (rq / 1e6 / wall) * 100, unacked,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-floor-'));
  const m = await startMosquitto(dir);
  console.log(
    `floor: raw TCP + mqtt-packet against mosquitto ${m.version}, QoS 1 PUBLISH of ${PAYLOAD.length} bytes every ${PERIOD_MS} ms per connection` +
      `${PER_WRITE > 1 ? `, ${PER_WRITE} messages per write` : ', one write per message'}, PUBACKs ${COUNT_ACKS ? 'counted' : 'parsed'}; ${MEASURE_S} s windows; node ${process.version}`,
  );
  const rows = [];
  try {
    for (const n of SIZES) {
      for (let r = 1; r <= RUNS; r++) {
        const l0 = load();
        const x = await run(n, m.port, m.proc.pid);
        rows.push(x);
        console.log(
          `${String(n).padStart(5)} conns  ${Math.round(x.rate)} msg/s  client ${x.clientUs.toFixed(1)} µs/msg (user ${x.userUs.toFixed(1)} sys ${x.sysUs.toFixed(1)}; ${x.clientPct.toFixed(0)}% of a core)` +
            `  mosquitto ${x.brokerUs.toFixed(1)} µs/msg (${x.brokerPct.toFixed(0)}%)  send lateness p50 ${x.p50.toFixed(2)} p99 ${x.p99.toFixed(2)} p99.9 ${x.p999.toFixed(2)} ms` +
            `  waited for a CPU ${x.runqPct.toFixed(1)}%  unacked ${x.unacked}  load ${l0} → ${load()}  (run ${r})`,
        );
      }
    }
  } finally {
    m.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  // what the 2,000-device target costs at these floors
  const best = (f) => Math.min(...rows.map(f));
  const worst = (f) => Math.max(...rows.map(f));
  const cores = (us) => (20_000 * us) / 1e6;
  console.log(
    `\nat 20,000 msg/s: client floor ${cores(best((x) => x.clientUs)).toFixed(2)}–${cores(worst((x) => x.clientUs)).toFixed(2)} cores` +
      ` + mosquitto ${cores(best((x) => x.brokerUs)).toFixed(2)}–${cores(worst((x) => x.brokerUs)).toFixed(2)} cores` +
      ` = ${cores(best((x) => x.clientUs + x.brokerUs)).toFixed(2)}–${cores(worst((x) => x.clientUs + x.brokerUs)).toFixed(2)} of 2`,
  );
}

await main();
process.exit(0);
