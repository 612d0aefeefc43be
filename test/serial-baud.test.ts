// With a line rate (--baud), both ends of a serial link send at that rate, as over a real UART
// (8N1: ten bits a byte): a deploy takes at least the time its bytes need on the line, and a
// module that deflates well goes out deflated, in a fraction of that time. Real pty pair (socat).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { RealtimeRunner } from '../firmware-sim/transport/realtime.js';
import { SerialDeviceLink, SerialHost } from '../firmware-sim/transport/serial-link.js';
import { loop, withCustom } from './fixtures/device/load.js';
import { keys } from './fixtures/ota/rig.js';
import { ptyPair, SKIP_SERIAL, SOCAT, type PtyPair } from './helpers/pty.js';

const BAUD = 115200;
const lineMs = (bytes: number): number => (bytes * 10 * 1000) / BAUD;
const k = keys();
const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false, params: { 0: 50 } });
const agent = new OtaAgent(sim.device, { trusted: [k.pub], healthySteps: 5 });
const runner = new RealtimeRunner(5);
let pty: PtyPair | null = null;
let link: SerialDeviceLink | null = null;
let host: SerialHost | null = null;

beforeAll(async () => {
  if (!SOCAT) return;
  pty = await ptyPair();
  link = await SerialDeviceLink.open(pty.device, sim, agent, 5, { baud: BAUD });
  host = await SerialHost.open(pty.host, 300, 5, { baud: BAUD });
  runner.add(sim, () => link!.afterStep());
  runner.start();
}, 20000);
afterAll(async () => {
  runner.stop();
  await host?.close();
  await link?.close();
  pty?.close();
});

describe.skipIf(SKIP_SERIAL)('serial line rate', () => {
  it('takes at least the line time of the bytes it sends', async () => {
    const bytes = withCustom(loop('heater-pid'), 'noise', randomBytes(20_000));
    const t0 = performance.now();
    const r = await host!.deploy({ bytes, key: k.priv, id: 'pid', version: 'b1', wait: false });
    const ms = performance.now() - t0;
    expect(r.state).toBe('staged');
    expect(host!.lastTransfer).toMatchObject({ wireBytes: bytes.length, resumedAt: 0 });
    expect(host!.lastTransfer?.encoding).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(lineMs(bytes.length));
  }, 30000);

  it('sends a module that deflates well deflated, well under its raw line time', async () => {
    const table = new Uint8Array(100_000).map((_, i) => (i >> 6) & 0xff);
    const bytes = withCustom(loop('heater-pid'), 'table', table);
    const t0 = performance.now();
    const r = await host!.deploy({ bytes, key: k.priv, id: 'pid', version: 'b2', wait: true });
    const ms = performance.now() - t0;
    expect(r.state).toBe('running');
    const t = host!.lastTransfer!;
    expect(t.encoding).toBe('deflate');
    expect(t.wireBytes).toBeLessThan(bytes.length / 10);
    expect(ms).toBeGreaterThanOrEqual(lineMs(t.wireBytes));
    expect(ms).toBeLessThan(lineMs(bytes.length) / 2);
    expect(agent.committed).toMatchObject({ version: 'b2', size: bytes.length });
  }, 30000);
});
