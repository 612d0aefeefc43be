/**
 * The service argument of proxy_grpc_call / proxy_grpc_stream: a bare cluster name (what the
 * Rust SDK sends) or a serialized envoy.config.core.v3.GrpcService, here encoded by protobufjs
 * from the fields' declarations (envoy_grpc.cluster_name/authority, timeout, initial_metadata)
 * and sent by a probe module to a real grpc-js server, whose view of the call shows authority,
 * metadata and deadline. Invalid arguments get Envoy's statuses: not a GrpcService and no such
 * cluster PARSE_FAILURE, a GrpcService naming an unknown cluster or using google_grpc BAD_ARGUMENT.
 */
import protobuf from 'protobufjs';
import { afterEach, expect, it } from 'vitest';
import { Status } from '../hosts/proxy/abi.js';
import { Cluster } from '../hosts/proxy/cluster.js';
import { parseConfig } from '../hosts/proxy/config.js';
import { closeGrpcPool, clusterGrpc, decodeGrpcService } from '../hosts/proxy/grpc.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { envoyYaml } from '../hosts/proxy/yaml.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { probeOf, probeWasm } from './fixtures/proxy/probe.js';
import { cleanup, registerCloser, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

// field numbers as in envoy/config/core/v3/grpc_service.proto, base.proto and google/protobuf/duration.proto
const root = protobuf.parse(`
syntax = "proto3";
message Duration { int64 seconds = 1; int32 nanos = 2; }
message HeaderValue { string key = 1; string value = 2; }
message EnvoyGrpc { string cluster_name = 1; string authority = 2; }
message GoogleGrpc { string target_uri = 1; string stat_prefix = 4; }
message GrpcService {
  oneof target_specifier { EnvoyGrpc envoy_grpc = 1; GoogleGrpc google_grpc = 2; }
  Duration timeout = 3;
  repeated HeaderValue initial_metadata = 5;
}`).root;
const GrpcService = root.lookupType('GrpcService');
const encode = (o: object) => GrpcService.encode(GrpcService.fromObject(o)).finish();

function harnessWith(port: number) {
  const cfg = parseConfig(envoyYaml({ clusters: { auth: [port] } })).clusters[0]!;
  const h = FilterHarness.load({ wasm: probeWasm(), name: 'probe' });
  const cluster = new Cluster(cfg, h.env.metrics);
  registerCloser(() => {
    cluster.close();
    closeGrpcPool(cluster);
  });
  h.env.grpc = clusterGrpc(new Map([['auth', cluster]]));
  h.stream().sendRequestHeaders({ ':method': 'GET', ':path': '/', ':authority': 'x' });
  return probeOf(h);
}

it('decodes the GrpcService fields it needs', () => {
  const spec = decodeGrpcService(encode({ envoyGrpc: { clusterName: 'auth', authority: 'auth.internal' }, timeout: { seconds: 2, nanos: 500_000_000 }, initialMetadata: [{ key: 'X-A', value: '1' }] }));
  expect(spec).toEqual({ cluster: 'auth', authority: 'auth.internal', timeoutMs: 2500, metadata: [['x-a', '1']] });
  expect(decodeGrpcService(encode({ googleGrpc: { targetUri: 'x:1', statPrefix: 's' } }))).toBe('google');
  expect(decodeGrpcService(Uint8Array.from([0x0a, 0x05, 0x0a]))).toBeUndefined(); // truncated
});

it('calls the cluster a serialized GrpcService names, with its authority, metadata and timeout', async () => {
  const server = await startGrpcServer({ check: () => {} }); // held: the test only looks at the request
  const p = harnessWith(server.port);
  const tok = p.slot();
  const svc = encode({ envoyGrpc: { clusterName: 'auth', authority: 'auth.internal' }, timeout: { seconds: 1 }, initialMetadata: [{ key: 'x-from-service', value: 'yes' }] });
  const md = p.put(Buffer.from([0, 0, 0, 0])); // an empty header map
  // timeout 0 in the hostcall: the GrpcService's timeout applies
  expect(p.call('grpc_call', [...p.put(svc), ...p.put('wasmlet.test.Auth'), ...p.put('Check'), ...md, ...p.put('hi'), 0, tok], p.stream)).toBe(Status.Ok);
  expect(p.u32(tok) & 1).toBe(1); // call tokens are odd
  await until(() => server.checks.length === 1);
  const c = server.checks[0]!;
  expect(c.authority).toBe('auth.internal');
  expect(c.metadata['x-from-service']).toBe('yes');
  expect(c.message).toBe('hi');
  expect(c.deadlineInMs).toBeGreaterThan(500);
  expect(c.deadlineInMs).toBeLessThanOrEqual(1000);
  // the bare cluster name works too, and a stream token is even
  expect(p.call('grpc_stream', [...p.put('auth'), ...p.put('wasmlet.test.Auth'), ...p.put('Watch'), ...md, tok], p.stream)).toBe(Status.Ok);
  expect(p.u32(tok) % 2).toBe(0);
  expect(p.call('grpc_cancel', [p.u32(tok)], p.stream)).toBe(Status.Ok);
  expect(p.call('grpc_cancel', [p.u32(tok)], p.stream)).toBe(Status.NotFound);
});

it("refuses what Envoy refuses, with Envoy's statuses", async () => {
  const server = await startGrpcServer();
  const p = harnessWith(server.port);
  const tok = p.slot();
  const rest = (): number[] => [...p.put('wasmlet.test.Auth'), ...p.put('Check'), 0, 0, ...p.put('m'), 100, tok];
  expect(p.call('grpc_call', [...p.put('nowhere'), ...rest()], p.stream)).toBe(Status.ParseFailure);
  expect(p.call('grpc_call', [...p.put(encode({ envoyGrpc: { clusterName: 'nowhere' } })), ...rest()], p.stream)).toBe(Status.BadArgument);
  expect(p.call('grpc_call', [...p.put(encode({ googleGrpc: { targetUri: '127.0.0.1:1', statPrefix: 'g' } })), ...rest()], p.stream)).toBe(Status.BadArgument);
  // initial metadata that is not a header map
  expect(p.call('grpc_call', [...p.put('auth'), ...p.put('wasmlet.test.Auth'), ...p.put('Check'), ...p.put('xyz'), ...p.put('m'), 100, tok], p.stream)).toBe(Status.BadArgument);
  expect(server.checks).toHaveLength(0);
});
