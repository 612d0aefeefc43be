/**
 * The project's import graph for the layering test, as dependency-cruiser sees it (TypeScript
 * aware: `import type`, `export … from` and `import('…')` type references count), plus the two
 * graph algorithms the test needs: strongly connected components (every cycle lies inside one)
 * and a shortest cycle through a component, to print.
 */
import { cruise, type ICruiseResult } from 'dependency-cruiser';

export interface Edge {
  readonly from: string;
  readonly to: string;
  /** how it was imported (import, type-only, export, dynamic-import, type-import…) */
  readonly types: readonly string[];
}

export interface ImportGraph {
  /** project files reached from the roots */
  readonly files: readonly string[];
  /** imports between project files */
  readonly edges: readonly Edge[];
  /** imports of Node built-ins and npm packages, by importing file */
  readonly external: readonly Edge[];
}

/** Cruise the given folders (relative to the project root). */
export async function importGraph(roots: readonly string[]): Promise<ImportGraph> {
  const r = await cruise(
    [...roots],
    {
      tsPreCompilationDeps: true, // type-only imports are edges too
      tsConfig: { fileName: 'tsconfig.json' },
      doNotFollow: { path: 'node_modules' }, // npm packages are leaves (and still listed as imports)
      validate: false,
    },
    { extensions: ['.ts', '.mts', '.js', '.mjs'] },
  );
  if (typeof r.output === 'string') throw new Error('dependency-cruiser returned text, expected JSON');
  const out: ICruiseResult = r.output;
  const inRoots = (f: string) => roots.some((d) => f === d || f.startsWith(d + '/'));
  const files: string[] = [];
  const edges: Edge[] = [];
  const external: Edge[] = [];
  for (const m of out.modules) {
    if (!inRoots(m.source)) continue;
    files.push(m.source);
    for (const d of m.dependencies) {
      const e = { from: m.source, to: d.resolved, types: d.dependencyTypes };
      // anything outside the cruised folders (built-ins, npm packages, unresolvable) is external
      if (d.coreModule || d.couldNotResolve || !inRoots(d.resolved)) external.push({ ...e, to: d.module });
      else edges.push(e);
    }
  }
  return { files: files.sort(), edges, external };
}

/** Strongly connected components with a cycle (more than one node, or a self-import). */
export function cycles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = adjacency(edges);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let n = 0;
  const visit = (v: string): void => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || next.get(v)?.has(v)) out.push(scc.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest cycle through the first node of `scc`, as `a → b → … → a`. */
export function showCycle(edges: readonly { from: string; to: string }[], scc: readonly string[]): string {
  const next = adjacency(edges);
  const inScc = new Set(scc);
  const start = scc[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of next.get(v) ?? []) {
      if (!inScc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = prev.get(u)) path.splice(1, 0, u);
        return [...path, start].join(' → ');
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return scc.join(', ');
}

function adjacency(edges: readonly { from: string; to: string }[]): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  return next;
}
