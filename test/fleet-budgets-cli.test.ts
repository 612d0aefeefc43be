// `wasmlet sim --devices` takes every single-device option: a module needing 256 KiB of memory (as
// C built with clang's defaults does) runs as the fleet's initial module under --max-memory, the
// devices publish the budgets and period they were given (and use the parameters), and a deploy that
// needs more than the fleet's budgets is refused while the initial module keeps running.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { readPrivateKey } from '../firmware-sim/ota/signing.js';
import { fixture, loop, withLimits } from './fixtures/device/load.js';
import { retainedAll, startSimCli, type SimProcess } from './fixtures/ota/sim-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-fleet-budgets-'));
const big = join(dir, 'big.wasm');
writeFileSync(big, fixture('big-memory'));
let sim: SimProcess;
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 30000 });
const budgets = ['--max-memory', '262144', '--fuel-per-step', '5000', '--max-call-depth', '16'];

beforeAll(async () => {
  expect(cli('keygen', '--out', join(dir, 'keys')).status).toBe(0);
  sim = await startSimCli(
    ['--devices', '2', '--plant', 'heater', ...budgets, '--period', '0.05', '--param', '0=60', '--param', '3=1.5', '--seed', '9', '--module', big,
      '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state')],
    'heater-2',
  );
}, 30000);
afterAll(() => sim?.stop());

describe('wasmlet sim --devices with device options', () => {
  it('runs the initial module within the given budgets and publishes them', async () => {
    const m = await retainedAll(sim.url, 'wasmlet/v1/default/+/meta');
    for (const id of ['heater-1', 'heater-2']) {
      const meta = m.get(`wasmlet/v1/default/${id}/meta`) as { limits: Record<string, number>; periodS: number };
      expect(meta.limits).toMatchObject({ maxMemoryBytes: 262144, fuelPerStep: 5000, maxCallDepth: 16 });
      expect(meta.periodS).toBe(0.05);
    }
    const rep = await retainedAll(sim.url, 'wasmlet/v1/default/+/modules/reported');
    expect(rep.get('wasmlet/v1/default/heater-1/modules/reported')).toMatchObject({ state: 'running', running: { id: 'big', version: 'initial', slot: 'A' } });
  }, 20000);

  it('steps every --period of wall-clock time', async () => {
    const c = await mqtt.connectAsync(sim.url);
    const seqs: { seq: number; t: number }[] = [];
    c.on('message', (_t, p) => seqs.push(JSON.parse(p.toString())));
    await c.subscribeAsync('wasmlet/v1/default/heater-1/telemetry', { qos: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    await c.endAsync();
    // 20 steps per second at 0.05 s; virtual time advances 0.05 s per step
    expect(seqs.length).toBeGreaterThan(14);
    expect(seqs.length).toBeLessThan(26);
    const a = seqs[0]!;
    const b = seqs[seqs.length - 1]!;
    expect((b.t - a.t) / (b.seq - a.seq)).toBeCloseTo(0.05, 6);
  }, 20000);

  it('refuses a deploy that needs more than the fleet budget; the initial module keeps running', async () => {
    const key = readPrivateKey(join(dir, 'keys', 'wasmlet.key'));
    const r = await deployOverMqtt({ url: sim.url, device: 'heater-2', bytes: withLimits(loop('heater-pid'), '{"fuel_per_step":6000}'), key, id: 'pid', version: '2.0.0', wait: true, timeoutMs: 10000 });
    // the operator's check, against the limits in the device's meta: nothing is transferred
    expect(r.report?.state).toBe('rejected');
    expect(r.report?.error).toMatch(/declares it needs fuel_per_step 6000 \(wasmlet\.limits\); the device allows 5000 \(refused before transfer\)/);
    expect(r.chunkRequests).toBe(0);
    // the device's own check, for an operator that skips it
    const d = await deployOverMqtt({ url: sim.url, device: 'heater-2', bytes: withLimits(loop('heater-pid'), '{"fuel_per_step":6000}'), key, id: 'pid', version: '2.0.0', wait: true, timeoutMs: 10000, precheck: false });
    expect(d.report?.state).toBe('rejected');
    expect(d.report?.error).toMatch(/declares it needs fuel_per_step 6000 \(wasmlet\.limits\); the device allows 5000$/);
    expect(d.report?.running).toMatchObject({ id: 'big', version: 'initial', slot: 'A' });
    const ok = await deployOverMqtt({ url: sim.url, device: 'heater-2', bytes: withLimits(loop('heater-pid'), '{"fuel_per_step":5000}'), key, id: 'pid', version: '2.0.1', wait: true, timeoutMs: 10000 });
    expect(ok.report?.state).toBe('running');
    // --param 0=60 is the setpoint: the PID's error is 60 °C minus the unheated plant's ~20 °C
    const c = await mqtt.connectAsync(sim.url);
    const first = new Promise<{ error: number }>((resolve) => c.on('message', (_t, p) => resolve(JSON.parse(p.toString()))));
    await c.subscribeAsync('wasmlet/v1/default/heater-2/telemetry', { qos: 0 });
    const t = await first;
    await c.endAsync();
    expect(t.error).toBeGreaterThan(35);
    expect(t.error).toBeLessThan(41);
  }, 30000);

  it('without the budget the initial module is refused at start, naming why', () => {
    const r = cli('sim', '--devices', '1', '--mqtt-port', '0', '--module', big, '--duration', '1', '--state-dir', join(dir, 'state2'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/initial module big\.wasm: module big\.wasm needs 262144 bytes of initial memory; the device budget is 65536 bytes/);
  });

  it('rejects --json and --plot, which have no meaning for a fleet', () => {
    const r = cli('sim', '--devices', '1', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--json/);
  });
});
