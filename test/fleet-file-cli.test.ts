// `wasmlet sim --fleet-file`: a mixed fleet of three device classes through the CLI — ids
// `<class>-<n>`, each class with its plant, period, budgets, initial module and trusted keys (a
// module signed with one class's key deploys there and is rejected by the other class); a bad file
// is one line naming the file, line and key; per-device flags beside --fleet-file are usage errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKey } from '../firmware-sim/ota/signing.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { loop } from './fixtures/device/load.js';
import { retainedAll, startSimCli, type SimProcess } from './fixtures/ota/sim-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-fleet-file-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 30000 });
let sim: SimProcess;

beforeAll(async () => {
  for (const k of ['ops', 'pumps']) expect(cli('keygen', '--out', join(dir, k)).status).toBe(0);
  writeFileSync(join(dir, 'pid.wasm'), loop('heater-pid'));
  writeFileSync(
    join(dir, 'fleet.yaml'),
    `fleet: floor
trust: [ops/wasmlet.pub]
classes:
  - name: boiler
    count: 2
    plant: heater
    period: 0.05
    budgets: { max_memory_bytes: 131072, fuel_per_step: 20000 }
    params: { 0: 45 }
    module: pid.wasm
  - name: pump
    count: 2
    plant: motor
    trust: [pumps/wasmlet.pub]
  - name: cistern
    count: 1
    plant: tank
    budgets: { max_call_depth: 8 }
`,
  );
  sim = await startSimCli(['--fleet-file', join(dir, 'fleet.yaml'), '--state-dir', join(dir, 'state')], 'cistern-1');
}, 30000);
afterAll(() => sim?.stop());

describe('wasmlet sim --fleet-file', () => {
  it('starts every class with its ids, plant, period, budgets and initial module', async () => {
    const m = await retainedAll(sim.url, 'wasmlet/v1/floor/#', 500);
    const meta = (id: string) => m.get(`wasmlet/v1/floor/${id}/meta`) as { plant: string; periodS: number; limits: Record<string, number> };
    const ids = [...m.keys()].filter((t) => t.endsWith('/status')).map((t) => t.split('/')[3]).sort();
    expect(ids).toEqual(['boiler-1', 'boiler-2', 'cistern-1', 'pump-1', 'pump-2']);
    expect(meta('boiler-2')).toMatchObject({ plant: 'heater', periodS: 0.05, limits: { maxMemoryBytes: 131072, fuelPerStep: 20000 } });
    expect(meta('pump-1')).toMatchObject({ plant: 'motor', limits: { maxMemoryBytes: 65536, fuelPerStep: 100000 } });
    expect(meta('cistern-1')).toMatchObject({ plant: 'tank', limits: { maxCallDepth: 8 } });
    expect(m.get('wasmlet/v1/floor/boiler-1/modules/reported')).toMatchObject({ state: 'running', running: { id: 'pid', version: 'initial', slot: 'A' } });
    expect(m.has('wasmlet/v1/floor/pump-1/modules/reported')).toBe(false);
  }, 20000);

  it('each class trusts its own keys', async () => {
    const pumps = readPrivateKey(join(dir, 'pumps', 'wasmlet.key'));
    const deploy = (device: string, version: string) =>
      deployOverMqtt({ url: sim.url, fleet: 'floor', device, bytes: loop('motor-pi'), key: pumps, id: 'motor-pi', version, wait: true, timeoutMs: 10000 });
    expect((await deploy('pump-1', '1.0.0')).report?.state).toBe('running');
    const other = await deploy('cistern-1', '1.0.0');
    expect(other.report).toMatchObject({ state: 'rejected', error: 'bad signature' });
  }, 30000);

  it('a bad file is one line naming the file, line and key, exit 1', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'classes:\n  - name: a\n    count: 2\n    budgets: { max_memory: 1 }\n');
    const r = cli('sim', '--fleet-file', join(dir, 'bad.yaml'), '--mqtt-port', '0');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^wasmlet: .*bad\.yaml:4: classes\[0\]\.budgets\.max_memory: unknown key \(known: max_memory_bytes, fuel_per_step, max_call_depth, max_stack_bytes\)$/);
  });

  it('per-device flags beside --fleet-file are usage errors', () => {
    const r = cli('sim', '--fleet-file', join(dir, 'fleet.yaml'), '--max-memory', '131072');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--max-memory cannot be combined with --fleet-file/);
  });
});
