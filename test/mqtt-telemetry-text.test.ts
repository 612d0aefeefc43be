// A device's telemetry message is the text JSON.stringify gives for {t, seq, state, sp, pv, u,
// <module keys>…} (docs/mqtt.md), although the encoder builds it as text and reuses the quoted
// key of each position from the previous message: keys that change, move, appear or disappear
// between messages, keys that need escaping and non-finite values must all come out right.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { MqttDeviceLink } from '../firmware-sim/transport/mqtt-device.js';

const sim = new SimDevice({ plant: 'heater', id: 'h-1', trace: false });
const agent = new OtaAgent(sim.device, { trusted: [], stateDir: mkdtempSync(join(tmpdir(), 'wasmlet-telemetry-text-')) });
// nothing listens on port 9: the client only retries in the background; the encoder is what runs
const link = new MqttDeviceLink({ url: 'mqtt://127.0.0.1:9', fleet: 'f', sim, agent, onError: () => {} });
afterAll(() => link.close());

function expected(extra: Record<string, number>): string {
  const d = sim.device;
  const o: Record<string, unknown> = { t: sim.timeS, seq: 0, state: d.state, sp: d.params.get(0) ?? 0, pv: sim.readings[0], u: d.actuators[0] };
  for (const [k, v] of Object.entries(extra)) o[k] = v;
  return JSON.stringify(o);
}

describe('telemetry text', () => {
  it('matches JSON.stringify as the keys change from one message to the next', () => {
    const t = sim.device.telemetry;
    const rounds: Record<string, number>[] = [
      { a: 1, b: 2.5 },
      { a: 1.25, b: -3 },
      { b: 4, a: 5 }, // same keys, other order
      { a: 1, 'q"uo\\te\n': 7, c: NaN }, // escaping; NaN is null
      { a: Infinity },
      {},
      { x: 1e21, y: -0, z: 1e-7 },
    ];
    for (const r of rounds) {
      t.clear();
      for (const [k, v] of Object.entries(r)) t.set(k, v);
      sim.advance();
      expect(link.encodeTelemetry()).toBe(expected(r));
    }
  });
});
