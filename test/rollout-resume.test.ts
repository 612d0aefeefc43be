// Resuming a halted rollout: 12 devices on 1.0.0, the new module traps on heater-4 and heater-9
// (parameter 5 is 1). The first run (canary heater-1, batches of 3) halts on heater-4. heater-9's
// cause is fixed, and `wasmlet deploy --all --resume` (no key: the persisted manifest is reused)
// completes heater-5..12 without redeploying heater-1..3; heater-4, which rolled 2.0.0 back and
// refuses it from then on, stays on 1.0.0 and is reported as failed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollout, type RolloutResult, type RolloutState } from '../firmware-sim/transport/rollout.js';
import { cliAsync } from './fixtures/ota/cli.js';
import { NEW_BYTES, NEW_PATH, startRolloutFleet, type RolloutRig } from './fixtures/ota/fleet.js';

let rig: RolloutRig;
let state = '';
/** `staged` reports of 2.0.0 per device: one per deployment the device took */
const staged = new Map<string, number>();
beforeAll(async () => {
  rig = await startRolloutFleet(12);
  state = join(rig.dir, 'rollout.json');
  for (const d of rig.fleet.devices) {
    const id = d.sim.device.id;
    d.agent.on('report', (r) => r.version === '2.0.0' && r.state === 'staged' && staged.set(id, (staged.get(id) ?? 0) + 1));
  }
}, 30000);
afterAll(async () => {
  await rig?.fleet.close();
});

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `heater-${from + i}`);

describe('wasmlet deploy --all --resume', () => {
  it('continues a halted rollout with the same manifest, skipping the devices already done', async () => {
    rig.device('heater-4').sim.device.setParam(5, 1);
    rig.device('heater-9').sim.device.setParam(5, 1);
    const manifest = rig.sign('2.0.0');
    const first = await rollout({ url: rig.fleet.url, fleet: 'default', bytes: NEW_BYTES, manifest, canary: { n: 1 }, batch: { n: 3 }, statePath: state });
    expect(first.halted).toBe(true);
    expect(first.versions['2.0.0']).toEqual(['heater-1', 'heater-2', 'heater-3']);
    const persisted = JSON.parse(readFileSync(state, 'utf8')) as RolloutState;
    expect(persisted.status).toBe('halted');
    expect(persisted.manifest).toEqual(manifest);

    // a new rollout of the same module over the halted one is refused: resume it or start over
    const again = await cliAsync(['deploy', NEW_PATH, '--all', '--broker', rig.fleet.url, '--key', rig.keyPath, '--state', state]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/unfinished in .*rollout\.json: continue it with --resume/);

    rig.device('heater-9').sim.device.setParam(5, 0); // the cause, fixed
    const r = await cliAsync(['deploy', NEW_PATH, '--all', '--resume', '--broker', rig.fleet.url, '--state', state, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as RolloutResult;
    expect(s).toMatchObject({ halted: false, version: '2.0.0', sha256: manifest.sha256 });
    expect(s.counts).toMatchObject({ devices: 12, running: 11, rolled_back: 1, failed: 1, not_started: 0 });
    expect(s.versions).toEqual({ '2.0.0': ['heater-1', 'heater-2', 'heater-3', ...ids(5, 12)], '1.0.0': ['heater-4'] });
    // every device that took 2.0.0 took it exactly once: heater-1..3 were not redeployed
    expect(Object.fromEntries(staged)).toEqual(Object.fromEntries([...ids(1, 12)].map((id) => [id, 1])));
    expect(Object.values(rig.committed()).filter((v) => v === '2.0.0')).toHaveLength(11);
    // the signature is the first run's: the resume signed nothing
    expect(rig.device('heater-12').agent.committed).toEqual(manifest);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ status: 'done' });
  }, 60000);
});
