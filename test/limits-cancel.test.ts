/** A running call can be cancelled from outside by an AbortSignal or a deadline: Trap 'cancelled'. */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(wat(`(module (func (export "spin") (loop br 0)))`));

async function trapOf(p: Promise<unknown>): Promise<Trap> {
  try {
    await p;
  } catch (e) {
    return e as Trap;
  }
  throw new Error('expected a trap');
}

describe('cancellation', () => {
  it('stops an async call when its signal aborts', async () => {
    const store = new Store({ metering: true });
    const inst = new Linker().instantiate(store, mod);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const t = await trapOf(store.invokeAsync(inst.func('spin'), [], { signal: ac.signal }));
    expect(t).toBeInstanceOf(Trap);
    expect(t.trap).toBe(TrapCode.Cancelled);
  });

  it('stops a synchronous call at its deadline', () => {
    const store = new Store({ metering: true });
    const inst = new Linker().instantiate(store, mod);
    const t0 = Date.now();
    expect(() => store.call(inst.func('spin'), [], { timeoutMs: 30 })).toThrow(/cancelled: deadline of 30 ms exceeded/);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(store.getFuel()).toBeGreaterThan(1e15); // unused fuel is given back
  });
});
