/**
 * A reload retires a chain: gRPC calls its VM made from the root context stay up while the old
 * chain still has streams in flight (those finish on it), and are cancelled — the real grpc-js
 * server sees the cancellation — once the last of them ended and the chain's VMs are released.
 * The probe module makes the call, as a filter's on_tick would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { Status } from '../hosts/proxy/abi.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { Probe, probeWasm } from './fixtures/proxy/probe.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-grpc-reload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('cancels a retired VM’s gRPC calls after its in-flight streams finished', async () => {
  const file = join(dir, 'probe.wasm');
  // the probe continues every request (request headers → Continue)
  writeFileSync(file, probeWasm({ requestHeadersResult: 0 }));
  const up = await startUpstream((_req, res) => setTimeout(() => res.end('slow done'), 400));
  const auth = await startGrpcServer({ check: () => {} }); // never answered: only a cancel ends it
  const yaml = (cfg: string) => envoyYaml({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [{ name: 'probe', file, configuration: cfg }] });
  const px = await startProxy(yaml('v1'));
  const old = new Probe(px.proxy.listeners[0]!.plugins[0]!.vm!);

  const inflight = send(px.port, '/slow');
  await until(() => up.seen.length === 1);
  const tok = old.slot();
  const md = old.put(Buffer.from([0, 0, 0, 0]));
  expect(old.call('grpc_call', [...old.put('auth'), ...old.put('wasmlet.test.Auth'), ...old.put('Check'), ...md, ...old.put('root call'), 0, tok])).toBe(Status.Ok);
  await until(() => auth.checks.length === 1);

  expect((await px.proxy.reload({ text: yaml('v2') })).version).toBe(2);
  expect(px.proxy.listeners[0]!.plugins[0]!.vm).not.toBe(old.vm);
  // the old chain still has a stream in flight: its VM and its call live on
  await new Promise((r) => setTimeout(r, 100));
  expect(auth.cancelled).toBe(0);
  expect(old.vm.grpc?.entries.size).toBe(1);

  const r = await inflight;
  expect([r.status, r.body]).toEqual([200, 'slow done']);
  await until(() => auth.cancelled === 1);
  expect(old.vm.grpc?.entries.size ?? 0).toBe(0);
  // the new chain serves
  expect((await send(px.port, '/')).status).toBe(200);
});
