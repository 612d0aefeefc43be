/**
 * The transports' errors: a broker or serial port that cannot be reached, or a device that does not
 * answer (TransportError); a staged rollout that cannot start or resume (RolloutError).
 */
import { WasmletError } from '../../core/index.js';

/** A broker, serial port or device did not connect or did not answer in time. */
export class TransportError extends WasmletError {
  static override readonly brand: string = 'TransportError';
  /** the underlying error (socket, TLS, serial port), when there is one */
  override readonly cause: unknown;
  constructor(message: string, cause?: unknown) {
    super('WASMLET_TRANSPORT', message);
    this.name = 'TransportError';
    this.cause = cause;
  }
}

/** A staged rollout cannot start or resume: no devices, or a state file that does not fit. */
export class RolloutError extends WasmletError {
  static override readonly brand: string = 'RolloutError';
  constructor(message: string) {
    super('WASMLET_ROLLOUT', message);
    this.name = 'RolloutError';
  }
}
