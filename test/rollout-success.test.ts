// A staged rollout that succeeds: a 10-device fleet, canary 2 then batches of 3, over one MQTT
// client against the embedded broker. Every device ends on the new version, and the canary
// devices have committed it before any batch device is even offered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtaReport } from '../firmware-sim/ota/agent.js';
import { rollout, type RolloutEvent } from '../firmware-sim/transport/rollout.js';
import { join } from 'node:path';
import { NEW_BYTES, startRolloutFleet, type RolloutRig } from './fixtures/ota/fleet.js';

let rig: RolloutRig;
beforeAll(async () => {
  rig = await startRolloutFleet(10);
}, 30000);
afterAll(async () => {
  await rig?.fleet.close();
});

describe('staged rollout', () => {
  it('deploys to the canary first, then in batches, until every device runs the new version', async () => {
    // device-side truth: when each device staged and committed the new version
    const seen: { device: string; state: string; t: number }[] = [];
    for (const d of rig.fleet.devices) {
      d.agent.on('report', (r: OtaReport) => {
        if (r.version === '2.0.0') seen.push({ device: d.sim.device.id, state: r.state, t: performance.now() });
      });
    }
    const events: RolloutEvent[] = [];
    const r = await rollout({
      url: rig.fleet.url,
      fleet: 'default',
      bytes: NEW_BYTES,
      manifest: rig.sign('2.0.0'),
      canary: { n: 2 },
      batch: { n: 3 },
      statePath: join(rig.dir, 'state.json'),
      onEvent: (e) => events.push(e),
    });
    expect(r.halted).toBe(false);
    expect(r.counts).toMatchObject({ devices: 10, running: 10, failed: 0, not_started: 0, skipped: 0 });
    expect(r.versions).toEqual({ '2.0.0': rig.fleet.devices.map((d) => d.sim.device.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) });
    expect(Object.values(rig.committed())).toEqual(Array(10).fill('2.0.0'));

    const plan = events.find((e) => e.type === 'plan');
    expect(plan).toMatchObject({
      canary: ['heater-1', 'heater-2'],
      batches: [['heater-3', 'heater-4', 'heater-5'], ['heater-6', 'heater-7', 'heater-8'], ['heater-9', 'heater-10']],
    });
    const canary = new Set(['heater-1', 'heater-2']);
    // the rollout's order: both canary devices done before the first batch device starts
    const firstBatchStart = events.findIndex((e) => e.type === 'start' && !canary.has(e.device));
    const canaryDone = events.map((e, i) => (e.type === 'done' && canary.has(e.device) ? i : -1)).filter((i) => i >= 0);
    expect(canaryDone).toHaveLength(2);
    expect(Math.max(...canaryDone)).toBeLessThan(firstBatchStart);
    // and the devices': no batch device staged the module before both canaries committed it
    const committedAt = seen.filter((s) => canary.has(s.device) && s.state === 'running').map((s) => s.t);
    const batchStagedAt = seen.filter((s) => !canary.has(s.device) && s.state === 'staged').map((s) => s.t);
    expect(committedAt).toHaveLength(2);
    expect(batchStagedAt).toHaveLength(8);
    expect(Math.max(...committedAt)).toBeLessThan(Math.min(...batchStagedAt));
    // batches are waves: batch 2 starts after every device of batch 1 committed
    const doneAt = (d: string) => seen.find((s) => s.device === d && s.state === 'running')!.t;
    const stagedAt = (d: string) => seen.find((s) => s.device === d && s.state === 'staged')!.t;
    expect(Math.max(...['heater-3', 'heater-4', 'heater-5'].map(doneAt))).toBeLessThan(Math.min(...['heater-6', 'heater-7', 'heater-8'].map(stagedAt)));
    process.stdout.write(`rollout of 10 devices (canary 2, batches of 3, 15 ms period): ${r.ms} ms\n`);
  }, 60000);
});
