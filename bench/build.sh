#!/usr/bin/env bash
# Rebuilds bench/wasm/*.wasm from bench/src/*.c with Debian's clang + wasm-ld.
#
# The workloads are freestanding wasm32: no libc, no WASI, no imports. Each exports
# `run(n)` (and the linker's default `memory` export). Target features are pinned rather
# than left to clang's default CPU so the output does not change with the clang version:
# sign-ext, mutable-globals, nontrapping-fptoint and bulk-memory are all Wasm 2.0 and are
# what current LLVM/Rust/Emscripten emit by default. The built .wasm files are committed,
# so this only needs rerunning after editing a source file.
#
# Needs: apt-get install clang lld
set -euo pipefail
cd "$(dirname "$0")"

CLANG="${CLANG:-clang}"
if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "bench/build.sh: '$CLANG' not found. Install it with: apt-get install clang lld" >&2
  exit 1
fi
if ! command -v wasm-ld >/dev/null 2>&1; then
  echo "bench/build.sh: 'wasm-ld' not found. Install it with: apt-get install lld" >&2
  exit 1
fi

CFLAGS=(
  --target=wasm32 -O2 -nostdlib -ffreestanding
  -mcpu=mvp -msign-ext -mmutable-globals -mnontrapping-fptoint -mbulk-memory
  -Wall -Wextra -Werror
  -Wl,--no-entry -Wl,--export=run
)

mkdir -p wasm
"$CLANG" --version | head -n 1
for src in src/*.c; do
  name="$(basename "$src" .c)"
  "$CLANG" "${CFLAGS[@]}" -o "wasm/$name.wasm" "$src"
  chmod 644 "wasm/$name.wasm" # wasm-ld marks its output executable
  printf '  %-14s %7d bytes\n' "$name.wasm" "$(stat -c %s "wasm/$name.wasm")"
done

# SIMD kernels: each built twice, scalar (NAME.wasm) and with 128-bit SIMD (NAME.simd.wasm);
# the sources vectorize under -msimd128 (clang's auto-vectorizer, or wasm_simd128.h intrinsics
# behind __wasm_simd128__) and compute the same checksum either way (bench/run.mjs checks it)
for src in src/simd/*.c; do
  name="$(basename "$src" .c)"
  "$CLANG" "${CFLAGS[@]}" -o "wasm/$name.wasm" "$src"
  "$CLANG" "${CFLAGS[@]}" -msimd128 -o "wasm/$name.simd.wasm" "$src"
  chmod 644 "wasm/$name.wasm" "wasm/$name.simd.wasm"
  printf '  %-14s %7d bytes   %-18s %7d bytes\n' "$name.wasm" "$(stat -c %s "wasm/$name.wasm")" "$name.simd.wasm" "$(stat -c %s "wasm/$name.simd.wasm")"
done
