/**
 * `wasmlet new device --lang as|c|rust DIR`: write a starter device project — the heater PID of
 * the SDK examples as its control loop, a copy of the SDK it builds against, build.sh and a
 * README — that builds with the language's toolchain and passes `wasmlet budget`. The SDK files
 * are copied from this installation: the sources in a checkout (sdk/, filters/control/sdk/), or
 * dist/sdk-files.json in an installed package (the build bundles them there, as the package ships
 * no sources), so a project starts from exactly the SDK the CLI was built with; only the
 * project's own files are written from the templates below.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileError } from '../../hosts/errors.js';
import { parseUsage } from './args.js';
import { UsageError, type Command } from './command.js';

const LANGS = ['as', 'c', 'rust'] as const;
type Lang = (typeof LANGS)[number];

const USAGE = `usage: wasmlet new device --lang as|c|rust DIR

Writes a starter device project into DIR (created if missing; refused when not empty): a heater
PID control loop, the SDK it builds against, build.sh and a README. Then:

  cd DIR && ./build.sh && wasmlet budget build/device.wasm --plant heater

languages:
  as     AssemblyScript (npm install --save-dev assemblyscript; 64 KiB memory, one page)
  c      C with no libc, clang --target=wasm32 (apt-get install clang lld; 16 KiB memory)
  rust   no_std Rust, Debian's rustc and cargo (apt-get install rustc cargo
         libstd-rust-dev-wasm32; 16 KiB memory)

options:
  --lang L   as | c | rust`;

/** reads one SDK file by its path in the repository (scripts/sdk-files.json lists them) */
type Source = (path: string) => string;

/**
 * The SDK files of this installation: the sources when a folder above this file holds them (a
 * checkout), else the bundle beside dist/cli.js (an installed package).
 */
function sdkSource(): Source {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let d = here, i = 0; i < 4; i++, d = dirname(d)) {
    if (existsSync(join(d, 'sdk', 'c', 'wasmlet_device.h'))) return (path) => readSource(d, path);
  }
  const bundle = join(here, 'sdk-files.json');
  let files: Record<string, string>;
  try {
    files = JSON.parse(readFileSync(bundle, 'utf8')) as Record<string, string>;
  } catch (e) {
    throw new FileError(bundle, `the device SDK is not part of this wasmlet installation (no sdk/ sources, and ${bundle}: ${(e as { code?: string }).code ?? String(e)})`, e);
  }
  return (path) => {
    const t = files[path];
    if (t === undefined) throw new FileError(bundle, `the SDK file ${path} is missing from ${bundle}`);
    return t;
  };
}

type Files = Record<string, string>;

function readSource(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch (e) {
    throw new FileError(join(root, path), `cannot read the SDK file ${path}: ${(e as { code?: string }).code ?? String(e)}`, e);
  }
}

const MEMORY_TOOL = 'sdk/tools/wasm-memory.mjs';

function cProject(read: Source): Files {
  return {
    'device.c': read('sdk/c/examples/pid.c').replace('#include "../wasmlet_device.h"', '#include "wasmlet_device.h"'),
    'wasmlet_device.h': read('sdk/c/wasmlet_device.h'),
    'tools/wasm-memory.mjs': read(MEMORY_TOOL),
    'build.sh': `#!/usr/bin/env bash
# Builds build/device.wasm from device.c: clang for wasm32 with no libc, then the memory set to
# exactly 16 KiB (wasm-ld makes whole 64 KiB pages only). Why each flag: README.md.
set -euo pipefail
cd "$(dirname "$0")"
CLANG="\${CLANG:-clang}"
mkdir -p build
"$CLANG" --target=wasm32 -nostdlib -ffreestanding -O2 -Wall -Wextra \\
  -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=1024 \\
  -Wl,--initial-memory=65536 -Wl,--max-memory=65536 -Wl,--export=__heap_base \\
  device.c -o build/device-64k.wasm
node tools/wasm-memory.mjs build/device-64k.wasm build/device.wasm 16384
`,
    'README.md': `# A wasmlet device module in C

\`device.c\` is a heater PID on the wasmlet device ABI v1 (docs/device-abi.md in the wasmlet package);
\`wasmlet_device.h\` is the SDK (imports, exports, \`WASMLET_LIMITS\`, helpers, \`wasmlet_pid\`).

    apt-get install clang lld            # clang 14 or later with wasm-ld
    ./build.sh                           # build/device.wasm, 16 KiB of memory
    wasmlet budget build/device.wasm --plant heater --memory 16384 --stack 1024
    wasmlet sim --plant heater --module build/device.wasm --max-memory 16384

Flags (\`build.sh\`): no libc (\`-nostdlib -ffreestanding\`), no \`_start\` (\`--no-entry\`), the C
stack first and 1 KiB (\`--stack-first -z stack-size=1024\`: an overflow traps below address 0),
one 64 KiB page because wasm-ld only makes whole pages, \`--export=__heap_base\` so that
\`tools/wasm-memory.mjs\` can check the layout fits and set the memory to exactly 16,384 one-byte
pages (custom page sizes). No \`--allow-undefined\`: a call to a missing function (a libc one such
as \`memset\`) fails at link time rather than at deploy. Declare what the module needs with
\`WASMLET_LIMITS\`; devices with smaller limits refuse it.
`,
    '.gitignore': 'build/\n',
  };
}

function rustProject(read: Source): Files {
  const crate = 'sdk/rust/wasmlet-device';
  return {
    'Cargo.toml': `[package]
name = "device"
version = "0.1.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]
path = "src/lib.rs"

[dependencies]
wasmlet-device = { path = "wasmlet-device" }

[profile.release]
panic = "abort"
opt-level = "s"
lto = true
codegen-units = 1
strip = "debuginfo"

[profile.dev]
panic = "abort"
`,
    'src/lib.rs': read('sdk/rust/pid/src/lib.rs'),
    'wasmlet-device/Cargo.toml': read(`${crate}/Cargo.toml`),
    'wasmlet-device/src/lib.rs': read(`${crate}/src/lib.rs`),
    '.cargo/config.toml': read('sdk/rust/.cargo/config.toml').replace('sdk/c/README.md', 'README.md').replace('sdk/build.sh', 'build.sh'),
    'tools/wasm-memory.mjs': read(MEMORY_TOOL),
    'build.sh': `#!/usr/bin/env bash
# Builds build/device.wasm from src/lib.rs with cargo (no crates.io), then sets the memory to
# exactly 16 KiB (wasm-ld makes whole 64 KiB pages only). Link flags: .cargo/config.toml.
set -euo pipefail
cd "$(dirname "$0")"
pick() { for c in "$@"; do if [ -x "$c" ] || command -v "$c" >/dev/null 2>&1; then echo "$c"; return; fi; done; }
RUSTC="\${RUSTC:-$(pick /usr/bin/rustc rustc)}"
CARGO="\${CARGO:-$(pick /usr/bin/cargo cargo)}"
unset RUSTFLAGS # would replace the link flags of .cargo/config.toml
RUSTC="$RUSTC" "$CARGO" build --offline --release --quiet
mkdir -p build
node tools/wasm-memory.mjs target/wasm32-unknown-unknown/release/device.wasm build/device.wasm 16384
`,
    'README.md': `# A wasmlet device module in Rust

\`src/lib.rs\` is a heater PID on the wasmlet device ABI v1 (docs/device-abi.md in the wasmlet package);
\`wasmlet-device/\` is the SDK crate (\`no_std\`, no dependencies: imports, safe wrappers,
\`State\`, \`Pid\`, \`limits!\`, a panic handler that logs and traps).

    apt-get install rustc cargo libstd-rust-dev-wasm32   # Debian's; no crates.io needed
    ./build.sh                                           # build/device.wasm, 16 KiB of memory
    wasmlet budget build/device.wasm --plant heater --memory 16384 --stack 1024
    wasmlet sim --plant heater --module build/device.wasm --max-memory 16384

\`.cargo/config.toml\` sets the target and the link flags (a 1 KiB stack placed first, one 64 KiB
page, which \`tools/wasm-memory.mjs\` shrinks to exactly 16,384 one-byte pages after checking the
layout fits). A panic logs "panic" and traps: the device faults into its safe state.
`,
    '.gitignore': 'build/\ntarget/\n',
  };
}

function asProject(read: Source): Files {
  const sdk = 'filters/control/sdk';
  const files: Files = {
    'assembly/device.ts': read('filters/control/heater-pid.ts'),
    'build.sh': `#!/usr/bin/env bash
# Builds build/device.wasm from assembly/device.ts with AssemblyScript: -O3, no GC (--runtime
# stub: the loop allocates only at start-up), one 64 KiB page, aborts logged through dev.log
# instead of an env.abort import the device would refuse.
set -euo pipefail
cd "$(dirname "$0")"
ASC="\${ASC:-node_modules/.bin/asc}"
[ -x "$ASC" ] || { echo "build.sh: $ASC not found: npm install --save-dev assemblyscript (or set ASC)" >&2; exit 1; }
mkdir -p build
"$ASC" assembly/device.ts -O3 --runtime stub --noAssert --initialMemory 1 \\
  --use abort=assembly/sdk/dev/abortHandler -o build/device.wasm
`,
    'package.json': JSON.stringify({ name: 'device', private: true, scripts: { build: 'bash build.sh' }, devDependencies: { assemblyscript: '^0.28.20' } }, null, 2) + '\n',
    'README.md': `# A wasmlet device module in AssemblyScript

\`assembly/device.ts\` is a heater PID on the wasmlet device ABI v1 (docs/device-abi.md in the wasmlet package);
\`assembly/sdk/\` is the SDK (bindings, \`Pid\`, \`StepClock\`).

    npm install
    ./build.sh                                           # build/device.wasm, one 64 KiB page
    wasmlet budget build/device.wasm --plant heater
    wasmlet sim --plant heater --module build/device.wasm
`,
    '.gitignore': 'build/\nnode_modules/\n',
  };
  for (const f of ['dev.ts', 'index.ts', 'pid.ts', 'timing.ts']) files[`assembly/sdk/${f}`] = read(`${sdk}/${f}`);
  return files;
}

export const newProject: Command = {
  name: 'new',
  summary: 'write a starter device project (AssemblyScript, C or Rust)',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseUsage({ args, strict: true, allowPositionals: true, options: { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const [kind, dir, ...extra] = positionals;
    if (kind !== 'device') throw new UsageError(kind === undefined ? 'expected: wasmlet new device --lang as|c|rust DIR' : `unknown project kind "${kind}" (known: device)`);
    if (dir === undefined) throw new UsageError('DIR is required: wasmlet new device --lang as|c|rust DIR');
    if (extra.length > 0) throw new UsageError(`expected one DIR, got ${extra.length + 1}`);
    const lang = values.lang;
    if (lang === undefined) throw new UsageError('--lang is required (as, c, rust)');
    if (!(LANGS as readonly string[]).includes(lang)) throw new UsageError(`unknown language "${lang}" (known: ${LANGS.join(', ')})`);
    const target = resolve(dir);
    if (existsSync(target) && readdirSync(target).length > 0) throw new UsageError(`${dir} is not empty; give a new or empty directory`);
    const files = { as: asProject, c: cProject, rust: rustProject }[lang as Lang](sdkSource());
    for (const [path, text] of Object.entries(files)) {
      const p = join(target, path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text, path.endsWith('.sh') ? { mode: 0o755 } : {});
    }
    process.stdout.write(`wrote ${lang === 'as' ? 'an' : 'a'} ${lang === 'as' ? 'AssemblyScript' : lang === 'c' ? 'C' : 'Rust'} device project to ${dir} (${Object.keys(files).length} files)\nnext: cd ${dir} && ./build.sh && wasmlet budget build/device.wasm --plant heater\n`);
    return 0;
  },
};
