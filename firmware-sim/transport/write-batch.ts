/**
 * Write batching for MQTT connections. mqtt-packet writes one packet as five or six small
 * `stream.write` calls (header, length, topic length, topic, message id, payload) inside a
 * cork/uncork pair; on a Node socket each call allocates a write request, and uncork then issues a
 * writev. At fleet scale (10,000 QoS 1 publishes and as many PUBACKs a second) that allocation,
 * more than the bytes, drives the garbage collector, whose pauses become step jitter.
 *
 * `batchWrites(stream)` replaces the stream's `write` with an append to a list and hides `cork`
 * (so mqtt-packet does not schedule an uncork per packet); once per tick the list is copied into one
 * Buffer and written with the stream's original `write` — one write request and one syscall per
 * connection per tick, whatever the number of packets. Order is kept, `end()` flushes first, and
 * `write` reports backpressure from the underlying stream as before.
 */
import type { Duplex } from 'node:stream';
import { TransportError } from './errors.js';

type WriteCb = (err?: Error | null) => void;

export function batchWrites<S extends Duplex>(stream: S): S {
  const original = stream.write.bind(stream) as (chunk: Buffer, cb?: WriteCb) => boolean;
  const end = stream.end.bind(stream) as (...args: unknown[]) => S;
  let chunks: (Buffer | string)[] = [];
  let bytes = 0;
  let callbacks: WriteCb[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (chunks.length === 0) return;
    const list = chunks;
    const cbs = callbacks;
    chunks = [];
    callbacks = [];
    let out: Buffer;
    // one Buffer (a device's telemetry on the lean path, most ticks): written as it is
    if (list.length === 1 && typeof list[0] !== 'string') out = list[0]!;
    else {
      out = Buffer.allocUnsafe(bytes);
      let off = 0;
      for (const c of list) {
        if (typeof c === 'string') off += out.write(c, off, 'utf8');
        else {
          out.set(c, off);
          off += c.length;
        }
      }
    }
    bytes = 0;
    if (stream.destroyed || stream.writableEnded) {
      const err = new TransportError('write after the stream closed');
      for (const cb of cbs) cb(err);
      return;
    }
    original(out, cbs.length === 0 ? undefined : (err) => cbs.forEach((cb) => cb(err)));
  };

  const write = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const done = (typeof encoding === 'function' ? encoding : cb) as WriteCb | undefined;
    let c: Buffer | string;
    if (typeof chunk === 'string') {
      c = typeof encoding === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(chunk, encoding as BufferEncoding) : chunk;
    } else c = chunk as Buffer;
    chunks.push(c);
    bytes += typeof c === 'string' ? Buffer.byteLength(c) : c.length;
    if (done) callbacks.push(done);
    if (!scheduled) {
      scheduled = true;
      process.nextTick(flush);
    }
    return !stream.writableNeedDrain;
  };

  Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
  Object.defineProperty(stream, 'cork', { value: undefined, configurable: true, writable: true });
  Object.defineProperty(stream, 'end', {
    value: (...args: unknown[]) => {
      flush();
      return end(...args);
    },
    configurable: true,
    writable: true,
  });
  return stream;
}
