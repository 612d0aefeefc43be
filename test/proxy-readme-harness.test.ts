/**
 * The FilterHarness example of README.md, verbatim: a filter tested in vitest without a server.
 */
import { expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/index.js';

it('answers 401 without the API key and passes the request on with it', () => {
  const h = FilterHarness.load({ wasm: 'filters/http/build/auth.wasm', configuration: '{"api_keys": ["secret"]}' });

  const denied = h.stream().sendRequestHeaders({ ':path': '/admin' }, { endOfStream: true });
  expect(denied.localResponse?.status).toBe(401);

  const ok = h.stream().sendRequestHeaders({ ':path': '/admin', 'x-api-key': 'secret' }, { endOfStream: true });
  expect(ok.upstreamHeaders?.[':path']).toBe('/admin');
  expect(ok.upstreamHeaders?.['x-api-key']).toBeUndefined(); // the filter strips the key
  expect(h.metric('auth_allowed')).toBe(1);
});
