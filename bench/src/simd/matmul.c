/*
 * matmul: 64x64 integer matrix multiply (i32, wrapping), written i-k-j so the innermost loop
 * is a contiguous multiply-add over a row that clang auto-vectorizes to i32x4 with -msimd128
 * and leaves scalar without it. Integer arithmetic, so both builds agree exactly. run(n)
 * multiplies n times, feeding a mix of the product back into A, and returns a checksum.
 */
#include "../bench.h"

#define D 64

static i32 A[D][D], B[D][D], C[D][D];

static void init(void) {
  u32 s = 777;
  for (int i = 0; i < D; i++)
    for (int j = 0; j < D; j++) {
      A[i][j] = (i32)(lcg_next(&s) >> 24) - 128;
      B[i][j] = (i32)(lcg_next(&s) >> 24) - 128;
    }
}

static NOINLINE void mul(void) {
  for (int i = 0; i < D; i++) {
    for (int j = 0; j < D; j++) C[i][j] = 0;
    for (int k = 0; k < D; k++) {
      i32 a = A[i][k];
      for (int j = 0; j < D; j++) C[i][j] += a * B[k][j];
    }
  }
}

EXPORT(run) u32 run(u32 n) {
  init();
  for (u32 r = 0; r < n; r++) {
    mul();
    for (int i = 0; i < D; i++)
      for (int j = 0; j < D; j++) A[i][j] = (C[i][j] >> 8) & 0xff;
  }
  u32 h = 2166136261u;
  for (int i = 0; i < D; i++)
    for (int j = 0; j < D; j++) h = (h ^ (u32)C[i][j]) * 16777619u;
  return h;
}
