// `modules/reported` always says what runs: after a commit, a staged module, a rejected
// (over-budget) deploy and a rollback, the retained report carries `running` {id, version, slot,
// since} and `last` {id, version, state, error}, beside the protocol-v1 fields that stay as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { fixture, loop, withLimits } from './fixtures/device/load.js';
import { keys, nextMessage, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const k = keys();
let broker: EmbeddedBroker;
let dev: RigDevice;

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  dev = await startDevice({ url: broker.url, id: 'heater-1', trusted: [k.pub] });
});
afterAll(async () => {
  await dev?.close();
  await broker?.close();
});

const pid = loop('heater-pid');
// precheck off: this is about the device's own check and report, not the operator's
const deploy = (bytes: Uint8Array, version: string, id = 'pid') =>
  deployOverMqtt({ url: broker.url, device: 'heater-1', bytes, key: k.priv, id, version, wait: true, timeoutMs: 10000, precheck: false });
/** the retained report as an operator who connects now reads it */
const retained = async () => JSON.parse((await nextMessage(broker.url, 'wasmlet/v1/default/heater-1/modules/reported')).toString());
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('modules/reported: running and last', () => {
  it('after a commit: running is the committed module in slot A', async () => {
    expect((await deploy(pid, '1.0.0')).report?.state).toBe('running');
    const r = await retained();
    expect(r).toEqual({
      id: 'pid', version: '1.0.0', state: 'running', committed: '1.0.0',
      running: { id: 'pid', version: '1.0.0', slot: 'A', since: expect.stringMatching(ISO) },
      last: { id: 'pid', version: '1.0.0', state: 'running' },
    });
  }, 20000);

  it('an over-budget module is rejected; the report still shows the old module running', async () => {
    const since = (await retained()).running.since;
    const greedy = withLimits(pid, '{"fuel_per_step":500000}');
    const r = await deploy(greedy, '2.0.0', 'greedy');
    expect(r.report?.state).toBe('rejected');
    const rep = await retained();
    expect(rep).toMatchObject({ id: 'greedy', version: '2.0.0', state: 'rejected', committed: '1.0.0' });
    expect(rep.error).toMatch(/declares it needs fuel_per_step 500000 \(wasmlet\.limits\); the device allows 100000/);
    expect(rep.running).toEqual({ id: 'pid', version: '1.0.0', slot: 'A', since });
    expect(rep.last).toEqual({ id: 'greedy', version: '2.0.0', state: 'rejected', error: rep.error });
    expect(dev.sim.device.module?.name).toBe('pid@1.0.0');
  }, 20000);

  it('a faulting module runs from slot B until it is rolled back to slot A', async () => {
    const seen: { state: string; running: { version: string; slot: string } }[] = [];
    dev.agent.on('report', (r) => seen.push(r as never));
    const r = await deploy(fixture('step-fails'), '3.0.0', 'faulty');
    expect(r.report?.state).toBe('rolled_back');
    expect(seen.find((s) => s.state === 'staged')?.running).toMatchObject({ version: '3.0.0', slot: 'B' });
    const rep = await retained();
    expect(rep.running).toMatchObject({ id: 'pid', version: '1.0.0', slot: 'A' });
    expect(rep.last).toMatchObject({ id: 'faulty', version: '3.0.0', state: 'rolled_back' });
  }, 20000);
});
