/*
 * fib: naive doubly recursive Fibonacci. Measures call/return overhead and small-frame
 * local access; almost no memory traffic. run(n) computes fib(DEPTH) n times. The depth
 * is read from a volatile global so clang cannot hoist the pure call out of the loop,
 * which keeps the work linear in n.
 */
#include "bench.h"

static volatile i32 depth = 25;

NOINLINE static i32 fib(i32 k) {
  if (k < 2) return k;
  return fib(k - 1) + fib(k - 2);
}

EXPORT(run) i32 run(i32 n) {
  i32 acc = 0;
  for (i32 i = 0; i < n; i++) acc = (acc * 31) ^ (fib(depth) + i);
  return acc;
}
