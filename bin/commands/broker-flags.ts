/**
 * Broker connection flags shared by every command that connects to a broker (`wasmlet sim`,
 * `wasmlet deploy`, `wasmlet fleet status`): TLS files for mqtts:// (and wss://) URLs — `--ca`
 * (CA bundle to trust), `--cert` and `--key` (client certificate for mutual TLS; `--tls-key` is the
 * same, and the only spelling in `deploy`, whose `--key` is the signing key), `--insecure` (no
 * server certificate check) — and `--username`/`--password` as an alternative to credentials in
 * the URL. They become mqtt.js client options (`ca`, `cert`, `key`, `rejectUnauthorized`,
 * `username`, `password`); a TLS flag with a plain mqtt:// URL is a usage error naming the flag.
 */
import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import { brokerList } from '../../firmware-sim/transport/broker-urls.js';
import { ArgumentError, FileError, readError } from '../../hosts/errors.js';
import { UsageError } from './command.js';

/** parseArgs options of the broker flags (`deploy`: `--tls-key` only, its `--key` signs) */
export const BROKER_FLAGS = {
  ca: { type: 'string' },
  cert: { type: 'string' },
  'tls-key': { type: 'string' },
  insecure: { type: 'boolean' },
  username: { type: 'string' },
  password: { type: 'string' },
} as const;

/** BROKER_FLAGS with `--key` as a spelling of `--tls-key` (`sim`, `fleet status`) */
export const BROKER_FLAGS_WITH_KEY = { ...BROKER_FLAGS, key: { type: 'string' } } as const;

export interface BrokerFlags {
  readonly ca?: string | undefined;
  readonly cert?: string | undefined;
  readonly key?: string | undefined;
  readonly 'tls-key'?: string | undefined;
  readonly insecure?: boolean | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

/** help text lines, for the commands' usage strings */
export function brokerFlagsHelp(keyFlag: '--key' | '--tls-key'): string {
  return `  --ca FILE        PEM CA bundle to trust for an mqtts:// broker
  --cert FILE      client certificate (PEM) for brokers that require one (mutual TLS)
  ${(keyFlag + ' FILE').padEnd(16)} private key (PEM) of --cert
  --insecure       do not verify the broker's certificate (development only: anyone on the
                   path can impersonate the broker)
  --username U     broker user name (instead of user:password@ in the URL)
  --password P     broker password (visible to other local users in the process list)`;
}

const TLS_PROTOCOLS = new Set(['mqtts:', 'ssl:', 'tls:', 'wss:']);

export function readPem(flag: string, path: string): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw readError(path, e, flag);
  }
  if (!data.includes('-----BEGIN ')) throw new FileError(path, `${flag} ${path} is not a PEM file`);
  return data;
}

/**
 * mqtt.js options for `url` from the flags (empty when none is given). `url` is undefined when no
 * --broker was given (`wasmlet sim` with its embedded broker): then every flag is a usage error.
 * `defaultKeyFlag` names the client key in messages when none was given (`deploy`: --tls-key).
 */
export function brokerOptions(url: string | undefined, f: BrokerFlags, defaultKeyFlag: '--key' | '--tls-key' = '--key'): IClientOptions {
  const key = f['tls-key'] ?? f.key;
  const keyFlag = f['tls-key'] !== undefined ? '--tls-key' : f.key !== undefined ? '--key' : defaultKeyFlag;
  const given: [string, unknown][] = [
    ['--ca', f.ca], ['--cert', f.cert], [keyFlag, key], ['--insecure', f.insecure || undefined],
    ['--username', f.username], ['--password', f.password],
  ];
  const first = given.find(([, v]) => v !== undefined);
  if (!first) return {};
  if (url === undefined) throw new UsageError(`${first[0]} needs --broker URL`);
  if (f.key !== undefined && f['tls-key'] !== undefined) throw new UsageError('give --key or --tls-key, not both');
  let u: URL;
  try {
    // a list names the nodes of one broker: they share the protocol and the credentials
    u = new URL(brokerList(url)[0]!);
  } catch (e) {
    throw new UsageError(e instanceof ArgumentError ? e.message : `--broker must be a URL such as mqtt://host:1883, got "${url}"`);
  }
  const tls = given.slice(0, 4).find(([, v]) => v !== undefined);
  if (tls && !TLS_PROTOCOLS.has(u.protocol)) {
    throw new UsageError(`${tls[0]} applies to mqtts:// (TLS) broker URLs, not ${u.protocol}//`);
  }
  if ((f.cert === undefined) !== (key === undefined)) throw new UsageError(`--cert and ${keyFlag} go together (client certificate and its key)`);
  if ((f.username !== undefined || f.password !== undefined) && (u.username || u.password)) {
    throw new UsageError('give the credentials either in the broker URL or with --username/--password, not both');
  }
  if (f.password !== undefined && f.username === undefined) throw new UsageError('--password needs --username');
  return {
    ...(f.ca !== undefined ? { ca: readPem('--ca', f.ca) } : {}),
    ...(f.cert !== undefined ? { cert: readPem('--cert', f.cert) } : {}),
    ...(key !== undefined ? { key: readPem(keyFlag, key) } : {}),
    ...(f.insecure ? { rejectUnauthorized: false } : {}),
    ...(f.username !== undefined ? { username: f.username } : {}),
    ...(f.password !== undefined ? { password: f.password } : {}),
  };
}
