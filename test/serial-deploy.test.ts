// Deployment over a real pty pair (socat): HELLO, a signed deploy in SLIP/CRC32 frames with a
// damaged chunk retried after a NAK, telemetry frames, a bad signature rejected with the old module
// still running, and a faulting module rolled back. Skips without socat unless CI=true.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { FrameType } from '../firmware-sim/transport/serial-frame.js';
import { SerialDeviceLink, SerialHost } from '../firmware-sim/transport/serial-link.js';
import { RealtimeRunner } from '../firmware-sim/transport/realtime.js';
import { fixture, loop } from './fixtures/device/load.js';
import { keys } from './fixtures/ota/rig.js';

const SOCAT = ['/usr/bin/socat', '/usr/local/bin/socat'].find(existsSync);
const CI = process.env['CI'] === 'true';
if (!SOCAT && !CI) console.warn('skipping serial tests: socat is not installed (apt-get install socat)');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-serial-'));
const A = join(dir, 'device');
const B = join(dir, 'host');
let socat: ChildProcess | null = null;
let link: SerialDeviceLink | null = null;
let host: SerialHost | null = null;
const runner = new RealtimeRunner(5);
const k = keys();
const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false, params: { 0: 50 } });
const agent = new OtaAgent(sim.device, { trusted: [k.pub], stateDir: join(dir, 'state'), healthySteps: 10 });

beforeAll(async () => {
  if (!SOCAT) return;
  socat = spawn(SOCAT, ['pty,raw,echo=0,link=' + A, 'pty,raw,echo=0,link=' + B], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(existsSync(A) && existsSync(B)); i++) await new Promise((r) => setTimeout(r, 50));
  link = await SerialDeviceLink.open(A, sim, agent, 5);
  host = await SerialHost.open(B, 300, 5);
  runner.add(sim, () => link!.afterStep());
  runner.start();
}, 20000);

afterAll(async () => {
  runner.stop();
  await host?.close();
  await link?.close();
  socat?.kill('SIGTERM');
});

describe.skipIf(!SOCAT && !CI)('serial transport over a pty pair', () => {
  it('has socat', () => expect(SOCAT, 'socat must be installed under CI').toBeTruthy());

  it('answers HELLO', async () => {
    const r = await host!.request(FrameType.HELLO);
    expect(r).toMatchObject({ ok: true, body: { id: 'heater-1', plant: 'heater', abi: 'wasmlet_device_abi_v1' } });
  });

  it('deploys a signed module, retrying a damaged chunk, and streams telemetry', async () => {
    const before = host!.retransmissions;
    const r = await host!.deploy({
      bytes: loop('heater-pid'), key: k.priv, id: 'pid', version: '1', wait: true,
      mangle: (chunk, attempt, bytes) => {
        if (chunk === 1 && attempt === 0) bytes[bytes.length - 3]! ^= 0x55;
      },
    });
    expect(r.state).toBe('running');
    expect(host!.retransmissions).toBeGreaterThan(before);
    expect(sim.device.module?.name).toBe('pid@1');
    const n = host!.frames.length;
    await new Promise((res) => setTimeout(res, 200));
    const tel = host!.frames.slice(n).filter((f) => f.type === FrameType.TELEMETRY);
    expect(tel.length).toBeGreaterThan(0);
    expect(JSON.parse(tel[0]!.payload.toString())).toMatchObject({ state: 'running' });
  }, 20000);

  it('rejects a bad signature and keeps the old module running', async () => {
    const other = keys();
    const r = await host!.deploy({ bytes: loop('heater-pid'), key: other.priv, id: 'pid', version: '2', wait: true });
    expect(r).toMatchObject({ state: 'rejected', error: 'bad signature' });
    expect(sim.device.module?.name).toBe('pid@1');
    expect(sim.device.state).toBe('running');
  }, 20000);

  it('rolls back a faulting module and reports the FAULT', async () => {
    const r = await host!.deploy({ bytes: fixture('step-fails'), key: k.priv, id: 'bad', version: '3', wait: true });
    expect(r).toMatchObject({ state: 'rolled_back', committed: '1' });
    expect(host!.frames.some((f) => f.type === FrameType.FAULT)).toBe(true);
    expect(sim.device.module?.name).toBe('pid@1');
  }, 20000);
});
