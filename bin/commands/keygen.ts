/**
 * `wasmlet keygen --out DIR`: write an ed25519 key pair for signing modules — DIR/wasmlet.key
 * (private, PKCS#8 PEM, mode 0600) and DIR/wasmlet.pub (give it to devices with `--trust`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeKeyPair } from '../../firmware-sim/ota/signing.js';
import { FileError } from '../../hosts/errors.js';
import { UsageError, type Command } from './command.js';
import { parseUsage } from './args.js';

const USAGE = `usage: wasmlet keygen --out DIR [--force]

Writes DIR/wasmlet.key (ed25519 private key, PEM, mode 0600) and DIR/wasmlet.pub (public key).
Refuses to overwrite an existing key unless --force is given.`;

export const keygen: Command = {
  name: 'keygen',
  summary: 'create an ed25519 key pair for signing modules',
  usage: USAGE,
  async run(args) {
    const { values } = parseUsage({ args, strict: true, options: { out: { type: 'string' }, force: { type: 'boolean' } } });
    if (!values.out) throw new UsageError('--out DIR is required');
    if (existsSync(join(values.out, 'wasmlet.key')) && !values.force) {
      throw new FileError(join(values.out, 'wasmlet.key'), `${join(values.out, 'wasmlet.key')} exists (use --force to replace it)`);
    }
    const { key, pub } = writeKeyPair(values.out);
    process.stdout.write(`private key: ${key}\npublic key:  ${pub}\n`);
    return 0;
  },
};
