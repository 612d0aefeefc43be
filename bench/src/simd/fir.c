/*
 * fir: a 32-tap fixed-point FIR filter (Q15 coefficients, 16-bit samples, 32-bit sums) over a
 * 4,096-sample block, the kind of loop a device's signal path runs. Integer arithmetic so the
 * SIMD and scalar builds must agree bit for bit. The inner loop is written per output sample
 * over 8 outputs at a time so clang vectorizes across outputs (-msimd128: i32x4 multiplies and
 * adds of widened i16 lanes); with __wasm_simd128__ the block is the same computation written
 * with wasm_simd128.h intrinsics. run(n) filters the block n times, feeding the output back as
 * the next input, and returns a checksum of the last output.
 */
#include "../bench.h"
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define TAPS 32
#define N 4096

static i16 coef[TAPS];
static i16 x[N + TAPS];
static i16 y[N];

static void init(void) {
  u32 s = 12345;
  for (int i = 0; i < TAPS; i++) coef[i] = (i16)((lcg_next(&s) >> 21) - 1024); // |sum| < 2^30: no overflow
  for (int i = 0; i < N + TAPS; i++) x[i] = (i16)(lcg_next(&s) >> 16);
}

static void block(void) {
#ifdef __wasm_simd128__
  for (int i = 0; i < N; i += 8) {
    v128_t lo = wasm_i32x4_splat(0);
    v128_t hi = wasm_i32x4_splat(0);
    for (int k = 0; k < TAPS; k++) {
      v128_t c = wasm_i16x8_splat(coef[k]);
      v128_t v = wasm_v128_load(&x[i + k]);
      lo = wasm_i32x4_add(lo, wasm_i32x4_extmul_low_i16x8(v, c));
      hi = wasm_i32x4_add(hi, wasm_i32x4_extmul_high_i16x8(v, c));
    }
    // Q15: shift back and keep 16 bits (wrap, as the scalar code's cast does)
    lo = wasm_i32x4_shr(lo, 15);
    hi = wasm_i32x4_shr(hi, 15);
    wasm_v128_store(&y[i], wasm_i16x8_shuffle(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14));
  }
#else
  for (int i = 0; i < N; i++) {
    i32 acc = 0;
    for (int k = 0; k < TAPS; k++) acc += (i32)x[i + k] * coef[k];
    y[i] = (i16)(acc >> 15);
  }
#endif
}

EXPORT(run) u32 run(u32 n) {
  init();
  u32 h = 2166136261u;
  for (u32 r = 0; r < n; r++) {
    block();
    for (int i = 0; i < N; i++) x[i + TAPS] = y[i];
  }
  for (int i = 0; i < N; i++) h = (h ^ (u16)y[i]) * 16777619u;
  return h;
}
