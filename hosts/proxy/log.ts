/**
 * The proxy log: one sink for filter logs (proxy_log, WASI stdout/stderr, AssemblyScript aborts),
 * filter traps with their Wasm backtraces, and the proxy's own messages. Every record names its
 * source (a filter name, "proxy", "admin", a cluster). The console logger writes one line per
 * record to stderr; the memory logger keeps records for the test harness.
 */
import { LOG_LEVEL_NAMES, LogLevel } from './abi.js';

export interface LogRecord {
  readonly time: number;
  readonly level: LogLevel;
  /** filter name, or "proxy" / "admin" / … */
  readonly source: string;
  readonly message: string;
}

export interface ProxyLogger {
  /** records below this level are dropped (filters see it through proxy_get_log_level) */
  level: LogLevel;
  log(level: LogLevel, source: string, message: string): void;
}

export class ConsoleLogger implements ProxyLogger {
  constructor(
    public level: LogLevel = LogLevel.Info,
    private readonly out: (line: string) => void = (line) => process.stderr.write(line),
  ) {}
  log(level: LogLevel, source: string, message: string): void {
    if (level < this.level) return;
    this.out(`[${new Date().toISOString()}][${LOG_LEVEL_NAMES[level]}][${source}] ${message}\n`);
  }
}

export class MemoryLogger implements ProxyLogger {
  readonly records: LogRecord[] = [];
  constructor(
    public level: LogLevel = LogLevel.Trace,
    /** also forward to another logger (e.g. the console while debugging a test) */
    private readonly next?: ProxyLogger,
  ) {}
  log(level: LogLevel, source: string, message: string): void {
    if (level >= this.level) this.records.push({ time: Date.now(), level, source, message });
    this.next?.log(level, source, message);
  }
}
