/**
 * Randomness for random_get: the host's CSPRNG by default, or a seeded generator
 * (xoshiro128**, seeded through splitmix32) so a deterministic run gets the same bytes every time.
 * The seeded generator is for reproducibility, not secrecy.
 */
import { randomFillSync } from 'node:crypto';

export interface WasiRandom {
  fill(out: Uint8Array): void;
}

export const cryptoRandom: WasiRandom = {
  fill(out) {

    randomFillSync(out);
  },
};

export class SeededRandom implements WasiRandom {
  private s = new Uint32Array(4);
  constructor(seed: number | bigint | string) {
    let x = hashSeed(seed);
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }
  private next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] ^= s[0]!;
    s[3] ^= s[1]!;
    s[1] ^= s[2]!;
    s[0] ^= s[3]!;
    s[2] ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
  fill(out: Uint8Array): void {
    for (let i = 0; i < out.length; i += 4) {
      let v = this.next();
      for (let k = 0; k < 4 && i + k < out.length; k++, v >>>= 8) out[i + k] = v & 0xff;
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function hashSeed(seed: number | bigint | string): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
