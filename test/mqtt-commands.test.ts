// Operator commands over MQTT (`cmd/<verb>`, answered on `cmd/<verb>/result` with {ok, state, error?})
// against an embedded aedes broker: stop, start, param, reset and rollback change the device as
// documented in docs/mqtt.md; a rollback with nothing staged, an unknown verb and a malformed
// param are refused with the reason and change nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signModule } from '../firmware-sim/ota/signing.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { loop } from './fixtures/device/load.js';
import { keys, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const k = keys();
const base = 'wasmlet/v1/default/heater-1/';
let broker: EmbeddedBroker;
let dev: RigDevice;
let op: MqttClient;

interface Result {
  ok: boolean;
  state: string;
  error?: string;
}

/** publish cmd/<verb> and wait for its result */
async function command(verb: string, payload = ''): Promise<Result> {
  const topic = `${base}cmd/${verb}/result`;
  await op.subscribeAsync(topic, { qos: 1 });
  const result = new Promise<Result>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer on ${topic}`)), 10000);
    const on = (tp: string, p: Buffer): void => {
      if (tp !== topic) return;
      clearTimeout(t);
      op.off('message', on);
      resolve(JSON.parse(p.toString()) as Result);
    };
    op.on('message', on);
  });
  await op.publishAsync(`${base}cmd/${verb}`, payload, { qos: 1 });
  const r = await result;
  await op.unsubscribeAsync(topic);
  return r;
}

const stepsAfter = async (ms: number): Promise<number> => {
  const s0 = dev.sim.device.steps;
  await new Promise((r) => setTimeout(r, ms));
  return dev.sim.device.steps - s0;
};

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  // pid v1 committed in slot A (as a device restarts with it), and a commit window so long that a
  // second deploy stays staged until the operator decides
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-cmd-'));
  const bytes = loop('heater-pid');
  writeFileSync(join(dir, 'slot-a.wasm'), bytes);
  writeFileSync(join(dir, 'slot-a.json'), JSON.stringify(signModule(bytes, k.priv, 'pid', '1')));
  dev = await startDevice({ url: broker.url, id: 'heater-1', trusted: [k.pub], stateDir: dir, healthySteps: 1_000_000 });
  op = await mqtt.connectAsync(broker.url);
}, 20000);

afterAll(async () => {
  await op?.endAsync();
  await dev?.close();
  await broker?.close();
});

describe('cmd/<verb> over MQTT', () => {
  it('stop halts stepping and answers stopped; start resumes', async () => {
    expect(dev.sim.device.state).toBe('running');
    expect(await command('stop')).toEqual({ ok: true, state: 'stopped' });
    expect(dev.sim.device.state).toBe('stopped');
    expect(await stepsAfter(100)).toBe(0);
    expect(await command('start')).toEqual({ ok: true, state: 'running' });
    expect(await stepsAfter(200)).toBeGreaterThan(0);
  }, 20000);

  it('param sets an operator parameter', async () => {
    expect(await command('param', JSON.stringify({ id: 0, value: 42.5 }))).toEqual({ ok: true, state: 'running' });
    expect(dev.sim.device.params.get(0)).toBe(42.5);
  }, 20000);

  it('refuses a malformed param and an unknown verb, changing nothing', async () => {
    const bad = await command('param', '{"id": "x"}');
    expect(bad).toMatchObject({ ok: false, state: 'running' });
    expect(bad.error).toMatch(/id.*integer/);
    expect(dev.sim.device.params.get(0)).toBe(42.5);
    expect(await command('reboot')).toEqual({ ok: false, state: 'running', error: 'unknown command reboot' });
  }, 20000);

  it('reset re-instantiates the module and runs init again, also from stopped', async () => {
    await command('stop');
    expect(await command('reset')).toEqual({ ok: true, state: 'running' });
    expect(dev.sim.device.module?.name).toBe('pid@1');
    expect(await stepsAfter(200)).toBeGreaterThan(0);
  }, 20000);

  it('rollback returns a staged module to the committed one and reports rolled_back', async () => {
    expect(dev.agent.committed?.version).toBe('1');
    const r = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes: loop('heater-pid'), key: k.priv, id: 'pid', version: '2', timeoutMs: 10000 });
    expect(r.report?.state).toBe('staged');
    expect(dev.sim.device.module?.name).toBe('pid@2');

    const reported = new Promise<string>((resolve) => {
      const c = mqtt.connect(broker.url);
      c.on('message', (_t, p) => {
        const s = p.toString();
        if (s.includes('rolled_back')) {
          c.end();
          resolve(s);
        }
      });
      c.subscribe(`${base}modules/reported`, { qos: 1 });
    });
    expect(await command('rollback')).toEqual({ ok: true, state: 'running' });
    expect(dev.sim.device.module?.name).toBe('pid@1');
    expect(dev.agent.staged).toBeNull();
    expect(JSON.parse(await reported)).toMatchObject({ version: '2', state: 'rolled_back', error: 'operator', committed: '1' });
  }, 20000);

  it('refuses a rollback when nothing is staged', async () => {
    expect(await command('rollback')).toEqual({ ok: false, state: 'running', error: 'nothing staged to roll back' });
    expect(dev.sim.device.module?.name).toBe('pid@1');
  }, 20000);
});
