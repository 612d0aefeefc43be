// GC allocation benchmark (`node scripts/build.mjs && node bench/gc/alloc.mjs [runs]`): the
// linked-list and binary-tree programs of test/fixtures/gc (10^6 allocations each) on wasmlet
// (dist/wasmlet.js) with the heap budget off (maxGcHeapBytes: Infinity: no registry, no trace),
// on at the default 1 GiB (charged; objects of 1 KiB or more registered with the
// FinalizationRegistry, none here), and at a tight 256 KiB (also reachability counts whenever the
// charged bytes reach the budget). Prints one line
// per run: ms and objects per second. V8: Node 20's V8 11.3 decodes only a pre-standard GC
// binary format (even with --experimental-wasm-gc it refuses these modules), so the V8 column is
// filled only when the running Node accepts them.
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { compile, Linker, Store } from '../../dist/wasmlet.js';

const runs = Number(process.argv[2] ?? 3);
const src = (n) => readFileSync(new URL(`../../test/fixtures/gc/${n}.wat`, import.meta.url), 'utf8');
const bytesOf = (n) => {
  const m = binaryen.parseText(src(n));
  m.setFeatures(binaryen.Features.All);
  const b = m.emitBinary();
  m.dispose();
  return b;
};
const WORK = [
  ['list', [1000, 1000], 1_000_000],
  ['tree', [1000, 9], 1_023_000],
];
const CONFIGS = [
  ['budget off', Infinity],
  ['budget 1 GiB', 1 << 30],
  ['budget 256 KiB', 256 * 1024],
];
for (const [name, args, objects] of WORK) {
  const bytes = bytesOf(name);
  const mod = compile(bytes);
  // warm-up (JIT of the interpreter loop and gcOp), not reported
  for (const [, max] of CONFIGS) {
    const store = new Store({ maxGcHeapBytes: max });
    store.invoke(new Linker().instantiate(store, mod).func('run'), ...args);
  }
  for (const [label, max] of CONFIGS) {
    for (let r = 0; r < runs; r++) {
      const store = new Store({ maxGcHeapBytes: max });
      const inst = new Linker().instantiate(store, mod);
      const t0 = performance.now();
      store.invoke(inst.func('run'), ...args);
      const ms = performance.now() - t0;
      console.log(`${name.padEnd(5)} wasmlet ${label.padEnd(15)} run ${r + 1}: ${ms.toFixed(0).padStart(6)} ms  ${((objects / ms) * 1000 / 1e6).toFixed(2)} M objects/s  traces ${store.counters.gc.traces}`);
    }
  }
  let v8;
  try {
    v8 = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  } catch (e) {
    console.log(`${name.padEnd(5)} V8: not run (${e.message})`);
    continue;
  }
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    v8.exports.run(...args);
    const ms = performance.now() - t0;
    console.log(`${name.padEnd(5)} V8 run ${r + 1}: ${ms.toFixed(1)} ms  ${((objects / ms) * 1000 / 1e6).toFixed(2)} M objects/s`);
  }
}
