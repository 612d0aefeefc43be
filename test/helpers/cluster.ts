/**
 * Real parts for the clustered-broker tests: a Redis server (Debian's redis-server, on a free
 * port, no persistence), `wasmlet broker` and `wasmlet sim` child processes, and a line reader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);
/** under CI=true a missing redis-server fails the test instead of skipping it */
export const SKIP_REDIS = !REDIS && process.env['CI'] !== 'true';
if (SKIP_REDIS) console.warn('skipping clustered broker tests: redis-server is not installed (apt-get install redis-server)');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

export interface Proc {
  readonly child: ChildProcess;
  /** everything it printed so far */
  out(): string;
  /** resolves with the first match of `re` in its output */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function start(cmd: string, args: readonly string[]): Proc {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const waiters: (() => void)[] = [];
  const on = (d: Buffer): void => {
    text += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', on);
  child.stderr!.on('data', on);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    out: () => text,
    waitFor(re, timeoutMs = 15000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${re} within ${timeoutMs} ms in:\n${text}`)), timeoutMs);
        const check = (): void => {
          const m = re.exec(text);
          if (m) {
            clearTimeout(t);
            resolve(m);
          } else waiters.push(check);
        };
        check();
      });
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      // a process that does not stop within 5 s is killed
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** a throwaway Redis on a free port; with `dir`, an append-only file there survives a restart */
export async function startRedis(port?: number, dir?: string): Promise<{ url: string; port: number; proc: Proc }> {
  const p = port ?? (await freePort());
  const persist = dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const proc = start(REDIS!, ['--port', String(p), '--bind', '127.0.0.1', '--save', '', ...persist]);
  await proc.waitFor(/Ready to accept connections/);
  return { url: `redis://127.0.0.1:${p}`, port: p, proc };
}

/** `wasmlet <args>` as a child process */
export function wasmlet(...args: string[]): Proc {
  return start(process.execPath, ['bin/wasmlet.js', ...args]);
}

/** a `wasmlet broker` node on a free port, ready */
export async function brokerNode(redis: string, id: string, port = 0): Promise<{ url: string; proc: Proc }> {
  const proc = wasmlet('broker', '--port', String(port), '--redis', redis, '--id', id);
  const m = await proc.waitFor(/ready on (mqtt:\/\/\S+)/);
  return { url: m[1]!, proc };
}

export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find(existsSync);
/** under CI=true a missing mosquitto fails the test instead of skipping it */
export const SKIP_MOSQUITTO = !MOSQUITTO && process.env['CI'] !== 'true';

/** Debian's mosquitto 2 on a free port (anonymous, no persistence), ready */
export async function startMosquitto(dir: string): Promise<{ url: string; proc: Proc }> {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n`);
  const proc = start(MOSQUITTO!, ['-c', conf, '-v']);
  await proc.waitFor(/running|Opening ipv4 listen socket/);
  return { url: `mqtt://127.0.0.1:${port}`, proc };
}
