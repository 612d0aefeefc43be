/**
 * Deploy time of a 100 KB device module: over a serial line at 115200 baud (a pty pair made by
 * socat, both ends paced at the line rate) and over MQTT (the embedded broker on loopback), sent
 * as it is and deflated. The module is a real control loop carrying 98 KB of real compiled Wasm in
 * a custom section (three test fixtures built by clang and AssemblyScript), so it deflates as code
 * does; a second one carries random bytes, which do not deflate. Time runs from the first frame to the device's `staged` report
 * (bytes transferred, verified, decoded, validated and instantiated).
 *   node bench/deploy/run.mjs [--json]
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtaAgent } from '../../firmware-sim/ota/agent.js';
import { SimDevice } from '../../firmware-sim/sim-device.js';
import { startEmbeddedBroker } from '../../firmware-sim/transport/broker.js';
import { deployOverMqtt } from '../../firmware-sim/transport/mqtt-deployer.js';
import { MqttDeviceLink } from '../../firmware-sim/transport/mqtt-device.js';
import { RealtimeRunner } from '../../firmware-sim/transport/realtime.js';
import { SerialDeviceLink, SerialHost } from '../../firmware-sim/transport/serial-link.js';

const root = process.env['WASMLET_ROOT'] ?? process.cwd();
const json = process.argv.includes('--json');
const BAUD = 115200;
const SIZE = 100_000;

function customSection(bytes: Uint8Array, name: string, payload: Uint8Array): Uint8Array {
  const leb = (n: number): number[] => {
    const out: number[] = [];
    do {
      out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      n >>>= 7;
    } while (n !== 0);
    return out;
  };
  const nm = new TextEncoder().encode(name);
  const head = [...leb(nm.length), ...nm];
  return new Uint8Array([...bytes, 0, ...leb(head.length + payload.length), ...head, ...payload]);
}

/** the loop plus `fill` bytes taken from `source`, `SIZE` bytes in all */
function module100k(source: Uint8Array): Uint8Array {
  const pid = new Uint8Array(readFileSync(join(root, 'filters/control/build/heater-pid.wasm')));
  const room = SIZE - pid.length - 12; // section id, sizes and name
  return customSection(pid, 'payload', source.subarray(0, room));
}

// real compiled code of different origins: C with wasi-libc (clang), AssemblyScript filters
const realCode = Buffer.concat(
  ['test/fixtures/wasi/fsops.wasm', 'test/fixtures/proxy/gcore/build/http_callout.wasm', 'test/fixtures/wasi/ls.wasm'].map((f) => readFileSync(join(root, f))),
);
const code = module100k(new Uint8Array(realCode));
const noise = module100k(randomBytes(SIZE));
const { privateKey: key, publicKey: pub } = generateKeyPairSync('ed25519');

interface Row {
  readonly link: string;
  readonly module: string;
  readonly bytes: number;
  readonly wireBytes: number;
  readonly encoding: string;
  readonly ms: number;
  /** the time the wire bytes alone need on the line (serial only) */
  readonly lineMs?: number;
}
const rows: Row[] = [];
let version = 0;

function device(): { sim: SimDevice; agent: OtaAgent; runner: RealtimeRunner } {
  const sim = new SimDevice({ plant: 'heater', id: 'bench-1', trace: false, params: { 0: 50 } });
  const agent = new OtaAgent(sim.device, { trusted: [pub], healthySteps: 5 });
  return { sim, agent, runner: new RealtimeRunner(20) };
}

async function serial(): Promise<void> {
  const socat = ['/usr/bin/socat', '/usr/local/bin/socat'].find(existsSync);
  if (!socat) {
    console.error('bench/deploy: socat is not installed: no serial rows (apt-get install socat)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-bench-pty-'));
  const a = join(dir, 'device');
  const b = join(dir, 'host');
  const p = spawn(socat, [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(existsSync(a) && existsSync(b)); i++) await new Promise((r) => setTimeout(r, 50));
  const d = device();
  const link = await SerialDeviceLink.open(a, d.sim, d.agent, 10, { baud: BAUD });
  const host = await SerialHost.open(b, 500, 5, { baud: BAUD });
  d.runner.add(d.sim, () => link.afterStep());
  d.runner.start();
  try {
    for (const [name, bytes] of [['code', code], ['random', noise]] as const) {
      for (const compress of [false, true]) {
        const t0 = performance.now();
        const r = await host.deploy({ bytes, key, id: 'pid', version: String(++version), compress, wait: false, timeoutMs: 120000 });
        const ms = performance.now() - t0;
        if (r.state !== 'staged') throw new Error(`serial deploy: ${r.state} ${r.error ?? ''}`);
        const t = host.lastTransfer!;
        rows.push({ link: `serial ${BAUD} baud`, module: name, bytes: bytes.length, wireBytes: t.wireBytes, encoding: t.encoding ?? 'none', ms, lineMs: (t.wireBytes * 10 * 1000) / BAUD });
      }
    }
  } finally {
    d.runner.stop();
    await host.close();
    await link.close();
    p.kill('SIGTERM');
  }
}

async function overMqtt(): Promise<void> {
  const broker = await startEmbeddedBroker(0);
  const d = device();
  const link = new MqttDeviceLink({ url: broker.url, fleet: 'bench', sim: d.sim, agent: d.agent, telemetryEvery: 10 });
  await new Promise<void>((resolve) => link.client.once('connect', () => resolve()));
  d.runner.add(d.sim, () => link.afterStep());
  d.runner.start();
  try {
    for (const [name, bytes] of [['code', code], ['random', noise]] as const) {
      for (const compress of [false, true]) {
        const r = await deployOverMqtt({ url: broker.url, fleet: 'bench', device: 'bench-1', bytes, key, id: 'pid', version: String(++version), compress, wait: false, timeoutMs: 60000 });
        if (r.report?.state !== 'staged') throw new Error(`mqtt deploy: ${r.report?.state} ${r.report?.error ?? ''}`);
        rows.push({ link: 'MQTT (aedes, loopback)', module: name, bytes: bytes.length, wireBytes: r.wireBytes, encoding: r.encoding ?? 'none', ms: r.ms });
      }
    }
  } finally {
    d.runner.stop();
    await link.close();
    await broker.close();
  }
}

await serial();
await overMqtt();
if (json) {
  console.log(JSON.stringify({ baud: BAUD, rows }, null, 2));
} else {
  console.log(`deploy of a ${SIZE}-byte module (until the device reports staged)`);
  console.log('link                     module  bytes   on wire  encoding  time ms  line ms');
  for (const r of rows) {
    console.log(
      `${r.link.padEnd(24)} ${r.module.padEnd(7)} ${String(r.bytes).padStart(6)}  ${String(r.wireBytes).padStart(7)}  ${r.encoding.padEnd(8)}  ${r.ms.toFixed(0).padStart(7)}  ${r.lineMs === undefined ? '      –' : r.lineMs.toFixed(0).padStart(7)}`,
    );
  }
}
process.exit(0);
