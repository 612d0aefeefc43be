// A staged rollout that halts, driven through the CLI (`wasmlet deploy --all --json`): a 20-device
// fleet on 1.0.0, the new module traps on heater-7 (its parameter 5 is 1). Canary heater-1, then
// batches of 4: the batch heater-6..9 fails on heater-7, the rest of that batch finishes, and the
// rollout halts with exit 1. The summary says which device runs which version; heater-10..20 were
// never offered the module and still run 1.0.0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RolloutResult } from '../firmware-sim/transport/rollout.js';
import { cliAsync } from './fixtures/ota/cli.js';
import { NEW_PATH, startRolloutFleet, type RolloutRig } from './fixtures/ota/fleet.js';

let rig: RolloutRig;
const offered = new Set<string>();
beforeAll(async () => {
  rig = await startRolloutFleet(20);
  for (const d of rig.fleet.devices) d.agent.on('report', (r) => r.version === '2.0.0' && offered.add(d.sim.device.id));
}, 30000);
afterAll(async () => {
  await rig?.fleet.close();
});

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `heater-${from + i}`);

describe('wasmlet deploy --all: halt', () => {
  it('halts after a failure, lets the batch in flight finish, and leaves the devices not reached alone', async () => {
    rig.device('heater-7').sim.device.setParam(5, 1);
    const state = join(rig.dir, 'rollout.json');
    const t0 = performance.now();
    const r = await cliAsync(['deploy', NEW_PATH, '--all', '--broker', rig.fleet.url, '--key', rig.keyPath, '--version', '2.0.0', '--canary', '1', '--batch', '4', '--state', state, '--json']);
    const ms = performance.now() - t0;
    expect(r.status, r.stderr).toBe(1);
    const s = JSON.parse(r.stdout) as RolloutResult;
    expect(s).toMatchObject({ halted: true, version: '2.0.0', haltReason: '1 failure (--max-failures 0)' });
    expect(s.counts).toMatchObject({ devices: 20, running: 8, rolled_back: 1, failed: 1, not_started: 11 });
    const on2 = [...ids(1, 6), 'heater-8', 'heater-9'];
    expect(s.versions['2.0.0']).toEqual(on2);
    expect(s.versions['1.0.0']).toEqual(['heater-7', ...ids(10, 20)]);
    const h7 = s.devices.find((d) => d.device === 'heater-7')!;
    expect(h7).toMatchObject({ phase: 'batch', result: 'rolled_back', runs: '1.0.0' });
    expect(h7.error).toMatch(/unreachable/);
    for (const d of s.devices.filter((x) => ids(10, 20).includes(x.device))) expect(d).toMatchObject({ result: 'not_started', runs: '1.0.0' });
    // the devices agree: untouched ones never saw 2.0.0 and still run 1.0.0
    expect([...offered].sort()).toEqual([...on2, 'heater-7'].sort());
    for (const id of ids(10, 20)) expect(rig.device(id).sim.device.module?.name).toBe('heater-pid@1.0.0');
    expect(rig.device('heater-7').sim.device.module?.name).toBe('heater-pid@1.0.0');
    expect(rig.committed()['heater-7']).toBe('1.0.0');
    // one line per event on stderr (not a terminal), the halt among them
    expect(r.stderr).toMatch(/^deploy heater-1 2\.0\.0: running in \d+ ms$/m);
    expect(r.stderr).toMatch(/^deploy heater-7 2\.0\.0: rolled_back \(.*unreachable.*\) in \d+ ms; runs 1\.0\.0$/m);
    expect(r.stderr).toMatch(/^halt: 1 failure \(--max-failures 0\); 11 devices not started$/m);
    // the state file records the halt for --resume
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ status: 'halted', canary: ['heater-1'], batchSize: 4 });
    process.stdout.write(`halted rollout, 20 devices (9 deployed): ${ms.toFixed(0)} ms including CLI start-up\n`);
  }, 60000);
});
