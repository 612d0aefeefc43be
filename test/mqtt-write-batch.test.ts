// Write batching for MQTT connections (firmware-sim/transport/write-batch.ts): the small writes made in
// one tick reach the underlying stream as one write, in order, strings and buffers alike; write
// callbacks run once it is written; `end()` flushes what is pending first; mqtt-packet sees no
// `cork` to call.
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchWrites } from '../firmware-sim/transport/write-batch.js';

class Sink extends Duplex {
  readonly writes: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.writes.push(chunk.toString('latin1'));
    cb();
  }
  override _read(): void {}
}

const tick = () => new Promise((r) => process.nextTick(r));

describe('batchWrites', () => {
  it('turns the writes of one tick into one write, in order', async () => {
    const s = batchWrites(new Sink());
    expect(s.write(Buffer.from([0x30, 0x05]))).toBe(true);
    s.write('topic');
    s.write('é', 'utf8');
    s.write('ff', 'hex');
    expect(s.writes).toEqual([]);
    await tick();
    expect(s.writes).toEqual(['\x30\x05topic\xc3\xa9\xff']);
    s.write('next');
    await tick();
    expect(s.writes).toHaveLength(2);
  });

  it('calls write callbacks after the batch is written', async () => {
    const s = batchWrites(new Sink());
    const done: number[] = [];
    s.write('a', () => done.push(1));
    s.write('b', 'utf8', () => done.push(2));
    expect(done).toEqual([]);
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual([1, 2]);
  });

  it('flushes pending writes on end() and hides cork', async () => {
    const s = batchWrites(new Sink());
    expect((s as { cork?: unknown }).cork).toBeUndefined();
    s.write('last words');
    s.end();
    await new Promise((r) => s.once('finish', r));
    expect(s.writes).toEqual(['last words']);
  });
});
