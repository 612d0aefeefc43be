/**
 * `wasmlet deploy FILE.wasm --device ID --broker URL --key KEY [--wait]`: sign a module and deploy
 * it over MQTT (docs/mqtt.md). With --wait it exits 0 only once the device reports `running`, and
 * 1 with the device's reason (rejected, rolled_back, faulted) otherwise. With `--all` instead of
 * --device it runs a staged rollout to the whole fleet (firmware-sim/transport/rollout.ts): canary
 * first, then batches, halting on failures, resumable from its state file.
 */
import { basename } from 'node:path';
import { signModule, readPrivateKey } from '../../firmware-sim/ota/signing.js';
import { deployOverMqtt } from '../../firmware-sim/transport/mqtt-deployer.js';
import { DEFAULT_BATCH, DEFAULT_CANARY, rollout, type Count } from '../../firmware-sim/transport/rollout.js';
import { SerialHost } from '../../firmware-sim/transport/serial-link.js';
import { BROKER_FLAGS, brokerFlagsHelp, brokerOptions } from './broker-flags.js';
import { UsageError, type Command } from './command.js';
import { baudOption, parseUsage, positive, readModule } from './args.js';
import { endProgress, progress, summaryText } from './rollout-output.js';

const USAGE = `usage: wasmlet deploy FILE.wasm --device ID [--fleet NAME] (--broker URL | --serial PATH [--baud N]) --key DIR/wasmlet.key [--wait] [--version V] [--timeout MS] [--no-compress]
       wasmlet deploy FILE.wasm --all [--fleet NAME] --broker URL --key DIR/wasmlet.key [--version V]
                      [--canary N|N%] [--batch N|N%] [--max-failures K] [--state FILE] [--resume] [--json]

Signs FILE.wasm with the ed25519 key and publishes it as the device's desired module, serving its
bytes in chunks. Without --wait it returns once the device has answered (staged or rejected).

options:
  --device ID      device id, e.g. heater-1
  --fleet NAME     fleet (default: default)
  --broker URL     mqtt://host:port (user:password@ and mqtts:// accepted); several,
                   comma-separated: nodes of one broker, tried in order, reconnecting to the next
  --serial PATH    the device's serial port / pty (docs/serial.md) instead of MQTT
  --baud N         with --serial: send at this line rate (bits per second, 8N1), as a real UART
  --no-compress    send the module as it is (by default it travels deflated when the device
                   accepts that and it saves 10% or more; the signature is the same either way)
  --key FILE       private key from \`wasmlet keygen\` (not needed with --resume)
  --version V      module version (default: the current time)
  --wait           wait for running / rejected / rolled_back
  --timeout MS     give up after MS milliseconds (default 30000; with --all: per device)
  An interrupted transfer resumes: deploy the same file with the same --version again and the
  device asks only for the bytes it is missing.

staged rollout (--all, over MQTT; docs/mqtt.md "Staged rollout"):
  --all            deploy to every device of the fleet found in the broker's retained messages,
                   one connection for the whole rollout. Offline devices are skipped (reported,
                   and retried by --resume). Each device counts once it reports a final state:
                   running (committed) succeeds; rejected, rolled_back, faulted or no final
                   report within --timeout fails
  --canary N|N%    devices deployed first, alone (default ${fmtCount(DEFAULT_CANARY)}; 0: none; N% of the devices to
                   deploy, rounded up)
  --batch N|N%     devices per batch after the canary, deployed concurrently; the next batch
                   starts when every device of the batch has finished (default ${fmtCount(DEFAULT_BATCH)}, rounded up)
  --max-failures K failures tolerated in this run (default 0); one more halts the rollout: no
                   new device is started, those in flight finish, exit 1
  --state FILE     rollout state, written after every device (default
                   .wasmlet-rollout-<fleet>.json in the current directory)
  --resume         continue the rollout in --state with its version and signature: finished
                   devices (succeeded or failed) are not redeployed; failed ones keep refusing
                   that version, deploy a new version to them
  --discover MS    how long to collect the fleet's retained messages (default 500)
  --json           print one JSON summary (per-device results, counts, halted) on stdout
  Progress goes to stderr: a bar on a terminal, one line per event otherwise. Exit 0 when the
  rollout completes, 1 when it halts.

broker connection (--key is the signing key here, so the TLS client key is --tls-key):
${brokerFlagsHelp('--tls-key')}`;

/** ` (deflated to N)`, ` (resumed at N)`: how the bytes travelled, when not as they are */
function wireText(size: number, wire: number, encoding: string | undefined, resumedAt: number): string {
  const parts = [...(encoding && wire > 0 ? [`deflated to ${wire}`] : []), ...(resumedAt > 0 ? [`resumed at ${resumedAt}`] : [])];
  return parts.length > 0 && size > 0 ? ` (${parts.join(', ')})` : '';
}

function fmtCount(c: Count): string {
  return 'n' in c ? String(c.n) : `${c.percent}%`;
}

/** N or N% (0 < N <= 100); `min` 0 lets --canary 0 mean no canary */
function parseCount(flag: string, v: string | undefined, min: 0 | 1): Count | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)(%?)$/.exec(v.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!m || n < min || (m[2] === '%' && n > 100)) {
    throw new UsageError(`--${flag} must be a device count or a percentage such as 10%${min === 0 ? ' (0: none)' : ''}, got "${v}"`);
  }
  return m[2] === '%' ? { percent: n } : { n };
}

/** options that only make sense for a rollout */
const ROLLOUT_ONLY = ['canary', 'batch', 'max-failures', 'state', 'resume', 'discover', 'json'] as const;

export const deploy: Command = {
  name: 'deploy',
  summary: 'sign a module and deploy it to a device over MQTT',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseUsage({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        device: { type: 'string' },
        fleet: { type: 'string' },
        broker: { type: 'string' },
        serial: { type: 'string' },
        baud: { type: 'string' },
        'no-compress': { type: 'boolean' },
        key: { type: 'string' },
        version: { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        all: { type: 'boolean' },
        canary: { type: 'string' },
        batch: { type: 'string' },
        'max-failures': { type: 'string' },
        state: { type: 'string' },
        resume: { type: 'boolean' },
        discover: { type: 'string' },
        json: { type: 'boolean' },
        ...BROKER_FLAGS,
      },
    });
    if (positionals.length !== 1) throw new UsageError('expected one module file');
    if (values.all) return runRollout(positionals[0]!, values);
    const only = ROLLOUT_ONLY.find((f) => values[f] !== undefined);
    if (only) throw new UsageError(`--${only} needs --all (a staged rollout)`);
    if (!values.device) throw new UsageError('--device ID (or --all) is required');
    if (!values.key) throw new UsageError('--key FILE is required');
    const compress = values['no-compress'] !== true;
    const line = baudOption(values.baud, values.serial !== undefined);
    if (!values.broker === !values.serial) throw new UsageError('give exactly one of --broker URL or --serial PATH');
    const mqttOptions = brokerOptions(values.broker, { ...values, key: undefined }, '--tls-key'); // --key signs here
    const bytes = readModule(positionals[0], 'a module');
    const key = readPrivateKey(values.key);
    const id = basename(positionals[0]!).replace(/\.wasm$/, '');
    if (values.serial) {
      const host = await SerialHost.open(values.serial, undefined, undefined, line);
      const t0 = performance.now();
      try {
        const rep = await host.deploy({
          bytes, key, id, ...(values.version ? { version: values.version } : {}), compress,
          wait: values.wait === true, timeoutMs: positive('timeout', values.timeout, true) ?? 30000,
        });
        const t = host.lastTransfer;
        process.stdout.write(`${id}@${rep.version} ${bytes.length} bytes${wireText(bytes.length, t?.wireBytes ?? 0, t?.encoding, t?.resumedAt ?? 0)} → ${values.serial}: ${rep.state}${rep.error ? ` (${rep.error})` : ''} in ${(performance.now() - t0).toFixed(0)} ms\n`);
        return rep.state === 'running' || (!values.wait && rep.state === 'staged') ? 0 : 1;
      } finally {
        await host.close();
      }
    }
    const r = await deployOverMqtt({
      url: values.broker!,
      fleet: values.fleet ?? 'default',
      device: values.device,
      bytes,
      key,
      id,
      ...(values.version ? { version: values.version } : {}),
      wait: values.wait === true,
      timeoutMs: positive('timeout', values.timeout, true) ?? 30000,
      mqtt: mqttOptions,
      compress,
    });
    const rep = r.report;
    process.stdout.write(
      `${id}@${r.manifest.version} sha256 ${r.manifest.sha256.slice(0, 16)}… ${bytes.length} bytes${wireText(bytes.length, r.wireBytes, r.encoding, 0)} → ${values.device}: ` +
        `${rep?.state ?? 'sent'}${rep?.error ? ` (${rep.error})` : ''} in ${r.ms.toFixed(0)} ms\n`,
    );
    if (!values.wait) return rep?.state === 'rejected' ? 1 : 0;
    return rep?.state === 'running' ? 0 : 1;
  },
};

type DeployFlags = Parameters<typeof brokerOptions>[1] & {
  device?: string | undefined; fleet?: string | undefined; broker?: string | undefined; serial?: string | undefined;
  key?: string | undefined; version?: string | undefined; timeout?: string | undefined; canary?: string | undefined;
  batch?: string | undefined; 'max-failures'?: string | undefined; state?: string | undefined; resume?: boolean | undefined;
  discover?: string | undefined; json?: boolean | undefined; baud?: string | undefined; 'no-compress'?: boolean | undefined;
};

async function runRollout(file: string, values: DeployFlags): Promise<number> {
  if (values.device !== undefined) throw new UsageError('give --device ID or --all, not both');
  if (values.serial !== undefined || values.baud !== undefined) throw new UsageError('--all deploys over MQTT: give --broker URL, not --serial/--baud');
  if (!values.broker) throw new UsageError('--broker URL is required');
  if (values.resume && values.version !== undefined) throw new UsageError('--version cannot be given with --resume (the rollout keeps its version and signature)');
  if (values.resume && values.canary !== undefined) throw new UsageError('--canary cannot be given with --resume (the canary set was chosen by the first run)');
  if (!values.resume && !values.key) throw new UsageError('--key FILE is required');
  const canary = parseCount('canary', values.canary, 0);
  const batch = parseCount('batch', values.batch, 1);
  const mf = values['max-failures'];
  if (mf !== undefined && !/^\d+$/.test(mf.trim())) throw new UsageError(`--max-failures must be a count (0 or more), got "${mf}"`);
  const timeoutMs = positive('timeout', values.timeout, true);
  const discoverMs = positive('discover', values.discover, true);
  const mqttOptions = brokerOptions(values.broker, { ...values, key: undefined }, '--tls-key'); // --key signs here
  const fleet = values.fleet ?? 'default';
  const statePath = values.state ?? `.wasmlet-rollout-${fleet.replace(/[^\w.-]/g, '_')}.json`;
  const bytes = readModule(file, 'a module');
  const id = basename(file).replace(/\.wasm$/, '');
  // on --resume the state's manifest is reused, so no key is needed and none is read
  const manifest = values.key
    ? signModule(bytes, readPrivateKey(values.key), id, values.version ?? new Date().toISOString())
    : { id, version: '', sha256: '', size: bytes.length, signature: '' };
  // Ctrl-C halts after the devices in flight (the state says halted: --resume continues); a
  // second Ctrl-C exits at once, as the handler is gone by then
  const ac = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nwasmlet: stopping after the devices in flight (Ctrl-C again to quit now)\n');
    ac.abort();
  };
  process.once('SIGINT', onSigint);
  const show = progress();
  try {
    const r = await rollout({
      url: values.broker,
      fleet,
      bytes,
      manifest,
      ...(canary ? { canary } : {}),
      ...(batch ? { batch } : {}),
      ...(mf !== undefined ? { maxFailures: Number(mf) } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(discoverMs ? { discoverMs } : {}),
      ...(values['no-compress'] ? { compress: false } : {}),
      statePath,
      resume: values.resume === true,
      signal: ac.signal,
      mqtt: mqttOptions,
      onEvent: show,
    });
    endProgress();
    process.stdout.write(values.json ? JSON.stringify(r) + '\n' : summaryText(r, statePath));
    return r.halted ? 1 : 0;
  } finally {
    endProgress();
    process.off('SIGINT', onSigint);
  }
}
