/**
 * The VM's context table (ids handed out sequentially, one insert and one delete per request)
 * keeps every live context findable whatever the interleaving: many streams in flight finishing
 * in random order, a root context that lives forever, a stream that outlives thousands of others
 * (table growth, then the overflow map).
 */
import { describe, expect, it } from 'vitest';
import type { VmContext } from '../hosts/proxy/context.js';
import { ContextTable } from '../hosts/proxy/vm.js';

const ctx = (id: number): VmContext => ({ kind: 'root', id });

describe('ContextTable', () => {
  it('finds every live context while ids come and go', () => {
    const t = new ContextTable();
    t.set(1, ctx(1)); // the root: lives throughout
    const live = new Set<number>([1]);
    let next = 2;
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const longLived = [2, 3000, 9000];
    for (let step = 0; step < 20_000; step++) {
      if (live.size < 40 || rand() < 0.5) {
        const id = next++;
        t.set(id, ctx(id));
        live.add(id);
      } else {
        const ids = [...live].filter((i) => i !== 1 && !longLived.includes(i));
        const id = ids[Math.floor(rand() * ids.length)]!;
        expect(t.delete(id)).toBe(true);
        live.delete(id);
      }
      if (step % 997 === 0) for (const id of live) expect(t.get(id)?.id).toBe(id);
    }
    expect(t.size).toBe(live.size);
    for (const id of live) expect(t.get(id)?.id).toBe(id);
    expect(t.get(next + 5)).toBeUndefined();
    expect(t.delete(next + 5)).toBe(false);
    expect(new Set([...t.values()].map((c) => c.id))).toEqual(live);
    for (const id of live) t.delete(id);
    expect(t.size).toBe(0);
  });
});
