/**
 * Loading a device module: compile, check it against device ABI v1, and check that it can fit a
 * device's budgets — all before it replaces anything. A DeviceModule is immutable and can be
 * deployed to any number of devices (they share its translated code).
 */
import { createHash } from 'node:crypto';
import { compile, type CompiledModule } from '../../core/index.js';
import { checkDeviceAbi, type AbiUse } from './abi.js';
import { declaredLimitsProblem, parseDeclaredLimits, type DeclaredLimits } from './declared-limits.js';
import type { DeviceLimits } from './limits.js';

export interface DeviceModule {
  readonly name: string;
  readonly compiled: CompiledModule;
  readonly abi: AbiUse;
  /** size of the module in bytes */
  readonly size: number;
  /** hex sha256 of the module bytes */
  readonly sha256: string;
  /** initial linear memory in bytes (0 without a memory) */
  readonly initialMemoryBytes: number;
  /** budgets the module declares it needs (`wasmlet.limits` custom section), if it does */
  readonly declaredLimits: DeclaredLimits | undefined;
}

/**
 * Compile and ABI-check `bytes`. Throws CompileError (malformed or invalid) or DeviceAbiError
 * (imports or exports outside the ABI, a malformed `wasmlet.limits` section).
 */
export function loadDeviceModule(bytes: Uint8Array, name = '<module>'): DeviceModule {
  const compiled = compile(bytes, { name });
  const abi = checkDeviceAbi(compiled);
  const declaredLimits = parseDeclaredLimits(compiled.info.customs);
  // the ABI admits no imported memory, so every memory is the module's own; the device's memory
  // budget is for all of them together (a memory may have 1-byte pages: custom-page-sizes)
  const initialBytes = compiled.info.memories.reduce((a, m) => a + m.limits.min * 2 ** (m.pageSizeLog2 ?? 16), 0);
  return Object.freeze({
    name,
    compiled,
    abi,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    initialMemoryBytes: initialBytes,
    declaredLimits,
  });
}

/** Why `module` cannot run within `limits`, or undefined when it can start. */
export function budgetProblem(module: DeviceModule, limits: DeviceLimits): string | undefined {
  if (module.initialMemoryBytes > limits.maxMemoryBytes) {
    return `module ${module.name} needs ${module.initialMemoryBytes} bytes of initial memory; the device budget is ${limits.maxMemoryBytes} bytes`;
  }
  return declaredLimitsProblem(module.declaredLimits, limits, module.name);
}
