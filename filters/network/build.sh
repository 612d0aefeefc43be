#!/bin/sh
# Build the example network (L4) filters with AssemblyScript (the root package's devDependency),
# using the SDK in ../http/sdk. The built build/*.wasm are committed, so tests need no compiler;
# run after changing a filter:
#   sh filters/network/build.sh
set -eu
cd "$(dirname "$0")"
ASC=../../node_modules/.bin/asc
mkdir -p build
for f in tcp_rewrite tcp_gate tcp_chaos; do
  "$ASC" "$f.ts" -o "build/$f.wasm" --optimizeLevel 3 --shrinkLevel 1 --runtime minimal --use abort=proxy_abort
done
ls -l build
