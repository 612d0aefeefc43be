// The real-time scheduler of a simulating process (firmware-sim/transport/realtime.ts) runs control before
// comms: devices due together are all stepped before any of them publishes; a device that became
// due while packets are being handled is stepped by service() before the comms; and after a stall
// of more than a period, devices skip the missed periods but keep their phase (the fleet stays
// spread over the period instead of bunching up).
import { afterEach, describe, expect, it } from 'vitest';
import type { SimDevice } from '../firmware-sim/sim-device.js';
import { RealtimeRunner } from '../firmware-sim/transport/realtime.js';

const log: string[] = [];
let runner: RealtimeRunner | null = null;

/** a stand-in for SimDevice: the runner only calls advance() */
function device(name: string): SimDevice {
  return { advance: () => log.push(`step ${name}`) } as unknown as SimDevice;
}

const busyWait = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** wait (up to 2 s) until the log has n entries */
async function logged(n: number): Promise<string[]> {
  for (let i = 0; i < 200 && log.length < n; i++) await sleep(10);
  return log.slice(0, n);
}
const dues = (r: RealtimeRunner): number[] => (r as unknown as { heap: { due: number }[] }).heap.map((e) => e.due).sort((a, b) => a - b);

afterEach(() => {
  runner?.stop();
  runner = null;
  log.length = 0;
});

describe('RealtimeRunner', () => {
  it('steps every due device before running any device comms', async () => {
    runner = new RealtimeRunner(30);
    for (const n of ['a', 'b', 'c']) runner.add(device(n), () => log.push(`comms ${n}`));
    runner.start();
    busyWait(80); // all three become due (more than once) while the event loop is blocked
    expect(await logged(6)).toEqual(['step a', 'step b', 'step c', 'comms a', 'comms b', 'comms c']);
    expect(runner.lateness().steps).toBeGreaterThanOrEqual(3);
  });

  it('service() steps due devices without their comms, which follow in the next turn', async () => {
    // a long period: the device must not come due again before the next turn runs, however late a
    // loaded machine runs it (a 20 ms period left a 10 ms window and failed under load)
    runner = new RealtimeRunner(200);
    runner.add(device('a'), () => log.push('comms a'));
    runner.start();
    busyWait(210);
    runner.service();
    expect(log).toEqual(['step a']);
    expect(await logged(2)).toEqual(['step a', 'comms a']);
  });

  it('keeps each device’s phase after a stall longer than a period', async () => {
    runner = new RealtimeRunner(40);
    for (const n of ['a', 'b', 'c', 'd']) runner.add(device(n));
    runner.start();
    const before = dues(runner).map((d, _i, all) => d - all[0]!);
    expect(before[1]).toBeCloseTo(10, 3);
    busyWait(130); // three periods and more
    await sleep(1);
    const after = dues(runner);
    const offsets = after.map((d) => (((d - after[0]!) % 40) + 40) % 40);
    // still four distinct phases 10 ms apart (in some rotation), not four devices due at once
    const sorted = [...offsets].sort((x, y) => x - y);
    expect(sorted.map((x) => Math.round(x))).toEqual([0, 10, 20, 30]);
    expect(log.filter((l) => l === 'step a').length).toBeLessThanOrEqual(3); // missed periods skipped, no burst
  });
});
