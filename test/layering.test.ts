/**
 * The layers stay visible: core/ (engine) ← hosts/ (WASI, proxy-wasm, device ABI) ← firmware-sim/
 * (plants, simulated devices, OTA, transports) ← bin/ (the CLI). Each layer imports only the
 * layers before it; no two files, second-level folders (hosts/proxy, core/exec…) or top-level
 * folders import each other in a loop, type-only imports included; core/ imports no Node built-in
 * and no npm package. Failures print the offending edge or one shortest cycle.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cycles, importGraph, showCycle, type Edge, type ImportGraph } from './helpers/import-graph.js';

/** the layers in order: each may import only itself and the ones before it */
const LAYERS = ['core', 'hosts', 'firmware-sim', 'bin'] as const;

const top = (f: string) => f.split('/')[0]!;
/** second-level folder of a file (core/exec/ir.ts → core/exec); a top-level file stands alone */
const second = (f: string) => {
  const p = f.split('/');
  return p.length >= 3 ? `${p[0]}/${p[1]}` : f;
};

function grouped(edges: readonly Edge[], group: (f: string) => string): { from: string; to: string }[] {
  return edges.map((e) => ({ from: group(e.from), to: group(e.to) })).filter((e) => e.from !== e.to);
}

/** every cycle, printed as one shortest cycle through it */
function loops(edges: readonly { from: string; to: string }[]): string[] {
  return cycles(edges).map((c) => `cycle: ${showCycle(edges, c)}${c.length > 2 ? ` (component: ${c.join(', ')})` : ''}`);
}

let g: ImportGraph;
beforeAll(async () => {
  g = await importGraph(LAYERS);
  // the graph is real: every layer has files, and type-only imports are edges
  for (const l of LAYERS) expect(g.files.some((f) => top(f) === l), `no files found in ${l}/`).toBe(true);
  expect(g.edges.some((e) => e.types.includes('type-only'))).toBe(true);
}, 60_000);

describe('layering', () => {
  it('has no import cycle between files', () => {
    expect(loops(g.edges)).toEqual([]);
  });

  it('has no import cycle between second-level folders', () => {
    expect(loops(grouped(g.edges, second))).toEqual([]);
  });

  it('has no import cycle between top-level folders', () => {
    expect(loops(grouped(g.edges, top))).toEqual([]);
  });

  it('imports only along the layer order', () => {
    const rank = (f: string) => LAYERS.indexOf(top(f) as (typeof LAYERS)[number]);
    const against = g.edges.filter((e) => rank(e.to) > rank(e.from)).map((e) => `${top(e.from)} must not import ${top(e.to)}: ${e.from} → ${e.to}`);
    expect(against).toEqual([]);
  });

  it('keeps core free of Node built-ins and npm packages', () => {
    const bad = g.external.filter((e) => top(e.from) === 'core').map((e) => `${e.from} → ${e.to} (${e.types.join(', ')})`);
    expect(bad).toEqual([]);
  });
});
