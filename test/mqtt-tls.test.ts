// Devices and operators over TLS against a mutual-TLS broker (Debian's mosquitto with
// `require_certificate true`): a throwaway CA, server certificate (127.0.0.1) and client
// certificate are made with the openssl CLI at test time. `wasmlet sim --broker mqtts://…` with
// --ca/--cert/--key gets its device on (status and telemetry arrive) and `wasmlet fleet status`
// with the same flags sees it online; without --ca the connection fails at once with a certificate
// error, and --insecure without a client certificate is refused by the broker. Skips when mosquitto
// or openssl is not installed, except under CI=true where they must be.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find(existsSync);
const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find(existsSync);
const CI = process.env['CI'] === 'true';
const available = Boolean(BIN && OPENSSL);
if (!available && !CI) console.warn('skipping MQTT TLS tests: mosquitto / openssl are not installed');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-mqtt-tls-'));
const f = (name: string) => join(dir, name);
const procs: ChildProcess[] = [];
let port = 0;
const url = () => `mqtts://127.0.0.1:${port}`;
const clientTls = () => ['--ca', f('ca.crt'), '--cert', f('client.crt'), '--key', f('client.key')];
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 60000 });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function openssl(...args: string[]): void {
  const r = spawnSync(OPENSSL!, args, { cwd: dir, encoding: 'utf8' });
  expect(r.status, `openssl ${args.join(' ')}: ${r.stderr}`).toBe(0);
}

/** a P-256 key and a certificate for `cn` signed by the test CA */
function issue(name: string, cn: string, ext: string): void {
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
  writeFileSync(f(`${name}.ext`), ext);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
}

function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });
}

beforeAll(async () => {
  if (!available) return;
  openssl('req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-subj', '/CN=wasmlet test CA', '-days', '1', '-out', 'ca.crt');
  issue('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', 'wasmlet-device', 'extendedKeyUsage=clientAuth\n');
  // mosquitto started as root reads its files as the `mosquitto` user (throwaway keys, own dir)
  chmodSync(dir, 0o755);
  for (const n of readdirSync(dir)) chmodSync(f(n), 0o644);
  port = await freePort();
  const conf = f('mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\ncafile ${f('ca.crt')}\ncertfile ${f('server.crt')}\n` +
      `keyfile ${f('server.key')}\nrequire_certificate true\n`,
  );
  const broker = spawn(BIN!, ['-c', conf], { stdio: 'ignore' });
  procs.push(broker);
  const tls = { ca: readFileSync(f('ca.crt')), cert: readFileSync(f('client.crt')), key: readFileSync(f('client.key')) };
  for (let i = 0; i < 200; i++) {
    if (broker.exitCode !== null) throw new Error(`mosquitto exited with ${broker.exitCode}`);
    try {
      const c = await mqtt.connectAsync(url(), { ...tls, reconnectPeriod: 0, connectTimeout: 2000 }, false);
      await c.endAsync();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('mosquitto did not start');
}, 60000);

afterAll(async () => {
  await Promise.all(procs.map(stop));
  rmSync(dir, { recursive: true, force: true });
});

/** `wasmlet sim` with one heater in fleet `fleet`; `output(re)` resolves once its output matches */
function startSim(fleet: string, ...flags: string[]) {
  const proc = spawn(process.execPath, [
    'bin/wasmlet.js', 'sim', '--devices', '1', '--plant', 'heater', '--fleet', fleet, '--broker', url(), ...flags,
    '--state-dir', f('state'), '--duration', '120',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of waiters) w();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  /** rejects when the sim exits (it should not before the test stops it) */
  const exited = new Promise<never>((_, reject) => proc.once('exit', (c) => reject(new Error(`sim exited with ${c}: ${out}`))));
  exited.catch(() => {}); // stopping it at the end of a test is not a failure
  const output = (re: RegExp) =>
    Promise.race([
      exited,
      new Promise<string>((resolve) => {
        const check = (): void => {
          const m = re.exec(out);
          if (m) resolve(m[0]);
        };
        waiters.push(check);
        check();
      }),
    ]);
  return { proc, exited, output, text: () => out };
}

describe.skipIf(!available && !CI)('MQTT over TLS (mosquitto, mutual TLS)', () => {
  it('is installed', () => {
    expect(available, 'mosquitto and openssl must be installed under CI').toBe(true);
  });

  it('runs a device with --ca/--cert/--key: status and telemetry arrive, fleet status sees it', async () => {
    const tls = { ca: readFileSync(f('ca.crt')), cert: readFileSync(f('client.crt')), key: readFileSync(f('client.key')) };
    const watcher = await mqtt.connectAsync(url(), { ...tls, reconnectPeriod: 0 }, false);
    try {
      const base = 'wasmlet/v1/tls/heater-1/';
      // status and telemetry are two topics: MQTT orders messages within a topic, not across them
      let onStatus: (s: string) => void = () => undefined;
      const status = new Promise<string>((resolve) => (onStatus = resolve));
      const telemetry = new Promise<{ seq: number }>((resolve) => {
        watcher.on('message', (topic, payload) => {
          if (topic === base + 'status') onStatus(payload.toString());
          else if (topic === base + 'telemetry') resolve(JSON.parse(payload.toString()) as { seq: number });
        });
      });
      await watcher.subscribeAsync([base + 'status', base + 'telemetry'], { qos: 1 });
      const sim = startSim('tls', ...clientTls());
      const t = await Promise.race([telemetry, sim.exited]);
      expect(t.seq).toBeGreaterThan(0);
      expect(await Promise.race([status, sim.exited])).toBe('online');
      expect(sim.text()).not.toMatch(/cannot connect/);

      const r = cli('fleet', 'status', '--broker', url(), '--fleet', 'tls', '--json', ...clientTls());
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject([{ device: 'heater-1', plant: 'heater', status: 'online' }]);
      await stop(sim.proc);
    } finally {
      await watcher.endAsync();
    }
  }, 90000);

  it('fails with a certificate error without --ca (fleet status exits 1, sim says why)', async () => {
    const r = cli('fleet', 'status', '--broker', url(), '--cert', f('client.crt'), '--key', f('client.key'));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^wasmlet: cannot connect to mqtts:\/\/127\.0\.0\.1:\d+: self[- ]signed certificate.*--ca FILE\)$/m);
    const sim = startSim('untrusted', '--cert', f('client.crt'), '--key', f('client.key'));
    expect(await sim.output(/cannot connect to .*/)).toMatch(/self[- ]signed certificate .*--ca FILE/);
    await stop(sim.proc);
  }, 90000);

  it('is refused by the mutual-TLS broker with --insecure and no client certificate', () => {
    const r = cli('fleet', 'status', '--broker', url(), '--insecure');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^wasmlet: cannot connect to mqtts:\/\/127\.0\.0\.1:\d+: .*certificate/m);
  }, 90000);

  it('rejects TLS flags with a plain mqtt:// URL and unreadable files, naming the flag', () => {
    const plain = cli('fleet', 'status', '--broker', `mqtt://127.0.0.1:${port}`, '--ca', f('ca.crt'));
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/--ca applies to mqtts:\/\//);
    const missing = cli('deploy', 'x.wasm', '--device', 'heater-1', '--key', f('none.key'), '--broker', url(), '--ca', f('missing.crt'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`wasmlet: cannot read --ca ${f('missing.crt')}: ENOENT`);
  }, 90000);
});
