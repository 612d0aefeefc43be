/**
 * Relaxed SIMD is deterministic: each instruction gives the one result docs/engine.md names,
 * V8 TurboFan's on x86-64 (FMA3), on the lanes where implementations may differ. The expected
 * words were measured with `node --experimental-wasm-relaxed-simd --no-liftoff` on the same
 * module (test/fixtures/relaxed-simd-choices.wat): every op reads its operands at 0, 16 and 32
 * and stores its result at 48. Where we deliberately differ from TurboFan (the unsigned truncations
 * saturate, as V8's Liftoff does) the test says so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const src = readFileSync(new URL('./fixtures/relaxed-simd-choices.wat', import.meta.url), 'utf8');
const store = new Store();
const inst = new Linker().instantiate(store, compile(wat(src, { relaxed_simd: true })));
const mem = inst.memory('mem');

function run(op: string, words: number[]): string {
  const dv = new DataView(mem.u8.buffer, mem.u8.byteOffset);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  store.invoke(inst.func(op), []);
  const out = new DataView(mem.u8.buffer, mem.u8.byteOffset);
  return [0, 1, 2, 3].map((i) => out.getUint32(48 + i * 4, true).toString(16).padStart(8, '0')).join(' ');
}
const f32 = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0]!;
const f64 = (x: number) => [...new Uint32Array(new Float64Array([x]).buffer)];
const Z = [0, 0, 0, 0];
const FILL = [0x11111111, 0x11111111, 0x11111111, 0x11111111, 0x22222222, 0x22222222, 0x22222222, 0x22222222];

describe('relaxed SIMD: the documented result per instruction', () => {
  it('relaxed_swizzle: an index with its top bit set is 0, others pick lane index & 15', () => {
    expect(run('swizzle', [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c, 0x7f401110, 0x8180ff0f, 0x05c0e0f0, 0x04030201, ...Z])).toBe('0f000100 0000000f 05000000 04030201');
  });
  it('relaxed_trunc signed: NaN and out of range are INT_MIN', () => {
    expect(run('trunc_f32_s', [f32(NaN), f32(3e9), f32(-3e9), f32(-1.5), ...Z, ...Z])).toBe('80000000 80000000 80000000 ffffffff');
    expect(run('trunc_f64_s', [...f64(NaN), ...f64(-3e9), ...Z, ...Z])).toBe('80000000 80000000 00000000 00000000');
  });
  it('relaxed_trunc unsigned: saturates (V8 Liftoff; TurboFan differs out of range)', () => {
    expect(run('trunc_f32_u', [f32(NaN), f32(3e9), f32(-3e9), f32(5e9), ...Z, ...Z])).toBe('00000000 b2d05e00 00000000 ffffffff');
    expect(run('trunc_f64_u', [...f64(5e9), ...f64(-0.5), ...Z, ...Z])).toBe('ffffffff 00000000 00000000 00000000');
  });
  it('relaxed_madd / nmadd are fused (one rounding)', () => {
    expect(run('f32_madd', [f32(1 + 2 ** -23), 0, 0, 0, f32(1 - 2 ** -23), 0, 0, 0, f32(-1), 0, 0, 0])).toBe('a8800000 00000000 00000000 00000000');
    expect(run('f32_nmadd', [f32(1 + 2 ** -23), 0, 0, 0, f32(1 - 2 ** -23), 0, 0, 0, f32(1), 0, 0, 0])).toBe('28800000 00000000 00000000 00000000');
    expect(run('f64_madd', [...f64(1 + 2 ** -52), 0, 0, ...f64(1 - 2 ** -52), 0, 0, ...f64(-1), 0, 0])).toBe('00000000 b9700000 00000000 00000000');
  });
  it('relaxed_laneselect: by mask byte top bits (i8x16, i16x8), by mask lane top bit (i32x4, i64x2)', () => {
    const m8 = [0x7f80ff01, 0x00800080, 0x80000000, 0x00000001];
    expect(run('sel8', [...FILL, ...m8])).toBe('22111122 22112211 11222222 22222222');
    expect(run('sel16', [...FILL, ...m8])).toBe('22111122 22112211 11222222 22222222');
    expect(run('sel32', [...FILL, 0x7fffffff, 0x80000000, 0x00000080, 0x00800000])).toBe('22222222 11111111 22222222 22222222');
    expect(run('sel64', [...FILL, 0xffffffff, 0x7fffffff, 0x00000000, 0x80000000])).toBe('22222222 22222222 11111111 11111111');
  });
  it('relaxed_min / max: the first operand where it compares less / greater, else the second', () => {
    const ops = [f32(NaN), 0, 0x80000000, f32(1), 0, f32(NaN), 0, 0x7fa00000, ...Z];
    expect(run('f32_min', ops)).toBe('00000000 7fc00000 00000000 7fa00000');
    expect(run('f32_max', ops)).toBe('00000000 7fc00000 00000000 7fa00000');
    expect(run('f64_min', [0, 0x80000000, 0, 0, 0, 0, 0, 0x80000000, ...Z])).toBe('00000000 00000000 00000000 80000000');
  });
  it('relaxed_q15mulr_s does not saturate; the dot products take the second operand unsigned', () => {
    expect(run('q15', [0x80008000, 0x7fff8000, 0x00010000, 0x40004000, 0x80008000, 0x80007fff, 0x00010000, 0x40004000, ...Z])).toBe('80008000 80018001 00000000 20002000');
    const dot = [0x80808080, 0x7f7f7f7f, 0x01ff02fe, 0x80ff7f01, 0x80808080, 0x7f7f7f7f, 0x80808080, 0xffff7f7f];
    expect(run('dot', [...dot, ...Z])).toBe('80008000 7e027e02 00000000 80003f80');
    expect(run('dot_add', [...dot, 1, 0x7fffffff, 0x80000000, 5])).toBe('ffff0001 8000fc03 80000000 ffffbf85');
  });
});
