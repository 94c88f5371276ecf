/**
 * What the library logs through: the apps pass Nest's `Logger`, which has this shape, so the
 * library stays plain TypeScript and its lines keep the app's format and level threshold.
 */
export interface VerificationLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
  debug(message: string): void;
}
