/**
 * `wasmlet demo`: the end-to-end demo behind `npm start`. Runs the bundled benchmark workloads on
 * wasmlet and on V8's own WebAssembly, checks that both give the same checksum, and shows a trap
 * with its Wasm backtrace; then simulated devices over MQTT with a signed over-the-air deployment,
 * and a proxy-wasm filter chain on a real HTTP proxy. The devices get the web dashboard too: its
 * URL is printed, and on a terminal the demo waits (Enter) while you look at it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile, Linker, Store, Trap } from '../../core/index.js';
import type { Command } from './command.js';
import { deviceDemo } from '../../firmware-sim/transport/demo-devices.js';
import { proxyDemo } from '../../hosts/proxy/demo.js';
import { startDashboard, type Dashboard } from '../dashboard/index.js';

/** V8's own WebAssembly (untyped here: the project compiles without DOM typings) */
const NativeWasm = (globalThis as unknown as { WebAssembly: typeof import('../../core/index.js').WebAssembly }).WebAssembly;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const WORKLOADS: readonly [string, number][] = [
  ['fib', 20],
  ['sha256', 200],
  ['coremarkish', 300],
  ['nbody', 50_000],
  ['pid', 200_000],
];

export const demo: Command = {
  name: 'demo',
  summary: 'run the end-to-end demo on embedded defaults',
  usage: 'usage: wasmlet demo\n\nRuns sample workloads on wasmlet and on V8, compares checksums and timings.',
  async run(args) {
    parseArgs({ args, options: {}, strict: true });
    const out = (s: string) => process.stdout.write(s + '\n');
    out('wasmlet demo: the same modules on wasmlet (interpreter) and on V8 (JIT)\n');
    out(`${'workload'.padEnd(12)} ${'checksum'.padStart(22)} ${'wasmlet ms'.padStart(11)} ${'V8 ms'.padStart(8)}  match`);
    let ok = true;
    for (const [name, n] of WORKLOADS) {
      const bytes = readFileSync(join(root, 'bench', 'wasm', `${name}.wasm`));
      const store = new Store();
      const inst = new Linker().instantiate(store, compile(bytes));
      let t = performance.now();
      const [ours] = store.invoke(inst.func('run'), n);
      const tOurs = performance.now() - t;
      const v8 = new NativeWasm.Instance(new NativeWasm.Module(bytes), {});
      t = performance.now();
      const theirs = (v8.exports['run'] as (n: number) => unknown)(n);
      const tV8 = performance.now() - t;
      const match = ours === theirs;
      ok &&= match;
      out(`${name.padEnd(12)} ${String(ours).padStart(22)} ${tOurs.toFixed(1).padStart(11)} ${tV8.toFixed(1).padStart(8)}  ${match ? 'yes' : 'NO'}`);
    }
    out('\nA trap, as wasmlet reports it (typed error, spec text, Wasm backtrace):');
    const store = new Store({ maxCallDepth: 1000 });
    const wasm = new Uint8Array([
      // (module (func $spin (export "spin") call $spin))
      0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 115, 112, 105, 110, 0, 0, 10, 6, 1, 4, 0, 16, 0, 11,
    ]);
    const inst = new Linker().instantiate(store, compile(wasm));
    try {
      store.invoke(inst.func('spin'));
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      const lines = e.message.split('\n');
      out(`  ${e.name} [${e.code} ${e.kind}]: ${lines.slice(0, 4).join('\n  ')}\n  … (${e.backtrace.length} frames shown of 1000)`);
    }
    out('\nDevices over MQTT: embedded broker, simulated plants, signed over-the-air deployment');
    let dash: Dashboard | undefined;
    ok =
      (await deviceDemo(root, out, {
        async started(f) {
          // the live page of this fleet; 8080 when free, else any port
          const o = { broker: f.url, fleet: f.fleet, key: f.key };
          dash = await startDashboard({ ...o, port: 8080 }).catch(() => startDashboard({ ...o, port: 0 }));
          out(`  dashboard: ${dash.url} (live while the devices run)`);
        },
        async finishing() {
          if (process.stdin.isTTY && process.stdout.isTTY && dash) {
            out(`\nThe devices keep running: watch, command and deploy to them at ${dash.url}\n(press Enter to go on to the proxy demo)`);
            await new Promise<void>((resolve) => {
              const done = (): void => {
                process.stdin.off('data', done);
                process.off('SIGINT', done);
                resolve();
              };
              process.stdin.resume();
              process.stdin.once('data', done);
              process.once('SIGINT', done);
            });
            process.stdin.pause();
          }
          await dash?.close();
        },
      })) && ok;
    out('\nThe same engine as an Envoy-style HTTP filter chain (proxy-wasm) on a real HTTP proxy');
    ok = (await proxyDemo(root, out)) && ok;
    return ok ? 0 : 1;
  },
};
