import type { VerificationLogger } from '../logger.js';
import { type Check, type CheckOutcome, type CheckResult, resultOf } from './check.js';
import type { CheckName } from './check-name.js';
import { beforeDeadline } from './verification-deadline.js';

export interface RunOptions {
  /** When the verification must be over (epoch ms); a check still running then is `error`. None: no limit. */
  deadline?: number;
  logger: VerificationLogger;
}

/**
 * One check, after the `earlier` results of the same report: its own outcome, `skipped` with its
 * declared reason when a dependency is not `valid`, and `error` when it throws or the deadline cuts
 * it off: a check that could not run is never a pass.
 */
export async function runCheck<Subject, Context, Name extends CheckName>(
  check: Check<Subject, Context, Name>,
  subject: Subject,
  context: Context,
  earlier: readonly CheckResult[],
  { deadline, logger }: RunOptions,
): Promise<CheckResult<Name>> {
  const run = () => outcomeOf(check, subject, context, earlier);
  try {
    return { check: check.name, ...(deadline === undefined ? await run() : await beforeDeadline(run, deadline)) };
  } catch (error) {
    logger.error(`Check ${check.name} threw`, (error as Error).stack);
    return { check: check.name, status: 'error', reason: { code: 'CHECK_FAILED', message: `The ${check.name} check could not run.` } };
  }
}

/** Checks in order, each run after those before it (and after `earlier`, results of the same report); their results. */
export async function runChecks<Subject, Context, Name extends CheckName>(
  checks: readonly Check<Subject, Context, Name>[],
  subject: Subject,
  context: Context,
  options: RunOptions & { earlier?: readonly CheckResult[] },
): Promise<CheckResult<Name>[]> {
  const results: CheckResult<Name>[] = [];
  for (const check of checks) results.push(await runCheck(check, subject, context, [...(options.earlier ?? []), ...results], options));
  return results;
}

async function outcomeOf<Subject, Context>(
  check: Check<Subject, Context>,
  subject: Subject,
  context: Context,
  earlier: readonly CheckResult[],
): Promise<CheckOutcome> {
  const concluded = await check.beforeDependencies?.(subject, context);
  if (concluded) return concluded;
  const hold = check.dependsOn.every((name) => resultOf(earlier, name)?.status === 'valid');
  if (hold) return check.run(subject, context);
  if (!check.unmet)
    throw new Error(
      `The ${check.name} check depends on ${check.dependsOn.join(', ')} but declares no reason to report when they do not hold`,
    );
  return { status: 'skipped', reason: { ...check.unmet } };
}
