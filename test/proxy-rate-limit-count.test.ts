/**
 * rate_limit formats the tokens left into x-ratelimit-remaining itself (two digits per division,
 * nine digits per 64-bit division): every count, at every digit boundary and with zeros inside a
 * nine-digit group, reads as its decimal text.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { FILTERS } from './fixtures/proxy/support.js';

describe('rate_limit remaining-tokens header', () => {
  it.each([1, 2, 10, 11, 100, 101, 1_000, 999_999_999, 1_000_000_000, 1_000_000_001, 1_000_000_000_006, 1_234_567_890_123_456])('capacity %d leaves capacity − 1 after one request', (capacity) => {
    const h = FilterHarness.load({ wasm: join(FILTERS, 'rate_limit.wasm'), configuration: JSON.stringify({ capacity, refill: 1, interval_ms: 60_000 }) });
    const s = h.stream();
    s.sendRequestHeaders({ ':path': '/' }, { endOfStream: true });
    s.sendResponseHeaders({ ':status': '200' }, { endOfStream: true });
    expect(s.responseHeaders?.['x-ratelimit-remaining']).toBe(String(capacity - 1));
    h.close();
  });
});
