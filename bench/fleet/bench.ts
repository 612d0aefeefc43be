/**
 * Fleet benchmark (not a test), bundled and run by bench/fleet/run.mjs:
 *
 * 1. MQTT deploy time of a 100 KB signed module (embedded broker): staged and committed.
 * 2. How many simulated devices one process sustains at 10 Hz with p99 step lateness ≤ 2 ms. Every
 *    device runs the heater PID module on its plant model and publishes QoS 1 telemetry every step
 *    (plus QoS 0 metrics every 10 steps) through its own MQTT client. Two configurations:
 *      embedded — `wasmlet sim`'s default: aedes in the same process, devices on in-process pipes;
 *      external — mosquitto in another process (started here on an ephemeral port), devices on TCP:
 *                 the simulator's own capacity, the broker's work being elsewhere.
 *    Each fleet size runs in a fresh child process (`--child`): start, deploy, wait for every
 *    client to connect, warm up, then measure the lateness of every step (due instant → start of
 *    the step) over the window with the runner's histogram, plus the process's CPU,
 *    GC pause time, how long the main thread waited for a CPU (other processes on the machine),
 *    and telemetry published vs still unacknowledged at the end. Sizes grow until one misses the
 *    target in two runs (the better of the two is reported).
 *
 *      shardsK  — the same fleet as K shard processes on mosquitto (`wasmlet sim --shard i/K`), to use
 *                 every core: lateness of the worst shard, CPU summed.
 *
 * Options: USAGE below (`--help` prints it); --closed-loop is closedLoopMain.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { registerTier, type Tier } from '../../core/index.js';
import { makeTier } from '../../core/compiled/link.js';
import { startFleet } from '../../firmware-sim/transport/fleet-sim.js';
import { deployOverMqtt } from '../../firmware-sim/transport/mqtt-deployer.js';

const root = process.env['WASMLET_ROOT'] ?? process.cwd();
const argv = process.argv.slice(2);
const USAGE = `usage: node bench/fleet/run.mjs [--quick] [--sizes 500,1000] [--configs embedded,external,shards2]
                              [--tier interpreter|compiled] [--runs N] [--all-sizes] [--no-lean]
                              [--telemetry-per-write N]
       node bench/fleet/run.mjs --closed-loop K [--sizes 1000] [--steps 100000] [--runs N] [--tier …] [--no-lean]
Devices at 10 Hz (heater PID + QoS 1 telemetry) per configuration with p99 step lateness <= 2 ms,
CPU per step and per broker message; --closed-loop: CPU per step without the real-time scheduler.
WASMLET_BENCH_PROFILE=DIR writes a CPU profile of each child's measured window.`;
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
/** A child's result line; JSON turns NaN (no broker process, no run-queue figure) into null: back to NaN. */
const parseResult = <T>(line: string): T => JSON.parse(line, (_k, v: unknown) => (v === null ? NaN : v)) as T;
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const pid = readFileSync(join(root, 'filters/control/build/heater-pid.wasm'));
const quiet = (): void => {};
const TARGET_MS = 2;
/** `--tier`: where the devices' modules run (default interpreter, as `wasmlet sim`) */
const TIER = (arg('--tier') ?? 'interpreter') as Tier;
if (TIER !== 'interpreter') registerTier(makeTier);
/** `--runs N`: measure every size N times (default: once, twice when it misses) */
const RUNS = Math.max(1, Number(arg('--runs') ?? 1));
/** `--all-sizes`: go on after a size misses the target (for per-step costs at every size) */
const ALL_SIZES = argv.includes('--all-sizes');
/** `--no-lean`: every telemetry message through mqtt.js (MqttDeviceOptions.lean false), for comparison */
const LEAN = !argv.includes('--no-lean');
/** `--telemetry-per-write N`: each device writes its telemetry N messages at a time (default 1; delays telemetry) */
const PER_WRITE = Number(arg('--telemetry-per-write') ?? 1);
/** pid of the external broker the children measure beside themselves */
let brokerPid: number | undefined;

interface Capacity {
  devices: number;
  steps: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  cpuPct: number;
  gcPct: number;
  gcMaxMs: number;
  published: number;
  unacked: number;
  connectMs: number;
  /** share of the window the main thread was runnable but waiting for a CPU (Linux schedstat) */
  runqPct: number;
  /** CPU of the external broker process over the same window, % of one core (NaN: embedded / unknown) */
  brokerCpuPct: number;
  /** length of the window, ms */
  wallMs: number;
}

/** CPU seconds (user + system) a process has used so far (Linux /proc), or NaN */
function procCpuS(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

/** ns the main thread has waited on a run queue (Linux /proc schedstat), or NaN elsewhere */
function runqueueWaitNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return NaN;
  }
}

function pubKeyFile(dir: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const pub = join(dir, 'op.pub');
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return pub;
}

/**
 * WASMLET_BENCH_PROFILE=DIR: a CPU profile of the measured window only (not start-up or close);
 * the returned function stops it and writes DIR/<name>.cpuprofile (a no-op when the variable is unset)
 */
async function startProfile(): Promise<(name: string) => Promise<void>> {
  const dir = process.env['WASMLET_BENCH_PROFILE'];
  if (!dir) return async () => {};
  const prof = new Session();
  prof.connect();
  await prof.post('Profiler.enable');
  await prof.post('Profiler.start');
  return async (name) => {
    const { profile } = await prof.post('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    prof.disconnect();
  };
}

/** child: one fleet size in one configuration; prints one JSON line */
async function child(n: number, broker: string | undefined, measureS: number, shard?: { index: number; count: number }, brokerPid?: number): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'wasmlet-bench-fleet-'));
  const f = await startFleet({
    devices: n,
    ...(shard ? { shard } : {}),
    fleet: `c${n}`,
    plant: 'heater',
    mqttPort: 0,
    ...(broker ? { broker } : {}),
    trust: [pubKeyFile(state)],
    stateDir: state,
    periodMs: 100,
    log: quiet,
    ...(TIER !== 'interpreter' ? { tier: TIER } : {}),
    ...(LEAN ? {} : { lean: false }),
    ...(PER_WRITE !== 1 ? { telemetryPerWrite: PER_WRITE } : {}),
  });
  for (const d of f.devices) {
    d.sim.device.setParam(0, 50);
    d.sim.device.deploy(pid, 'pid');
  }
  const t0 = performance.now();
  await Promise.all(f.devices.map((d) => (d.link.client.connected ? null : new Promise((r) => d.link.client.once('connect', r)))));
  const connectMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 2000)); // warm-up: subscriptions, retained, JIT
  // start-up garbage (1,000 module compilations, connection set-up) is collected before the window,
  // so that one full collection of it is not billed to the steady state
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 500));
  let gcMs = 0;
  let gcMax = 0;
  const obs = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      gcMs += e.duration;
      gcMax = Math.max(gcMax, e.duration);
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const published0 = f.devices.reduce((s, d) => s + d.link.published, 0);
  f.runner.resetJitter();
  const stopProfile = await startProfile();
  const cpu0 = process.cpuUsage();
  const b0 = brokerPid ? procCpuS(brokerPid) : NaN;
  const rq0 = runqueueWaitNs();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, measureS * 1000));
  await stopProfile(`fleet-${n}-${shard ? `${shard.index}of${shard.count}-` : ''}${process.pid}`);
  const wall = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  const brokerS = brokerPid ? procCpuS(brokerPid) - b0 : NaN;
  const rq = runqueueWaitNs() - rq0;
  const L = f.runner.lateness();
  obs.disconnect();
  const published = f.devices.reduce((s, d) => s + d.link.published, 0) - published0;
  const unacked = f.devices.reduce((s, d) => s + d.link.unacknowledged, 0);
  const r: Capacity = {
    devices: f.devices.length,
    steps: L.steps,
    p50: L.p50,
    p99: L.p99,
    p999: L.p999,
    max: L.max,
    cpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    gcPct: (gcMs / wall) * 100,
    gcMaxMs: gcMax,
    published,
    unacked,
    connectMs,
    runqPct: (rq / 1e6 / wall) * 100,
    brokerCpuPct: ((brokerS * 1000) / wall) * 100,
    wallMs: wall,
  };
  process.stdout.write('RESULT ' + JSON.stringify(r) + '\n');
  await f.close();
  rmSync(state, { recursive: true, force: true });
  process.exit(0);
}

/**
 * `--closed-loop K`: the simulator's CPU per device step without the real-time scheduler, for
 * comparing code on a loaded machine. The fleet connects as in `child`, but its runner never fires;
 * instead the devices are stepped round-robin, K at a time (step, then its telemetry, as a runner
 * turn does), with a setImmediate between groups so that PUBACKs are read. Wall-clock lateness
 * does not exist here, and the work per step does not depend on how long the process waited for a
 * CPU (a waiting real-time process finds more devices due and batches more): CPU µs per step of
 * this loop is comparable across runs whatever the neighbours do.
 */
async function closedLoop(n: number, broker: string, k: number, steps: number, brokerPid?: number): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'wasmlet-bench-fleet-'));
  const f = await startFleet({
    devices: n, fleet: `l${n}`, plant: 'heater', mqttPort: 0, broker, trust: [pubKeyFile(state)], stateDir: state,
    periodMs: 1e9, // the runner never steps: this loop does
    log: quiet,
    ...(TIER !== 'interpreter' ? { tier: TIER } : {}),
    ...(LEAN ? {} : { lean: false }),
    ...(PER_WRITE !== 1 ? { telemetryPerWrite: PER_WRITE } : {}),
  });
  for (const d of f.devices) {
    d.sim.device.setParam(0, 50);
    d.sim.device.deploy(pid, 'pid');
  }
  await Promise.all(f.devices.map((d) => (d.link.client.connected ? null : new Promise((r) => d.link.client.once('connect', r)))));
  await new Promise((r) => setTimeout(r, 1000));
  const ds = f.devices;
  let at = 0;
  const run = async (count: number): Promise<void> => {
    for (let done = 0; done < count; ) {
      for (let j = 0; j < k; j++, done++) {
        const d = ds[at]!;
        at = at + 1 === ds.length ? 0 : at + 1;
        d.sim.advance();
        d.link.afterStep();
      }
      await new Promise((r) => setImmediate(r));
    }
  };
  await run(Math.min(steps, 20 * n)); // warm-up: JIT, every device's first messages
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 300));
  const stopProfile = await startProfile();
  const cpu0 = process.cpuUsage();
  const b0 = brokerPid ? procCpuS(brokerPid) : NaN;
  const rq0 = runqueueWaitNs();
  const w0 = performance.now();
  await run(steps);
  const wall = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  await stopProfile(`closed-${n}-${LEAN ? 'lean' : 'mqttjs'}-${process.pid}`);
  // the broker's answers to the last messages, within its window
  for (let i = 0; i < 500 && f.devices.some((d) => d.link.unacknowledged > 0); i++) await new Promise((r) => setTimeout(r, 10));
  const brokerS = brokerPid ? procCpuS(brokerPid) - b0 : NaN;
  const rq = runqueueWaitNs() - rq0;
  const r = { devices: n, steps, group: k, simUs: (cpu.user + cpu.system) / steps, userUs: cpu.user / steps, sysUs: cpu.system / steps,
    brokerUs: (brokerS * 1e6) / steps, rate: (steps / wall) * 1000, runqPct: (rq / 1e6 / wall) * 100, unacked: f.devices.reduce((s, d) => s + d.link.unacknowledged, 0) };
  process.stdout.write('CLOSED ' + JSON.stringify(r) + '\n');
  await f.close();
  rmSync(state, { recursive: true, force: true });
  process.exit(0);
}

async function closedLoopMain(): Promise<void> {
  const k = Number(arg('--closed-loop'));
  const sizes = (arg('--sizes') ?? '1000,2000').split(',').map(Number);
  const steps = Number(arg('--steps') ?? 100_000);
  const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-bench-mosq-'));
  const m = await startMosquitto(dir);
  if (typeof m === 'string') throw new Error(m);
  console.log(`closed loop: ${steps} device steps, ${k} per event-loop turn, against mosquitto ${m.version}; tier ${TIER}; ${LEAN ? 'lean telemetry' : 'all through mqtt.js (--no-lean)'}${PER_WRITE !== 1 ? `, ${PER_WRITE} messages per write` : ''}`);
  for (const n of sizes) {
    for (let run = 1; run <= RUNS; run++) {
      const l0 = load();
      const out = await new Promise<string>((resolve) => {
        const p = spawn(process.execPath, [...NODE_FLAGS, process.argv[1]!, '--closed-child', String(n), '--closed-loop', String(k), '--steps', String(steps), '--broker', m.url,
          '--broker-pid', String(m.proc.pid), ...(TIER !== 'interpreter' ? ['--tier', TIER] : []), ...(LEAN ? [] : ['--no-lean']),
          ...(PER_WRITE !== 1 ? ['--telemetry-per-write', String(PER_WRITE)] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
        let o = '';
        p.stdout!.on('data', (d: Buffer) => (o += d.toString()));
        p.on('exit', () => resolve(o));
      });
      const hit = /^CLOSED (.*)$/m.exec(out);
      if (!hit) {
        console.log(`${n}: failed: ${out.slice(-300)}`);
        continue;
      }
      const r = parseResult<{ simUs: number; userUs: number; sysUs: number; brokerUs: number; rate: number; runqPct: number; unacked: number }>(hit[1]!);
      console.log(`${String(n).padStart(5)} devices  sim ${r.simUs.toFixed(1)} µs/step (user ${r.userUs.toFixed(1)}, sys ${r.sysUs.toFixed(1)})  mosquitto ${r.brokerUs.toFixed(1)} µs/msg  ${Math.round(r.rate)} steps/s  waited for a CPU ${Number.isNaN(r.runqPct) ? '?' : r.runqPct.toFixed(1)}%  unacked ${r.unacked}  load ${l0} → ${load()}  (run ${run})`);
    }
  }
  m.proc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

/** heater-pid plus a custom section padding it to `size` bytes */
function padded(size: number): Uint8Array {
  const name = Buffer.from('pad');
  const fill = size - pid.length - 1 - 5 - 1 - name.length;
  const body = Buffer.alloc(1 + name.length + fill);
  body[0] = name.length;
  name.copy(body, 1);
  const len = Buffer.alloc(5);
  let v = body.length;
  for (let i = 0; i < 5; i++) {
    len[i] = (v & 0x7f) | (i < 4 ? 0x80 : 0);
    v >>>= 7;
  }
  return Buffer.concat([pid, Buffer.from([0]), len, body]);
}

async function deployTime(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'wasmlet-bench-deploy-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = join(state, 'op.pub');
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  const f = await startFleet({ devices: 1, fleet: 'b', plant: 'heater', mqttPort: 0, trust: [pub], stateDir: join(state, 'd'), periodMs: 100, log: quiet });
  const bytes = padded(100 * 1024);
  const runs: number[] = [];
  const commits: number[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const r = await deployOverMqtt({ url: f.url, fleet: 'b', device: 'heater-1', bytes, key: privateKey, id: 'pid', version: `v${i}`, wait: false, timeoutMs: 30000 });
    runs.push(r.ms);
    const t0 = performance.now();
    await new Promise<void>((res) => {
      const check = (): unknown => (f.devices[0]!.agent.committed?.version === `v${i}` ? res() : setTimeout(check, 5));
      check();
    });
    commits.push(r.ms + performance.now() - t0);
  }
  await f.close();
  rmSync(state, { recursive: true, force: true });
  const med = (a: number[]): string => a.sort((x, y) => x - y)[a.length >> 1]!.toFixed(0);
  console.log(
    `MQTT deploy of a ${bytes.length}-byte signed module (embedded aedes, 16 KiB chunks): staged (verified, switched) ` +
      `median ${med(runs)} ms; committed after 20 healthy steps at 10 Hz median ${med(commits)} ms`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startMosquitto(dir: string): Promise<{ url: string; proc: ChildProcess; version: string } | string> {
  const bin = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find(existsSync);
  if (!bin) return 'mosquitto is not installed (apt-get install mosquitto)';
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 10000\n`);
  const proc = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 500 });
      await c.endAsync();
      const v = spawnSync(bin, ['-h'], { encoding: 'utf8' });
      const version = /mosquitto version (\S+)/.exec(v.stdout + v.stderr)?.[1] ?? '?';
      return { url, proc, version };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  proc.kill('SIGTERM');
  return 'mosquitto did not start';
}

/**
 * `n` devices as `k` shard processes at once (`wasmlet sim --shard i/k`): their windows overlap,
 * so the combined row is every step of the fleet — lateness percentiles the worst shard's, CPU,
 * telemetry and steps summed.
 */
async function measureSharded(n: number, broker: string, measureS: number, k: number): Promise<Capacity | string> {
  const rs = await Promise.all(Array.from({ length: k }, (_, i) => measure(n, broker, measureS, `${i + 1}/${k}`)));
  const bad = rs.find((r): r is string => typeof r === 'string');
  if (bad) return bad;
  const c = rs as Capacity[];
  const sum = (f: (r: Capacity) => number): number => c.reduce((s, r) => s + f(r), 0);
  const max = (f: (r: Capacity) => number): number => Math.max(...c.map(f));
  return {
    devices: sum((r) => r.devices), steps: sum((r) => r.steps), p50: max((r) => r.p50), p99: max((r) => r.p99), p999: max((r) => r.p999), max: max((r) => r.max),
    cpuPct: sum((r) => r.cpuPct), gcPct: max((r) => r.gcPct), gcMaxMs: max((r) => r.gcMaxMs), published: sum((r) => r.published), unacked: sum((r) => r.unacked),
    connectMs: max((r) => r.connectMs), runqPct: max((r) => r.runqPct),
    // the shards' windows overlap: each saw (about) the same broker CPU; the first one's is kept
    brokerCpuPct: c[0]!.brokerCpuPct,
    wallMs: max((r) => r.wallMs),
  };
}

/** run one capacity measurement in a fresh process */
function measure(n: number, broker: string | undefined, measureS: number, shard?: string): Promise<Capacity | string> {
  return new Promise((resolve) => {
    const args = [...NODE_FLAGS, process.argv[1]!, '--child', String(n), '--measure', String(measureS), ...(broker ? ['--broker', broker] : []), ...(shard ? ['--shard', shard] : []),
      ...(brokerPid ? ['--broker-pid', String(brokerPid)] : []), ...(TIER !== 'interpreter' ? ['--tier', TIER] : []), ...(LEAN ? [] : ['--no-lean']),
      ...(PER_WRITE !== 1 ? ['--telemetry-per-write', String(PER_WRITE)] : [])];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      const m = /^RESULT (.*)$/m.exec(out);
      resolve(m ? parseResult<Capacity>(m[1]!) : `child exited ${code}: ${out.slice(-300)}`);
    });
  });
}

/**
 * V8's young generation defaults to 16 MB semi-spaces; at 10,000 messages a second that means a
 * scavenge every few hundred ms, and objects that live about one control period (in-flight QoS 1
 * messages, per-step values) get copied and promoted. Larger semi-spaces make scavenges rarer and
 * cheaper per step. `wasmlet sim` users get the same with NODE_OPTIONS (docs/mqtt.md).
 */
const NODE_FLAGS = ['--expose-gc', ...(process.env['WASMLET_BENCH_NODE_FLAGS'] ?? '--max-semi-space-size=64').split(' ').filter(Boolean)];

function row(config: string, r: Capacity): string {
  const ok = r.p99 <= TARGET_MS;
  const rate = r.published / (r.steps / r.devices / 10); // telemetry per second of window
  return (
    `${config.padEnd(9)} ${String(r.devices).padStart(5)}  p50 ${r.p50.toFixed(2).padStart(5)}  p99 ${r.p99.toFixed(2).padStart(6)}  p99.9 ${r.p999.toFixed(2).padStart(6)}  max ${r.max.toFixed(1).padStart(5)} ms` +
    `  cpu ${r.cpuPct.toFixed(0).padStart(3)}%  gc ${r.gcPct.toFixed(1).padStart(4)}% (max ${r.gcMaxMs.toFixed(1)} ms)` +
    // CPU per step of a device (one step = one QoS 1 telemetry message): the honest metric on a
    // shared machine, where wall-clock capacity depends on the neighbours
    `  sim ${((r.cpuPct / 100) * r.wallMs * 1000 / r.steps).toFixed(1)} µs/step` +
    (Number.isNaN(r.brokerCpuPct) ? '' : `  broker cpu ${r.brokerCpuPct.toFixed(0)}% = ${((r.brokerCpuPct / 100) * r.wallMs * 1000 / r.published).toFixed(1)} µs/msg`) +
    `  waited for a CPU ${Number.isNaN(r.runqPct) ? '?' : r.runqPct.toFixed(1)}%  telemetry ${Math.round(rate)}/s, ${r.unacked} unacked  ${ok ? 'ok' : `> ${TARGET_MS} ms`}`
  );
}

async function main(): Promise<void> {
  const childN = arg('--child');
  const shardArg = arg('--shard')?.split('/').map(Number);
  const closedN = arg('--closed-child');
  if (closedN) return closedLoop(Number(closedN), arg('--broker')!, Number(arg('--closed-loop')), Number(arg('--steps')), Number(arg('--broker-pid')));
  if (arg('--closed-loop')) return closedLoopMain();
  if (childN) return child(Number(childN), arg('--broker'), Number(arg('--measure') ?? 10), shardArg ? { index: shardArg[0]!, count: shardArg[1]! } : undefined, arg('--broker-pid') ? Number(arg('--broker-pid')) : undefined);
  const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`load average at start: ${load()}; node ${process.version}; child flags: ${NODE_FLAGS.join(' ') || '(none)'}${LEAN ? '' : '; --no-lean'}${PER_WRITE !== 1 ? `; telemetry ${PER_WRITE} messages per write` : ''}`);
  await deployTime();
  const sizes = (arg('--sizes') ?? (quick ? '250,500,1000' : '100,250,500,750,1000,1250,1500,2000')).split(',').map(Number);
  const configs = (arg('--configs') ?? 'embedded,external,shards2').split(',');
  const measureS = quick ? 5 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-bench-mosq-'));
  console.log(`\ncapacity: devices at 10 Hz, heater PID + QoS 1 telemetry every step; lateness of every step over ${measureS} s`);
  const summary: string[] = [];
  for (const config of configs) {
    let broker: string | undefined;
    let mosq: ChildProcess | null = null;
    const shards = /^shards(\d+)$/.exec(config);
    if (config === 'external' || shards) {
      const m = await startMosquitto(dir);
      if (typeof m === 'string') {
        console.log(`${config.padEnd(9)} skipped: ${m}`);
        summary.push(`${config} (mosquitto in another process): skipped — ${m}`);
        continue;
      }
      broker = m.url;
      mosq = m.proc;
      brokerPid = m.proc.pid;
      console.log(
        shards
          ? `${config.padEnd(9)} = the fleet as ${shards[1]} shard processes (--shard i/${shards[1]}) on mosquitto ${m.version} at ${m.url}; p99 of the worst shard, cpu summed`
          : `external  = mosquitto ${m.version} in another process at ${m.url}; devices over TCP`,
      );
    } else console.log('embedded  = aedes in the same process; devices on in-process pipes');
    let best = 0;
    let firstMiss: Capacity | null = null;
    for (const n of sizes) {
      // a size that misses is measured once more and the better run kept: the machine may be
      // shared, and a neighbour's burst (see "waited for a CPU") is not the simulator's capacity
      const once = (): Promise<Capacity | string> => (shards ? measureSharded(n, broker!, measureS, Number(shards[1])) : measure(n, broker, measureS));
      let r = await once();
      if (RUNS > 1) {
        // --runs N: every size N times, every run printed, the best kept (CPU per step is the
        // number to compare on a shared machine; lateness follows the neighbours)
        if (typeof r !== 'string') console.log(row(config, r) + '  (run 1)');
        for (let k = 2; k <= RUNS && typeof r !== 'string'; k++) {
          const again = await once();
          if (typeof again !== 'string') console.log(row(config, again) + `  (run ${k})`);
          r = typeof again === 'string' || again.p99 < r.p99 ? again : r;
        }
      } else if (typeof r !== 'string' && r.p99 > TARGET_MS) {
        console.log(row(config, r) + '  (1st run)');
        const again = await once();
        if (typeof again !== 'string') console.log(row(config, again) + '  (2nd run)');
        r = typeof again === 'string' || again.p99 < r.p99 ? again : r;
      } else if (typeof r !== 'string') console.log(row(config, r));
      if (typeof r === 'string') {
        console.log(`${config.padEnd(9)} ${String(n).padStart(5)}  failed: ${r}`);
        break;
      }
      if (r.p99 <= TARGET_MS) best = n;
      else {
        firstMiss ??= r;
        if (!ALL_SIZES) break;
      }
    }
    mosq?.kill('SIGTERM');
    brokerPid = undefined;
    summary.push(
      `${config}: sustained with p99 ≤ ${TARGET_MS} ms: ${best} devices` +
        (firstMiss ? ` (next size ${firstMiss.devices}: p99 ${firstMiss.p99.toFixed(2)} ms)` : ' (largest size tried)'),
    );
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('');
  for (const s of summary) console.log(s);
  console.log(`load average at end: ${load()}`);
}

await main();
process.exit(0);
