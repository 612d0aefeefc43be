/**
 * The embedded broker `wasmlet sim` starts when no `--broker` is given: aedes (MQTT 3.1.1) on
 * 127.0.0.1. Port 0 picks an ephemeral port; the URL is returned.
 *
 * Clients in the same process (the simulated devices) can skip loopback TCP: `connect()` hands
 * aedes one end of an in-memory stream pair and returns the other, so the same MQTT packets (QoS 1
 * PUBACKs, Wills, sessions) flow without two socket writes and two reads per message. Writes made
 * in one tick reach the peer as one chunk at the end of the tick, as a socket would deliver them
 * (write-batch.ts); TCP connections get the same batching.
 */
import { Aedes } from 'aedes';
import { createServer, type Server } from 'node:net';
import { Duplex, Readable } from 'node:stream';
import { enableSharedSubscriptions, topicMatches } from './shared-subs.js';
import { batchWrites } from './write-batch.js';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  /**
   * a stream connected to the broker in this process, for an MQTT client's stream builder (wrap
   * it in batchWrites, as MqttDeviceLink does)
   */
  connect(): Duplex;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(port = 1883, host = '127.0.0.1'): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  indexRetained((aedes as unknown as { persistence: RetainedStore }).persistence);
  await enableSharedSubscriptions(aedes);
  const server: Server = createServer((socket) => aedes.handle(batchWrites(socket.setNoDelay(true))));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `mqtt://${host}:${actual}`,
    port: actual,
    connect() {
      const [client, broker] = pipePair();
      aedes.handle(batchWrites(broker));
      return client; // the client side batches its own writes (mqtt-device.ts connectBatched)
    },
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => resolve()));
        // connected clients keep the server open; aedes.close ends them
      }),
  };
}

interface RetainedPacket {
  readonly topic: string;
  readonly payload: Uint8Array;
}

/** the part of aedes' persistence interface that retained messages go through */
interface RetainedStore {
  storeRetained(packet: RetainedPacket, cb?: (err?: Error | null) => void): unknown;
  createRetainedStream(pattern: string): Readable;
  createRetainedStreamCombi(patterns: string[]): Readable;
}

/**
 * aedes' in-memory persistence answers every SUBSCRIBE by testing the pattern against every
 * retained topic with a freshly built matcher. A fleet keeps three retained topics per device and
 * every device subscribes three times, so connecting N devices costs O(N²) matches — seconds of
 * blocked event loop at 1,000 devices. This keeps a copy of the retained messages (the same packet
 * objects) and answers exact topics with one lookup and wildcards with a prefix check before the
 * level-by-level match; storing still goes through aedes' own persistence.
 */
function indexRetained(store: RetainedStore): void {
  const retained = new Map<string, RetainedPacket>();
  const storeRetained = store.storeRetained.bind(store);
  store.storeRetained = (packet, cb) => {
    if (packet.payload.length === 0) retained.delete(packet.topic);
    else retained.set(packet.topic, { ...packet });
    return storeRetained(packet, cb);
  };
  store.createRetainedStreamCombi = (patterns) => Readable.from(matchRetained(retained, patterns));
  store.createRetainedStream = (pattern) => store.createRetainedStreamCombi([pattern]);
}

function* matchRetained(retained: Map<string, RetainedPacket>, patterns: readonly string[]): Generator<RetainedPacket> {
  for (const pattern of patterns) {
    const wild = pattern.search(/[+#]/);
    if (wild < 0) {
      const p = retained.get(pattern);
      if (p) yield p;
      continue;
    }
    // `a/#` also matches `a` itself, so its prefix stops before the separator
    const prefix = pattern.slice(0, pattern[wild] === '#' && wild > 0 ? wild - 1 : wild);
    const levels = pattern.split('/');
    for (const [topic, packet] of retained) {
      if (topic.startsWith(prefix) && topicMatches(levels, topic)) yield packet;
    }
  }
}

/** One end of an in-memory byte pipe: what is written here is read at the peer. */
class PipeEnd extends Duplex {
  peer: PipeEnd | null = null;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const p = this.peer;
    if (p && !p.destroyed) p.push(chunk);
    cb();
  }

  override _read(): void {}

  override _final(cb: (e?: Error | null) => void): void {
    this.peer?.push(null);
    cb();
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    const p = this.peer;
    this.peer = null;
    if (p && !p.destroyed) process.nextTick(() => p.destroy());
    cb(err);
  }
}

function pipePair(): [Duplex, Duplex] {
  const a = new PipeEnd();
  const b = new PipeEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
