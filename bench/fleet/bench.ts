/**
 * Fleet benchmark (not a test): (1) how many simulated devices one process sustains at 10 Hz —
 * each running the heater PID module and publishing QoS 1 telemetry every step to the embedded
 * broker — with p99 step jitter ≤ 2 ms; (2) the MQTT deploy time of a 100 KB signed module.
 *   node bench/fleet/run.mjs [--quick]
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleet } from '../../hosts/transport/fleet-sim.js';
import { deployOverMqtt } from '../../hosts/transport/mqtt-deployer.js';

const root = process.env['WASMLET_ROOT'] ?? process.cwd();
const quick = process.argv.includes('--quick');
const pid = readFileSync(join(root, 'filters/control/build/heater-pid.wasm'));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const state = mkdtempSync(join(tmpdir(), 'wasmlet-bench-fleet-'));
const pub = join(state, 'op.pub');
writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
const quiet = () => {};

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
  const f = await startFleet({ devices: 1, fleet: 'b', plant: 'heater', mqttPort: 0, trust: [pub], stateDir: join(state, 'd'), periodMs: 100, log: quiet });
  const bytes = padded(100 * 1024);
  const runs: number[] = [];
  const commits: number[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const r = await deployOverMqtt({ url: f.url, fleet: 'b', device: 'heater-1', bytes, key: privateKey, id: 'pid', version: `v${i}`, wait: false, timeoutMs: 30000 });
    runs.push(r.ms);
    const t0 = performance.now();
    await new Promise<void>((res) => {
      const check = () => (f.devices[0]!.agent.committed?.version === `v${i}` ? res() : setTimeout(check, 5));
      check();
    });
    commits.push(r.ms + performance.now() - t0);
  }
  await f.close();
  runs.sort((a, b) => a - b);
  commits.sort((a, b) => a - b);
  console.log(`MQTT deploy of a ${bytes.length}-byte signed module (embedded aedes, 16 KiB chunks): ` +
    `staged (verified, switched) median ${runs[runs.length >> 1]!.toFixed(0)} ms; committed after 20 healthy steps at 10 Hz median ${commits[commits.length >> 1]!.toFixed(0)} ms`);
}

async function capacity(n: number): Promise<{ p50: number; p99: number }> {
  const f = await startFleet({ devices: n, fleet: `c${n}`, plant: 'heater', mqttPort: 0, trust: [pub], stateDir: join(state, `c${n}`), periodMs: 100, log: quiet });
  for (const d of f.devices) {
    d.sim.device.setParam(0, 50);
    d.sim.device.deploy(pid, 'pid');
  }
  await new Promise((r) => setTimeout(r, 1500)); // warm-up: connections, first publishes
  f.runner.resetJitter();
  await new Promise((r) => setTimeout(r, quick ? 3000 : 6000));
  const j = f.runner.jitterPercentiles();
  await f.close();
  return j;
}

await deployTime();
let best = 0;
for (const n of quick ? [100, 400] : [100, 250, 500, 1000, 1500, 2000]) {
  const j = await capacity(n);
  const ok = j.p99 <= 2;
  console.log(`${String(n).padStart(5)} devices at 10 Hz, QoS 1 telemetry every step: step jitter p50 ${j.p50.toFixed(2)} ms, p99 ${j.p99.toFixed(2)} ms ${ok ? 'ok' : '> 2 ms'}`);
  if (ok) best = n;
  else break;
}
console.log(`sustained with p99 jitter <= 2 ms: ${best} devices in one process`);
rmSync(state, { recursive: true, force: true });
process.exit(0);
