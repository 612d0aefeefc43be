/**
 * gRPC from a filter under FilterHarness: with `h.env.grpc` set to the clusters' dispatcher, the
 * grpc_auth example filter calls a real grpc-js server and, once the answer is flushed into the
 * VM, continues the paused request (or answers 403).
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Cluster } from '../hosts/proxy/cluster.js';
import { parseConfig } from '../hosts/proxy/config.js';
import { closeGrpcPool, clusterGrpc } from '../hosts/proxy/grpc.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { envoyYaml } from '../hosts/proxy/yaml.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, registerCloser, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('runs a gRPC call of a filter in the harness against a real server', async () => {
  const server = await startGrpcServer({ check: (c, done) => done(null, Buffer.from(c.request.toString() === 'yes' ? 'allow' : 'no')) });
  const h = FilterHarness.load({ wasm: join(FILTERS, 'grpc_auth.wasm'), configuration: JSON.stringify({ cluster: 'auth' }) });
  const cluster = new Cluster(parseConfig(envoyYaml({ clusters: { auth: [server.port] } })).clusters[0]!, h.env.metrics);
  registerCloser(() => {
    cluster.close();
    closeGrpcPool(cluster);
  });
  h.env.grpc = clusterGrpc(new Map([['auth', cluster]]));

  const allowed = h.stream().sendRequestHeaders({ ':method': 'GET', ':path': '/', authorization: 'yes' });
  const denied = h.stream().sendRequestHeaders({ ':method': 'GET', ':path': '/', authorization: 'nope' });
  expect(allowed.upstreamHeaders).toBeUndefined(); // paused on the call
  await until(() => {
    h.flush();
    return allowed.upstreamHeaders !== undefined && denied.localResponse !== undefined;
  });
  expect(allowed.upstreamHeaders!['x-auth-reply']).toBe('allow');
  expect(denied.localResponse!.status).toBe(403);
  expect(server.checks.map((c) => c.message).sort()).toEqual(['nope', 'yes']);
});
