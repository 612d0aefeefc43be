/**
 * The VM caches strings it read from guest memory by (address, length) and checks every byte on a
 * hit: a filter that rewrites the same bytes in place (rate_limit formats its remaining-tokens
 * header into one static buffer, so equal-length counts share an address) must see each new value,
 * never the one read before.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { FILTERS } from './fixtures/proxy/support.js';

const f = (name: string) => join(FILTERS, `${name}.wasm`);

describe('strings read from guest memory', () => {
  it('a value rewritten in place at the same address and length reads as the new value', () => {
    const h = FilterHarness.load({ wasm: f('rate_limit'), configuration: JSON.stringify({ capacity: 9, refill: 9, interval_ms: 60_000 }) });
    const seen: string[] = [];
    for (let i = 0; i < 9; i++) {
      const s = h.stream();
      s.sendRequestHeaders({ ':path': `/${i}` }, { endOfStream: true });
      s.sendResponseHeaders({ ':status': '200' }, { endOfStream: true });
      seen.push(s.responseHeaders!['x-ratelimit-remaining']!);
    }
    // one digit each time, written to the same byte of the filter's buffer
    expect(seen).toEqual(['8', '7', '6', '5', '4', '3', '2', '1', '0']);
    const limited = h.stream();
    limited.sendRequestHeaders({ ':path': '/over' }, { endOfStream: true });
    expect(limited.status).toBe(429);
    h.close();
  });
});
