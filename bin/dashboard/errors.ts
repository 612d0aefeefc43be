/**
 * The dashboard's one error class: a request the server refuses or cannot complete, with the HTTP
 * status it answers. The page receives it as JSON `{"error": {"code", "status", "message"}}`, so
 * browser code and scripts can match on the stable code (docs/errors.md).
 */
import { WasmletError } from '../../core/index.js';

/** A dashboard request was refused (token, origin, bad input) or failed (device timeout). */
export class DashboardError extends WasmletError {
  static override readonly brand: string = 'DashboardError';
  /** the HTTP status the server answers with */
  readonly status: number;
  constructor(status: number, message: string) {
    super('WASMLET_DASHBOARD', message);
    this.name = 'DashboardError';
    this.status = status;
  }

  toJSON(): { error: { code: string; status: number; message: string } } {
    return { error: { code: this.code, status: this.status, message: this.message } };
  }
}
