/**
 * Signed module manifests for over-the-air deployment. An operator holds an ed25519 private key
 * (`wasmlet keygen`); a device trusts one or more public keys. The manifest names the module and
 * its version, the sha256 and size of its bytes, and carries an ed25519 signature over a canonical
 * text of those fields, so a device can verify a manifest before it fetches a single byte and the
 * bytes against the manifest once they have arrived.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, readError } from '../../hosts/errors.js';

export interface ModuleManifest {
  readonly id: string;
  readonly version: string;
  /** hex sha256 of the module bytes */
  readonly sha256: string;
  readonly size: number;
  /** base64 ed25519 signature over `manifestText` */
  readonly signature: string;
}

export function manifestText(m: Omit<ModuleManifest, 'signature'>): string {
  return `wasmlet-ota-v1\n${m.id}\n${m.version}\n${m.sha256}\n${m.size}\n`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function signModule(bytes: Uint8Array, key: KeyObject, id: string, version: string): ModuleManifest {
  const body = { id, version, sha256: sha256Hex(bytes), size: bytes.length };
  const signature = sign(null, Buffer.from(manifestText(body)), key).toString('base64');
  return { ...body, signature };
}

/** true when any trusted key verifies the manifest's signature */
export function verifyManifest(m: ModuleManifest, trusted: readonly KeyObject[]): boolean {
  if (typeof m.signature !== 'string') return false;
  const text = Buffer.from(manifestText(m));
  const sig = Buffer.from(m.signature, 'base64');
  return trusted.some((k) => {
    try {
      return verify(null, text, k, sig);
    } catch {
      return false;
    }
  });
}

/** Write DIR/wasmlet.key (PKCS#8 PEM, mode 0600) and DIR/wasmlet.pub (SPKI PEM). */
export function writeKeyPair(dir: string): { key: string; pub: string } {
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key = join(dir, 'wasmlet.key');
  const pub = join(dir, 'wasmlet.pub');
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { key, pub };
}

/** An ed25519 private key from a PEM file; FileError when unreadable or not a private key. */
export function readPrivateKey(path: string): KeyObject {
  return parseKey(path, 'private key', createPrivateKey);
}

/** An ed25519 public key from a PEM file; FileError when unreadable or not a public key. */
export function readPublicKey(path: string): KeyObject {
  return parseKey(path, 'public key', createPublicKey);
}

function parseKey(path: string, what: string, create: (pem: Buffer) => KeyObject): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (e) {
    throw readError(path, e, what);
  }
  try {
    return create(pem);
  } catch (e) {
    throw new FileError(path, `${path} is not a ${what} in PEM format: ${(e as Error).message}`, e);
  }
}
