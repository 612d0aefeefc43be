/**
 * A device with a 4 KiB memory budget runs a control loop whose memory is exactly 4,096 bytes
 * (1-byte pages, custom-page-sizes): it deploys, steps and reports within budget, where the same
 * module with one 64 KiB page is refused for its initial memory.
 */
import { describe, expect, it } from 'vitest';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { fixture } from './fixtures/device/load.js';
import { leb } from './helpers/module-bytes.js';

/** the module with its memory section replaced by `(memory min (pagesize 2^log2))` */
function withMemory(bytes: Uint8Array, min: number, log2: number): Uint8Array {
  const out: number[] = [...bytes.subarray(0, 8)];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p]!;
    let size = 0;
    let shift = 0;
    let q = p + 1;
    for (;;) {
      const b = bytes[q++]!;
      size |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) break;
    }
    const content = id === 5 ? [1, 0x08, ...leb(min), ...leb(log2)] : [...bytes.subarray(q, q + size)];
    out.push(id, ...leb(content.length), ...content);
    p = q + size;
  }
  return new Uint8Array(out);
}

describe('a device with 4 KiB of memory', () => {
  it('runs a module whose memory is exactly 4,096 bytes and refuses a 64 KiB one', () => {
    const sim = new SimDevice({ plant: 'heater', params: { 0: 50 }, limits: { maxMemoryBytes: 4096 } });
    expect(() => sim.device.deploy(fixture('naive-p'), 'naive-p.wasm')).toThrow(/needs 65536 bytes of initial memory; the device budget is 4096 bytes/);
    sim.device.deploy(withMemory(fixture('naive-p'), 4096, 0), 'naive-p-4k.wasm');
    sim.run(20);
    expect(sim.device.state).toBe('running');
    expect(sim.device.steps).toBe(20);
    expect(sim.device.module?.initialMemoryBytes).toBe(4096);
    expect(Number.isFinite(sim.device.actuators[0])).toBe(true);
  });
});
