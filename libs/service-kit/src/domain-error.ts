import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/**
 * What kind of failure a domain error is. Features say what went wrong in their own words; the one
 * filter in this library turns the kind into an HTTP status.
 */
export type DomainErrorKind =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  /** The service caught its own fault before answering; logged as an error, never the client's doing. */
  | 'internal';

/**
 * Base of every feature's error class. `code` is public API, one of ERROR_CODES, which also says its
 * kind. `details` carries machine-readable specifics (for example schema violations).
 */
export abstract class DomainError extends Error {
  readonly kind: DomainErrorKind;

  protected constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
    this.kind = ERROR_CODES[code].kind;
  }
}
