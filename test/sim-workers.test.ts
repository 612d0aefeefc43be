// `wasmlet sim --devices N --workers W` runs the fleet as W shard processes of one command on the
// embedded broker of the parent: every device of the fleet is online once, with the ids of the
// whole fleet, each shard's output is tagged, and SIGTERM stops them all.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';
import { wasmlet, type Proc } from './helpers/cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-workers-'));
let sim: Proc | null = null;
afterAll(async () => {
  await sim?.kill();
});

describe('wasmlet sim --workers', () => {
  it('simulates one fleet in shard processes', async () => {
    sim = wasmlet('sim', '--devices', '20', '--workers', '2', '--mqtt-port', '0', '--state-dir', join(dir, 'state'), '--duration', '60');
    const url = (await sim.waitFor(/embedded MQTT broker \(aedes, MQTT 3\.1\.1\): (mqtt:\/\/\S+) for 2 workers/))[1]!;
    await sim.waitFor(/\[shard 1\/2\] shard 1\/2: 10 of the fleet's 20 devices/);
    await sim.waitFor(/\[shard 2\/2\] shard 2\/2: 10 of the fleet's 20 devices/);
    let rows = await fleetStatus(url, 'default', 300);
    for (let i = 0; i < 40 && rows.filter((r) => r.status === 'online').length < 20; i++) rows = await fleetStatus(url, 'default', 300);
    expect(rows.filter((r) => r.status === 'online').map((r) => r.device).sort()).toEqual(
      ['heater', 'motor', 'tank'].flatMap((p) => Array.from({ length: p === 'heater' ? 7 : p === 'motor' ? 7 : 6 }, (_, i) => `${p}-${i + 1}`)).sort(),
    );
    await sim.kill('SIGTERM');
    expect(sim.child.exitCode).toBe(0);
  }, 60000);
});
