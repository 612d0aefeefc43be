#!/usr/bin/env bash
# Rebuilds the SDK examples into committed fixtures: sdk/build/c-pid.wasm (sdk/c/examples/pid.c,
# clang) and sdk/build/rust-pid.wasm (sdk/rust/pid, cargo). `sdk/build.sh OUT_DIR` writes them to
# OUT_DIR instead (what test/sdk-build.test.ts does). Both have a 16 KiB memory.
#
# Toolchains: Debian's clang + lld (wasm-ld) and rustc + cargo + libstd-rust-dev-wasm32 (the
# wasm32-unknown-unknown core library), `apt-get install clang lld rustc cargo libstd-rust-dev-wasm32`.
# /usr/bin/rustc and /usr/bin/cargo are preferred over a rustup install on PATH, since CI has only
# those; override with CLANG, RUSTC and CARGO. No crates.io: the crates have no dependencies and
# cargo runs --offline --locked.
#
# wasm-ld (LLVM 14) makes memories of whole 64 KiB pages, so both are linked with one page and
# sdk/tools/wasm-memory.mjs then sets the memory to exactly 16,384 1-byte pages (custom page
# sizes), after checking that the stack, data and zeroed data fit. Why each flag: sdk/c/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/build}" && cd "${1:-$here/build}" && pwd)"
MEMORY=16384
STACK=1024

pick() { # first of the candidates that exists
  for c in "$@"; do if [ -x "$c" ] || command -v "$c" >/dev/null 2>&1; then echo "$c"; return; fi; done
}
CLANG="${CLANG:-$(pick clang)}"
RUSTC="${RUSTC:-$(pick /usr/bin/rustc rustc)}"
CARGO="${CARGO:-$(pick /usr/bin/cargo cargo)}"
[ -n "$CLANG" ] || { echo "sdk/build.sh: clang not found (apt-get install clang lld)" >&2; exit 1; }
[ -n "$RUSTC" ] && [ -n "$CARGO" ] || { echo "sdk/build.sh: rustc/cargo not found (apt-get install rustc cargo libstd-rust-dev-wasm32)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ---- C ------------------------------------------------------------------------------------------
echo "$("$CLANG" --version | head -1)"
"$CLANG" --target=wasm32 -nostdlib -ffreestanding -O2 -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=$STACK \
  -Wl,--initial-memory=65536 -Wl,--max-memory=65536 -Wl,--export=__heap_base \
  "$here/c/examples/pid.c" -o "$tmp/c-pid.wasm"
node "$here/tools/wasm-memory.mjs" "$tmp/c-pid.wasm" "$out/c-pid.wasm" $MEMORY

# ---- Rust ---------------------------------------------------------------------------------------
# link flags: sdk/rust/.cargo/config.toml (RUSTFLAGS from the environment would replace them); profile: sdk/rust/Cargo.toml
unset RUSTFLAGS
echo "$("$RUSTC" --version), $("$CARGO" --version)"
(cd "$here/rust" && RUSTC="$RUSTC" "$CARGO" build --offline --locked --release -p pid --target-dir "$tmp/target" --quiet)
node "$here/tools/wasm-memory.mjs" "$tmp/target/wasm32-unknown-unknown/release/pid.wasm" "$out/rust-pid.wasm" $MEMORY
