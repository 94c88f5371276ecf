import type { VerificationLogger } from '../src/logger.js';

/** A logger for specs: keeps nothing, prints nothing. */
export const quietLogger: VerificationLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
