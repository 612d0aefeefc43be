/**
 * The public MQTT topic layout (docs/mqtt.md): everything for one device lives under
 * `wasmlet/v1/<fleet>/<device>/`. Module bytes travel in chunks: the device asks on
 * `modules/chunk/get` (JSON {version, offset, length}) and the operator answers on
 * `modules/chunk/data` with a binary frame: u32 offset, u32 CRC32 of the data, then the data.
 */
import { crc32 } from 'node:zlib';

export const PREFIX = 'wasmlet/v1';

export function deviceBase(fleet: string, device: string): string {
  return `${PREFIX}/${fleet}/${device}/`;
}

export const T = {
  status: 'status',
  meta: 'meta',
  desired: 'modules/desired',
  reported: 'modules/reported',
  chunkGet: 'modules/chunk/get',
  chunkData: 'modules/chunk/data',
  telemetry: 'telemetry',
  metrics: 'metrics',
  cmd: 'cmd/',
} as const;

export const CHUNK_SIZE = 16 * 1024;

export function encodeChunk(offset: number, data: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + data.length);
  out.writeUInt32BE(offset, 0);
  out.writeUInt32BE(crc32(data) >>> 0, 4);
  out.set(data, 8);
  return out;
}

/** null when the frame is short or its CRC does not match */
export function decodeChunk(frame: Uint8Array): { offset: number; data: Uint8Array } | null {
  if (frame.length < 8) return null;
  const b = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const offset = b.readUInt32BE(0);
  const crc = b.readUInt32BE(4);
  const data = b.subarray(8);
  if ((crc32(data) >>> 0) !== crc) return null;
  return { offset, data };
}
