/** The transports' error: a broker or serial port that cannot be reached, or a device that does not answer. */
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
