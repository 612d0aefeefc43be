// A serial deploy cut off mid-transfer resumes: the device keeps the bytes that arrived in order,
// and a DEPLOY_BEGIN of the same manifest (the host reopened the line) is answered with where to
// go on, so only the rest is sent. Real pty pair (socat).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { signModule } from '../firmware-sim/ota/signing.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { RealtimeRunner } from '../firmware-sim/transport/realtime.js';
import { SerialDeviceLink, SerialHost } from '../firmware-sim/transport/serial-link.js';
import { loop, withCustom } from './fixtures/device/load.js';
import { keys } from './fixtures/ota/rig.js';
import { ptyPair, SKIP_SERIAL, SOCAT, type PtyPair } from './helpers/pty.js';

const k = keys();
const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false, params: { 0: 50 } });
const agent = new OtaAgent(sim.device, { trusted: [k.pub], healthySteps: 5 });
const runner = new RealtimeRunner(5);
let pty: PtyPair | null = null;
let link: SerialDeviceLink | null = null;

beforeAll(async () => {
  if (!SOCAT) return;
  pty = await ptyPair();
  link = await SerialDeviceLink.open(pty.device, sim, agent, 5);
  runner.add(sim, () => link!.afterStep());
  runner.start();
}, 20000);
afterAll(async () => {
  runner.stop();
  await link?.close();
  pty?.close();
});

describe.skipIf(SKIP_SERIAL)('serial deploy resume', () => {
  it('sends only the rest after the line was cut', async () => {
    const bytes = withCustom(loop('heater-pid'), 'noise', randomBytes(60_000));
    const manifest = signModule(bytes, k.priv, 'pid', 's1');
    let host = await SerialHost.open(pty!.host, 300, 5);
    let cutAt = 0;
    await expect(
      host.deploy({
        bytes, manifest, wait: true,
        onProgress: (sent) => {
          if (sent >= 30_000 && !cutAt) {
            cutAt = sent;
            throw new Error('cable pulled');
          }
        },
      }),
    ).rejects.toThrow('cable pulled');
    await host.close();
    host = await SerialHost.open(pty!.host, 300, 5);
    try {
      const r = await host.deploy({ bytes, manifest, wait: true });
      expect(r.state).toBe('running');
      expect(host.lastTransfer).toMatchObject({ wireBytes: bytes.length, resumedAt: cutAt, chunks: Math.ceil((bytes.length - cutAt) / 1024) });
      expect(agent.committed?.sha256).toBe(manifest.sha256);
      expect(sim.device.module?.name).toBe('pid@s1');
    } finally {
      await host.close();
    }
  }, 30000);
});
