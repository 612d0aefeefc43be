// The sharded fleet on a second clustered broker: three NATS servers (Debian's nats-server, MQTT
// over JetStream) in one cluster. Two shards of a 20-device fleet list two nodes in different
// orders; every device is visible from the third node; a deploy through one node commits on a
// device connected to another; after SIGKILL of a node its devices publish through the next one,
// and every telemetry seq they took was published: a QoS 0 subscriber (core NATS routing, no
// JetStream state) sees each seq the QoS 1 subscriber misses. Before the devices held telemetry
// taken during mqtt.js's post-reconnect replay (mqtt-device.ts), ~4 s of it per moved device was
// dropped in the client whenever NATS closed a reconnect while taking over the dead server's
// sessions. What NATS's QoS 1 delivery itself loses is counted and printed (docs/mqtt.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';
import { freePort, start, wasmlet, type Proc } from './helpers/cluster.js';

const NATS = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find(existsSync);
const SKIP = !NATS && process.env['CI'] !== 'true';
if (SKIP) console.warn('skipping the NATS cluster test: nats-server is not installed (apt-get install nats-server)');

const N = 20;
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-nats-'));
const procs: Proc[] = [];
const nodes: { url: string; proc: Proc }[] = [];
const seqs = new Map<string, number[]>();
/** the same telemetry through a QoS 0 subscription: core NATS delivery, no JetStream consumer */
const seqs0 = new Map<string, number[]>();
let watcher: mqtt.MqttClient | null = null;
let watcher0: mqtt.MqttClient | null = null;

beforeAll(async () => {
  if (!NATS) return;
  const ports = await Promise.all(Array.from({ length: 9 }, () => freePort()));
  const routes = [0, 1, 2].map((i) => `nats-route://127.0.0.1:${ports[3 + i]}`).join(', ');
  for (let i = 0; i < 3; i++) {
    mkdirSync(join(dir, `js${i}`));
    const conf = join(dir, `n${i}.conf`);
    writeFileSync(conf, `server_name: n${i}\nlisten: 127.0.0.1:${ports[i]}\njetstream { store_dir: "${join(dir, `js${i}`)}" }\n` +
      `cluster { name: wasmlet, listen: 127.0.0.1:${ports[3 + i]}, routes: [${routes}] }\nmqtt { listen: 127.0.0.1:${ports[6 + i]} }\n`);
    const proc = start(NATS, ['-c', conf]);
    procs.push(proc);
    nodes.push({ url: `mqtt://127.0.0.1:${ports[6 + i]}`, proc });
  }
  for (const n of nodes) await n.proc.waitFor(/Listening for MQTT clients/);
  // MQTT sessions live in JetStream: wait until the cluster has elected its metadata leader
  await Promise.any(nodes.map((n) => n.proc.waitFor(/JetStream cluster new metadata leader/, 40000)));
  expect(spawnSync(process.execPath, ['bin/wasmlet.js', 'keygen', '--out', join(dir, 'keys')]).status).toBe(0);
  const common = ['sim', '--devices', String(N), '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state'), '--duration', '120'];
  procs.push(wasmlet(...common, '--shard', '1/2', '--broker', `${nodes[0]!.url},${nodes[1]!.url}`));
  procs.push(wasmlet(...common, '--shard', '2/2', '--broker', `${nodes[1]!.url},${nodes[0]!.url}`));
  watcher = await mqtt.connectAsync(nodes[2]!.url);
  watcher.on('message', (topic, p) => {
    const id = topic.split('/')[3]!;
    seqs.set(id, [...(seqs.get(id) ?? []), (JSON.parse(p.toString()) as { seq: number }).seq]);
  });
  await watcher.subscribeAsync('wasmlet/v1/default/+/telemetry', { qos: 1 });
  watcher0 = await mqtt.connectAsync(nodes[2]!.url);
  watcher0.on('message', (topic, p) => {
    const id = topic.split('/')[3]!;
    seqs0.set(id, [...(seqs0.get(id) ?? []), (JSON.parse(p.toString()) as { seq: number }).seq]);
  });
  await watcher0.subscribeAsync('wasmlet/v1/default/+/telemetry', { qos: 0 });
}, 90000);

afterAll(async () => {
  await watcher?.endAsync();
  await watcher0?.endAsync();
  await Promise.all(procs.map((p) => p.kill()));
}, 30000);

async function onlineOn(url: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < 40 && n < N; i++) {
    n = (await fleetStatus(url, 'default', 300)).filter((r) => r.status === 'online').length;
    if (n < N) await new Promise((r) => setTimeout(r, 250));
  }
  return n;
}

describe.skipIf(SKIP)('the sharded fleet on a NATS cluster (MQTT)', () => {
  it('has nats-server', () => expect(NATS, 'nats-server must be installed under CI').toBeTruthy());

  it('shows every device on the third node and deploys through another node', async () => {
    expect(await onlineOn(nodes[2]!.url)).toBe(N);
    const r = spawnSync(process.execPath, ['bin/wasmlet.js', 'deploy', 'filters/control/build/heater-pid.wasm', '--device', 'heater-1', '--broker', nodes[1]!.url,
      '--key', join(dir, 'keys', 'wasmlet.key'), '--version', 'n1', '--wait', '--timeout', '20000'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/→ heater-1: running/);
  }, 60000);

  it('moves the devices of a killed node to the next one', async () => {
    await nodes[0]!.proc.kill('SIGKILL');
    const late = await mqtt.connectAsync(nodes[2]!.url);
    const after = new Map<string, number>();
    late.on('message', (t) => after.set(t.split('/')[3]!, (after.get(t.split('/')[3]!) ?? 0) + 1));
    // QoS 0: right after a server dies, NATS may refuse a QoS 1 subscription (its JetStream
    // consumer) for a moment with "Unspecified error"
    await late.subscribeAsync('wasmlet/v1/default/+/telemetry', { qos: 0 });
    for (let i = 0; i < 80 && !(after.size === N && [...after.values()].every((n) => n >= 10)); i++) await new Promise((r) => setTimeout(r, 250));
    await late.endAsync();
    expect(after.size).toBe(N);
    await new Promise((r) => setTimeout(r, 2000)); // what JetStream still redelivers arrives
    // a seq missing from the QoS 1 subscriber but seen by the QoS 0 one was published and routed
    // by NATS: lost in NATS's QoS 1 (JetStream) delivery. One missing from both never left a device
    // or was lost inside NATS before routing.
    let missing = 0;
    let dups = 0;
    let gapped = 0;
    let routed = 0;
    let unseen = 0;
    for (const [id, l] of seqs) {
      const u = [...new Set(l)].sort((x, y) => x - y);
      dups += l.length - u.length;
      const have = new Set(u);
      const seen0 = new Set(seqs0.get(id) ?? []);
      let m = 0;
      for (let s = u[0]!; s <= u.at(-1)!; s++) {
        if (have.has(s)) continue;
        m++;
        if (seen0.has(s)) routed++;
        else unseen++;
      }
      missing += m;
      if (m > 0) gapped++;
    }
    console.log(`NATS failover: ${N} devices through the next node; ${missing} telemetry messages missing at the QoS 1 subscriber from ${gapped} devices ` +
      `(${routed} of them seen by the QoS 0 subscriber, ${unseen} by neither), ${dups} duplicates`);
    // what the devices own: every seq a device took was published and routed by NATS (QoS 0
    // delivery, which has no JetStream state to lose, saw it)
    expect(unseen).toBe(0);
  }, 60000);
});
