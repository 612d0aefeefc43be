#!/usr/bin/env bash
# Rebuilds filters/control/build/*.wasm from the AssemblyScript loops in this folder with the
# `assemblyscript` devDependency (npm run build:control). The built modules are committed, so CI
# and users need no compiler; rerun this only after editing a loop or the SDK.
#
# Flags: -O3 and --runtime stub (no GC: the loops allocate only at start-up), one page of memory,
# no `env.abort` import (the SDK's handler logs through dev.log and traps), debug names kept for
# readable Wasm backtraces.
set -euo pipefail
cd "$(dirname "$0")"
ASC="../../node_modules/.bin/asc"
if [ ! -x "$ASC" ]; then
  echo "filters/control/build.sh: $ASC not found; run npm install first" >&2
  exit 1
fi
mkdir -p build
for loop in heater-pid motor-pi tank-level thermostat; do
  "$ASC" "$loop.ts" -O3 --runtime stub --noAssert --initialMemory 1 \
    --use abort=sdk/dev/abortHandler -o "build/$loop.wasm"
  echo "filters/control/build/$loop.wasm: $(wc -c < "build/$loop.wasm") bytes"
done
