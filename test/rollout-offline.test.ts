// Offline devices in a staged rollout are skipped, not waited for: heater-3 of a 6-device fleet is
// disconnected (retained status `offline`) before the rollout. The other five commit the new
// version, heater-3 is reported `skipped` on its old version, and the rollout is not halted (a
// skip is no failure) but leaves heater-3 for --resume.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRolloutState, rollout, type RolloutEvent } from '../firmware-sim/transport/rollout.js';
import { NEW_BYTES, startRolloutFleet, type RolloutRig } from './fixtures/ota/fleet.js';

let rig: RolloutRig;
beforeAll(async () => {
  rig = await startRolloutFleet(6);
}, 30000);
afterAll(async () => {
  await rig?.fleet.close();
});

describe('staged rollout with an offline device', () => {
  it('skips the offline device and reports it with the version it last reported', async () => {
    await rig.device('heater-3').link.close();
    const events: RolloutEvent[] = [];
    const statePath = join(rig.dir, 'state.json');
    const r = await rollout({ url: rig.fleet.url, fleet: 'default', bytes: NEW_BYTES, manifest: rig.sign('2.0.0'), batch: { n: 2 }, statePath, onEvent: (e) => events.push(e) });
    expect(r.halted).toBe(false);
    expect(r.counts).toMatchObject({ devices: 6, running: 5, skipped: 1, failed: 0 });
    expect(r.devices.find((d) => d.device === 'heater-3')).toMatchObject({ result: 'skipped', error: 'offline', runs: '1.0.0' });
    expect(r.versions).toEqual({ '2.0.0': ['heater-1', 'heater-2', 'heater-4', 'heater-5', 'heater-6'], '1.0.0': ['heater-3'] });
    expect(events).toContainEqual({ type: 'skip', device: 'heater-3', reason: 'offline' });
    expect(events.some((e) => e.type === 'start' && e.device === 'heater-3')).toBe(false);
    expect(rig.committed()['heater-3']).toBe('1.0.0');
    // done, with heater-3 not among the finished devices: a resume would try it again
    const s = readRolloutState(statePath);
    expect(s.status).toBe('done');
    expect(Object.keys(s.devices).sort()).toEqual(['heater-1', 'heater-2', 'heater-4', 'heater-5', 'heater-6']);
  }, 60000);
});
