/**
 * Which device-SDK toolchains this machine has: clang with wasm-ld for C, Debian's rustc and cargo
 * with the wasm32-unknown-unknown core library for Rust (sdk/build.sh prefers /usr/bin, as CI has
 * only those). Tests that compile skip with the reason when one is missing, except under CI=true,
 * where .ci/run installs them and a missing one fails the test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CI = process.env['CI'] === 'true';

const ok = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
};

/** the rustc and cargo sdk/build.sh picks: Debian's in /usr/bin when present */
export const RUSTC = existsSync('/usr/bin/rustc') ? '/usr/bin/rustc' : 'rustc';
export const CARGO = existsSync('/usr/bin/cargo') ? '/usr/bin/cargo' : 'cargo';

function rustMissing(): string | undefined {
  const rustc = RUSTC;
  const cargo = CARGO;
  const sysroot = ok(rustc, ['--print', 'sysroot'])?.trim();
  if (!sysroot || !ok(cargo, ['--version'])) return 'rustc/cargo are not installed (apt-get install rustc cargo libstd-rust-dev-wasm32)';
  if (!existsSync(`${sysroot}/lib/rustlib/wasm32-unknown-unknown`)) return `${rustc} has no wasm32-unknown-unknown library (apt-get install libstd-rust-dev-wasm32)`;
  return undefined;
}

function cMissing(): string | undefined {
  if (!ok('clang', ['--version'])) return 'clang is not installed (apt-get install clang lld)';
  if (!ok('wasm-ld', ['--version'])) return 'wasm-ld is not installed (apt-get install lld)';
  return undefined;
}

/** why C modules cannot be built here, or undefined when they can */
export const C_MISSING = cMissing();
/** why Rust modules cannot be built here, or undefined when they can */
export const RUST_MISSING = rustMissing();
