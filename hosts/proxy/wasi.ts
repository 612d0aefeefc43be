/**
 * The little of WASI (preview 1, also under its older `wasi_unstable` name) that proxy-wasm
 * filters use: stdout/stderr go to the proxy log under the filter's name, environment variables
 * come from the plugin's vm_config, clocks and randomness are real, proc_exit fails the VM. Every
 * other WASI function answers ENOSYS. Envoy offers the same subset to filters.
 */
import { randomFillSync } from 'node:crypto';
import { LogLevel } from './abi.js';
import { ProcExit, type HostDef } from './context.js';
import type { WasmVm } from './vm.js';

const ESUCCESS = 0;
const EBADF = 8;
const EFAULT = 21;
const EINVAL = 28;
const ENOSYS = 52;

export function wasiTable(vm: WasmVm): Map<string, HostDef> {
  const name = vm.host.name;
  const logger = vm.host.env.logger;
  const pending: [string, string] = ['', '']; // partial lines of fd 1 and 2
  const envBytes = () => Object.entries(vm.host.envVars).map(([k, v]) => Buffer.from(`${k}=${v}\0`, 'utf8'));

  const defs: [string, HostDef][] = [];
  const def = (n: string, arity: number, fn: (...args: any[]) => unknown, extra: Partial<HostDef> = {}) => defs.push([n, { arity, fn, ...extra }]);

  def('fd_write', 4, (fd: number, iovs: number, n: number, nwrittenPtr: number) => {
    if (fd !== 1 && fd !== 2) return EBADF;
    iovs >>>= 0;
    n >>>= 0;
    if (!vm.inBounds(iovs, n * 8)) return EFAULT;
    const view = vm.memory.view;
    let total = 0;
    let text = '';
    for (let i = 0; i < n; i++) {
      const p = view.getUint32(iovs + i * 8, true);
      const len = view.getUint32(iovs + i * 8 + 4, true);
      const s = vm.readUtf8(p, len);
      if (s === undefined) return EFAULT;
      text += s;
      total += len;
    }
    const k = fd - 1;
    const lines = (pending[k] + text).split('\n');
    pending[k] = lines.pop()!;
    for (const line of lines) logger.log(fd === 1 ? LogLevel.Info : LogLevel.Error, name, line);
    if (!vm.writeU32(nwrittenPtr, total)) return EFAULT;
    return ESUCCESS;
  });
  def('fd_read', 4, () => EBADF);
  def('fd_close', 1, () => EBADF);
  def('fd_seek', 4, () => EBADF, { bigint: [1] });
  def('fd_fdstat_get', 2, (fd: number, p: number) => {
    if (fd > 2) return EBADF;
    p >>>= 0;
    if (!vm.inBounds(p, 24)) return EFAULT;
    const u8 = vm.memory.u8;
    u8.fill(0, p, p + 24);
    u8[p] = 2; // character device
    return ESUCCESS;
  });
  def('fd_prestat_get', 2, () => EBADF);
  def('fd_prestat_dir_name', 3, () => EBADF);
  def('environ_sizes_get', 2, (countPtr: number, sizePtr: number) => {
    const env = envBytes();
    if (!vm.writeU32(countPtr, env.length) || !vm.writeU32(sizePtr, env.reduce((a, b) => a + b.length, 0))) return EFAULT;
    return ESUCCESS;
  });
  def('environ_get', 2, (ptrs: number, buf: number) => {
    const env = envBytes();
    ptrs >>>= 0;
    buf >>>= 0;
    const size = env.reduce((a, b) => a + b.length, 0);
    if (!vm.inBounds(ptrs, env.length * 4) || !vm.inBounds(buf, size)) return EFAULT;
    for (const e of env) {
      vm.writeU32(ptrs, buf);
      vm.memory.u8.set(e, buf);
      ptrs += 4;
      buf += e.length;
    }
    return ESUCCESS;
  });
  def('args_sizes_get', 2, (countPtr: number, sizePtr: number) => (vm.writeU32(countPtr, 0) && vm.writeU32(sizePtr, 0) ? ESUCCESS : EFAULT));
  def('args_get', 2, () => ESUCCESS);
  def(
    'clock_time_get',
    3,
    (id: number, _precision: bigint, p: number) => {
      if (id < 0 || id > 3) return EINVAL;
      const t = id === 0 ? vm.host.env.scheduler.nowNs() : process.hrtime.bigint();
      return vm.writeU64(p, t) ? ESUCCESS : EFAULT;
    },
    { bigint: [1] },
  );
  def('clock_res_get', 2, (_id: number, p: number) => (vm.writeU64(p, 1000n) ? ESUCCESS : EFAULT));
  def('random_get', 2, (p: number, len: number) => {
    p >>>= 0;
    len >>>= 0;
    if (!vm.inBounds(p, len)) return EFAULT;
    randomFillSync(vm.memory.u8, p, len);
    return ESUCCESS;
  });
  def('sched_yield', 0, () => ESUCCESS);
  def('poll_oneoff', 4, () => ENOSYS);
  def('proc_exit', 1, (code: number) => {
    throw new ProcExit(code >>> 0);
  });
  return new Map(defs);
}
