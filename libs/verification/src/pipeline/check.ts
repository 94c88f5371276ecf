import type { CheckName } from './check-name.js';
import type { ReasonCode, ReasonCodeWith } from './reason-codes.js';

export type CheckStatus = 'valid' | 'invalid' | 'error' | 'skipped';

export interface Reason<Code extends ReasonCode = ReasonCode> {
  code: Code;
  message: string;
}

/** One line of a verification report. `reason` explains every status but `valid`. */
export interface CheckResult<Name extends CheckName = CheckName> {
  check: Name;
  status: CheckStatus;
  reason?: Reason;
  /** What a passing check found that a reader may want to see, such as the anchor receipt. */
  details?: Record<string, unknown>;
}

export type CheckOutcome = Omit<CheckResult, 'check'>;

/** The result of the named check in a report, if it ran. */
export const resultOf = <Name extends CheckName>(results: readonly CheckResult<Name>[], name: Name): CheckResult<Name> | undefined =>
  results.find((result) => result.check === name);

/**
 * A small, named check of a subject (a credential, a presentation) in a context (what came with it,
 * when it is judged). It reports; it never throws for a bad subject.
 *
 * It runs only once every check it `dependsOn` is `valid` in the same report; otherwise the runner
 * reports it `skipped` with its `unmet` reason. A check that can conclude part of its work without
 * its dependencies (a malformed entry, a receipt sent beside the credential) does so in
 * `beforeDependencies`, and answers undefined where the rest needs them.
 */
export interface Check<Subject, Context, Name extends CheckName = CheckName> {
  readonly name: Name;
  readonly dependsOn: readonly CheckName[];
  /** The skip reported when a dependency is not `valid`; every check with dependencies has one. */
  readonly unmet?: Reason<ReasonCodeWith<'skipped'>>;
  beforeDependencies?(subject: Subject, context: Context): Promise<CheckOutcome | undefined>;
  run(subject: Subject, context: Context): Promise<CheckOutcome>;
}

export const valid = (details?: Record<string, unknown>): CheckOutcome => ({ status: 'valid', ...(details ? { details } : {}) });
export const invalid = (code: ReasonCodeWith<'invalid'>, message: string): CheckOutcome => ({
  status: 'invalid',
  reason: { code, message },
});
export const failedToCheck = (code: ReasonCodeWith<'error'>, message: string): CheckOutcome => ({
  status: 'error',
  reason: { code, message },
});
export const skipped = (code: ReasonCodeWith<'skipped'>, message: string): CheckOutcome => ({
  status: 'skipped',
  reason: { code, message },
});
