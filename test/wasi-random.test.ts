/** random_get: fresh bytes from the host CSPRNG by default, reproducible bytes when seeded. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

const bytes = (...opts: string[]) => {
  const r = wasmlet(['run', ...opts, guest('clocks'), 'random', '32']);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  return r.stdout.trim();
};

describe('WASI random_get', () => {
  it('differs between runs by default', () => {
    expect(bytes()).not.toBe(bytes());
  });

  it('is not all zeros', () => {
    expect(bytes()).not.toBe('0'.repeat(64));
  });

  it('repeats exactly with --deterministic or the same --seed, and differs between seeds', () => {
    expect(bytes('--deterministic')).toBe(bytes('--deterministic'));
    expect(bytes('--seed', '7')).toBe(bytes('--seed', '7'));
    expect(bytes('--seed', '7')).not.toBe(bytes('--seed', '8'));
  });
});
