/**
 * The device half of `npm start`: an embedded broker on an ephemeral 127.0.0.1 port, one simulated
 * device per plant (one MQTT client each), a signed PID/PI module deployed to each over MQTT, a
 * deploy signed with an untrusted key (rejected, old module keeps running), a faulting module
 * (rolled back), live telemetry lines and a control report per device. Finishes in a few seconds.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { fleetStatus } from './fleet-status.js';
import { startFleet } from './fleet-sim.js';
import { deployOverMqtt } from './mqtt-deployer.js';

const LOOPS = { heater: 'heater-pid', motor: 'motor-pi', tank: 'tank-level' } as const;

// (module (func (export "wasmlet_device_abi_v1")) (func (export "init") (result i32) i32.const 0)
//         (func (export "step") (param i64) (result i32) unreachable))
const FAULTY = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 13, 3, 96, 0, 0, 96, 0, 1, 127, 96, 1, 126, 1, 127, 3, 4, 3, 0, 1, 2, 7, 39, 3, 21, 119, 97,
  115, 109, 108, 101, 116, 95, 100, 101, 118, 105, 99, 101, 95, 97, 98, 105, 95, 118, 49, 0, 0, 4, 105, 110, 105, 116, 0, 1, 4,
  115, 116, 101, 112, 0, 2, 10, 13, 3, 2, 0, 11, 4, 0, 65, 0, 11, 3, 0, 0, 11,
]);

/** what the CLI adds around the device demo (the web dashboard lives in bin/, above this layer) */
export interface DemoHooks {
  /** the fleet is up: its broker, fleet name and the key its devices trust */
  readonly started?: (f: { readonly url: string; readonly fleet: string; readonly key: KeyObject }) => Promise<void>;
  /** the demo is done and the fleet still runs (it closes when this resolves) */
  readonly finishing?: () => Promise<void>;
}

export async function deviceDemo(root: string, out: (s: string) => void, hooks: DemoHooks = {}): Promise<boolean> {
  const state = mkdtempSync(join(tmpdir(), 'wasmlet-demo-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pubPath = join(state, 'operator.pub');
  writeFileSync(pubPath, publicKey.export({ type: 'spki', format: 'pem' }));
  const fleet = await startFleet({ devices: 3, fleet: 'demo', mqttPort: 0, trust: [pubPath], stateDir: state, periodMs: 20, log: (l) => out('  ' + l) });
  let ok = true;
  try {
    await hooks.started?.({ url: fleet.url, fleet: 'demo', key: privateKey });
    for (const d of fleet.devices) d.sim.device.setParam(0, d.sim.plant.spec.defaults.setpoint);
    out('\nSigned deployments over MQTT (ed25519 + sha256, A/B slots, commit after 20 healthy steps):');
    for (const d of fleet.devices) {
      const name = LOOPS[d.sim.plant.spec.name as keyof typeof LOOPS];
      const bytes = readFileSync(join(root, 'filters', 'control', 'build', `${name}.wasm`));
      const r = await deployOverMqtt({ url: fleet.url, fleet: 'demo', device: d.sim.device.id, bytes, key: privateKey, id: name, version: '1.0.0', wait: true, timeoutMs: 10000 });
      out(`  ${d.sim.device.id.padEnd(9)} ${name}@1.0.0 (${bytes.length} B): ${r.report?.state} in ${r.ms.toFixed(0)} ms`);
      ok &&= r.report?.state === 'running';
    }
    const h = fleet.devices[0]!;
    const other = generateKeyPairSync('ed25519').privateKey;
    const bad = await deployOverMqtt({ url: fleet.url, fleet: 'demo', device: h.sim.device.id, bytes: readFileSync(join(root, 'filters', 'control', 'build', 'heater-pid.wasm')), key: other, id: 'heater-pid', version: '1.0.1', wait: true, timeoutMs: 10000 });
    out(`  ${h.sim.device.id.padEnd(9)} heater-pid@1.0.1 signed by an unknown key: ${bad.report?.state} (${bad.report?.error}); still running ${h.sim.device.module?.name}`);
    const fault = await deployOverMqtt({ url: fleet.url, fleet: 'demo', device: h.sim.device.id, bytes: FAULTY, key: privateKey, id: 'faulty', version: '2.0.0', wait: true, timeoutMs: 10000 });
    out(`  ${h.sim.device.id.padEnd(9)} faulty@2.0.0 (traps in step): ${fault.report?.state} (${fault.report?.error}); running ${h.sim.device.module?.name}`);
    ok &&= bad.report?.state === 'rejected' && fault.report?.state === 'rolled_back';

    out('\nLive telemetry (wasmlet/v1/demo/+/telemetry):');
    const sub = await mqtt.connectAsync(fleet.url);
    let shown = 0;
    sub.on('message', (topic, p) => {
      if (shown++ % 25 !== 0 || shown > 200) return;
      out(`  ${topic.split('/')[3]!.padEnd(9)} ${p.toString().slice(0, 110)}`);
    });
    await sub.subscribeAsync('wasmlet/v1/demo/+/telemetry', { qos: 0 });
    await new Promise((r) => setTimeout(r, 2000));
    await sub.endAsync();

    out('\nFleet status (wasmlet fleet status --fleet demo):');
    for (const r of await fleetStatus(fleet.url, 'demo', 300)) {
      const run = r.running ? `${r.running.id}@${r.running.version} (slot ${r.running.slot})` : '-';
      const last = r.last ? `${r.last.version} ${r.last.state}${r.last.error ? ` (${r.last.error})` : ''}` : '-';
      out(`  ${r.device.padEnd(9)} ${String(r.plant).padEnd(7)} ${String(r.status).padEnd(8)} running ${run.padEnd(28)} last ${last}`);
    }
    out('\nControl report (virtual time, 20 ms of wall time per control period):');
    for (const d of fleet.devices) {
      const spec = d.sim.plant.spec;
      const pv = d.sim.plant.output(0);
      const sp = spec.defaults.setpoint;
      out(`  ${d.sim.device.id.padEnd(9)} t=${d.sim.timeS.toFixed(1)} s  setpoint ${sp}  process value ${pv.toFixed(3)}  state ${d.sim.device.state}  jitter p99 ${fleet.runner.jitterPercentiles().p99.toFixed(2)} ms`);
    }
    await hooks.finishing?.();
  } finally {
    await fleet.close();
    rmSync(state, { recursive: true, force: true });
  }
  return ok;
}
