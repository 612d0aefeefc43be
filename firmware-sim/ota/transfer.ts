/**
 * Module bytes on the wire, for slow links. The operator may send a module deflated (zlib format)
 * when the device says it accepts that (`ota.encodings` in its MQTT `meta`, or its serial HELLO);
 * the manifest then says `encoding: "deflate"` and `transferSize`. The signature stays over the
 * module itself (id, version, sha256, size), so the transfer encoding needs no key.
 *
 * A device bounds every transfer before it fetches a byte: the module must fit its slot, and the
 * deflated bytes may not be larger than the module. Inflating stops at the signed size, so a
 * stream that would inflate past it (a zip bomb) is rejected without allocating more.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { DeployError } from '../../hosts/device/device.js';
import type { ModuleManifest } from './signing.js';

/** the transfer encodings a device may accept besides the plain bytes */
export const ENCODINGS = ['deflate'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** a manifest as published for a transfer: the signed fields plus how the bytes travel */
export interface TransferManifest extends ModuleManifest {
  readonly encoding?: Encoding;
  /** bytes on the wire when `encoding` is set (the deflated length) */
  readonly transferSize?: number;
}

/** the OTA capabilities a device publishes (MQTT `meta.ota`, serial HELLO `ota`) */
export interface OtaCapabilities {
  readonly encodings: readonly string[];
  /** largest module the device stores (its slot size) */
  readonly slotBytes: number;
  /** an interrupted transfer continues at the last verified chunk */
  readonly resume: boolean;
}

/** default slot size: a module larger than this is refused before transfer */
export const DEFAULT_SLOT_BYTES = 1024 * 1024;

/** deflate only when it saves at least this share: a few percent is not worth the device's inflating */
const MIN_SAVING = 0.1;

/** the bytes to send and the manifest to publish: deflated when the device accepts it and it saves 10% or more */
export function encodeForTransfer(m: ModuleManifest, bytes: Uint8Array, accepted: readonly string[] | undefined): { manifest: TransferManifest; bytes: Uint8Array } {
  if (!Array.isArray(accepted) || !accepted.includes('deflate')) return { manifest: m, bytes };
  const z = new Uint8Array(deflateSync(bytes, { level: 9 }));
  if (z.length > bytes.length * (1 - MIN_SAVING)) return { manifest: m, bytes };
  return { manifest: { ...m, encoding: 'deflate', transferSize: z.length }, bytes: z };
}

/** the signed fields only: what a device stores once the bytes have arrived */
export function signedManifest(m: TransferManifest): ModuleManifest {
  return { id: m.id, version: m.version, sha256: m.sha256, size: m.size, signature: m.signature };
}

/** bytes on the wire for a manifest */
export function transferSize(m: TransferManifest): number {
  return m.encoding ? (m.transferSize ?? 0) : m.size;
}

/** why a device with `slotBytes` must refuse `m` before transfer (undefined: fetch it) */
export function transferProblem(m: TransferManifest, slotBytes: number): string | undefined {
  if (!Number.isSafeInteger(m.size) || m.size <= 0) return `bad size ${String(m.size)}`;
  if (m.size > slotBytes) return `module of ${m.size} bytes does not fit the ${slotBytes}-byte slot`;
  if (m.encoding === undefined) return undefined;
  if (!(ENCODINGS as readonly string[]).includes(m.encoding)) return `unknown transfer encoding ${JSON.stringify(m.encoding)}`;
  const t = m.transferSize;
  if (!Number.isSafeInteger(t) || t! <= 0) return `bad transferSize ${String(t)}`;
  if (t! > m.size) return `deflated transfer of ${t} bytes is larger than the ${m.size}-byte module`;
  return undefined;
}

/**
 * The module from the received bytes. Inflation is bounded by the signed size: DeployError when the
 * stream would inflate past it, or is not a complete deflate stream.
 */
export function decodeTransfer(m: TransferManifest, received: Uint8Array): Uint8Array {
  if (!m.encoding) return received;
  try {
    return new Uint8Array(inflateSync(received, { maxOutputLength: m.size }));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new DeployError(`deflated module inflates past its signed size of ${m.size} bytes`, e);
    throw new DeployError(`deflated module is corrupt: ${(e as Error).message}`, e);
  }
}
