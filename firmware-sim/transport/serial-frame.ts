/**
 * The serial wire format (docs/serial.md): SLIP-framed packets, each
 *
 *   u8 version (1) | u8 type | u16 BE seq | u32 BE length | payload | u32 BE CRC32(header+payload)
 *
 * `SlipReader` reassembles frames from arbitrary read chunks (ptys split and merge reads) and
 * drops frames whose CRC or length is wrong (the sender retries after a NAK or a timeout).
 */
import { crc32 } from 'node:zlib';

export const VERSION = 1;
export const FrameType = {
  HELLO: 1,
  ACK: 2,
  NAK: 3,
  DEPLOY_BEGIN: 4,
  DEPLOY_CHUNK: 5,
  DEPLOY_COMMIT: 6,
  TELEMETRY: 7,
  LOG: 8,
  PARAM: 9,
  FAULT: 10,
  REPORT: 11,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

export interface Frame {
  readonly type: number;
  readonly seq: number;
  readonly payload: Buffer;
}

const END = 0xc0;
const ESC = 0xdb;
const ESC_END = 0xdc;
const ESC_ESC = 0xdd;

export function encodeFrame(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const body = Buffer.alloc(8 + payload.length + 4);
  body[0] = VERSION;
  body[1] = type;
  body.writeUInt16BE(seq & 0xffff, 2);
  body.writeUInt32BE(payload.length, 4);
  body.set(payload, 8);
  body.writeUInt32BE(crc32(body.subarray(0, 8 + payload.length)) >>> 0, 8 + payload.length);
  const out: number[] = [END];
  for (const b of body) {
    if (b === END) out.push(ESC, ESC_END);
    else if (b === ESC) out.push(ESC, ESC_ESC);
    else out.push(b);
  }
  out.push(END);
  return Buffer.from(out);
}

/** status of one decoded SLIP packet */
export type Decoded = { ok: true; frame: Frame } | { ok: false; seq: number | null; reason: string };

export function decodeBody(body: Buffer): Decoded {
  if (body.length < 12) return { ok: false, seq: null, reason: 'short frame' };
  const seq = body.readUInt16BE(2);
  const len = body.readUInt32BE(4);
  if (body[0] !== VERSION) return { ok: false, seq, reason: `version ${body[0]}` };
  if (len !== body.length - 12) return { ok: false, seq, reason: 'length mismatch' };
  const crc = body.readUInt32BE(8 + len);
  if ((crc32(body.subarray(0, 8 + len)) >>> 0) !== crc) return { ok: false, seq, reason: 'crc mismatch' };
  return { ok: true, frame: { type: body[1]!, seq, payload: Buffer.from(body.subarray(8, 8 + len)) } };
}

export class SlipReader {
  private buf: number[] = [];
  private esc = false;
  constructor(private readonly onPacket: (d: Decoded) => void) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (b === END) {
        if (this.buf.length > 0) this.onPacket(decodeBody(Buffer.from(this.buf)));
        this.buf = [];
        this.esc = false;
      } else if (this.esc) {
        this.buf.push(b === ESC_END ? END : b === ESC_ESC ? ESC : b);
        this.esc = false;
      } else if (b === ESC) this.esc = true;
      else if (this.buf.length < 1 << 20) this.buf.push(b);
    }
  }
}
