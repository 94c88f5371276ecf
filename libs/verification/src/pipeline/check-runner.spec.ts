import { quietLogger } from '../../test/quiet-logger.js';
import { type Check, type CheckOutcome, type CheckResult, invalid, valid } from './check.js';
import { runCheck, runChecks } from './check-runner.js';

type Probe = Check<string, { now: Date }> & { runs: number };

/** A check of a string that counts its runs, depends on what the test says, and answers `outcome`. */
function probe(options: Partial<Check<string, { now: Date }>> & { outcome?: () => Promise<CheckOutcome> } = {}): Probe {
  const check: Probe = {
    name: 'status',
    dependsOn: ['signature'],
    unmet: { code: 'STATUS_NOT_FETCHED', message: 'not fetched' },
    runs: 0,
    ...options,
    run: async () => {
      check.runs++;
      return (options.outcome ?? (async () => valid()))();
    },
  };
  return check;
}

const context = { now: new Date() };
const options = { logger: quietLogger };
const signature = (status: CheckResult['status']): CheckResult[] => [{ check: 'signature', status }];

describe('runCheck', () => {
  it('runs a check whose dependencies are all valid', async () => {
    const check = probe();
    expect(await runCheck(check, 'subject', context, signature('valid'), options)).toEqual({ check: 'status', status: 'valid' });
    expect(check.runs).toBe(1);
  });

  it.each(['invalid', 'error', 'skipped'] as const)(
    'skips it with its own reason, without running it, when a dependency is %s',
    async (status) => {
      const check = probe();
      expect(await runCheck(check, 'subject', context, signature(status), options)).toEqual({
        check: 'status',
        status: 'skipped',
        reason: { code: 'STATUS_NOT_FETCHED', message: 'not fetched' },
      });
      expect(check.runs).toBe(0);
    },
  );

  it('skips it when a dependency has not run at all: never valid by default', async () => {
    const check = probe();
    expect((await runCheck(check, 'subject', context, [], options)).status).toBe('skipped');
    expect(check.runs).toBe(0);
  });

  it('takes what a check concludes before its dependencies, whether they hold or not', async () => {
    const early = invalid('STATUS_ENTRY_MALFORMED', 'malformed');
    const check = probe({ beforeDependencies: async () => early });
    expect(await runCheck(check, 'subject', context, signature('invalid'), options)).toEqual({ check: 'status', ...early });
    expect(check.runs).toBe(0);
  });

  it('goes on to the dependencies when the check concludes nothing before them', async () => {
    const check = probe({ beforeDependencies: async () => undefined });
    expect((await runCheck(check, 'subject', context, signature('error'), options)).reason?.code).toBe('STATUS_NOT_FETCHED');
    expect((await runCheck(check, 'subject', context, signature('valid'), options)).status).toBe('valid');
  });

  it('reports a check that throws, or that depends on others without a reason to skip, as one that could not run', async () => {
    const throwing = probe({ outcome: () => Promise.reject(new Error('bug')) });
    expect(await runCheck(throwing, 'subject', context, signature('valid'), options)).toMatchObject({
      status: 'error',
      reason: { code: 'CHECK_FAILED' },
    });
    const undeclared = probe({ unmet: undefined });
    expect(await runCheck(undeclared, 'subject', context, signature('invalid'), options)).toMatchObject({
      status: 'error',
      reason: { code: 'CHECK_FAILED' },
    });
  });

  it('is an error once the deadline has passed, whatever its dependencies', async () => {
    const check = probe();
    const outcome = await runCheck(check, 'subject', context, signature('invalid'), { ...options, deadline: Date.now() - 1 });
    expect(outcome.reason?.code).toBe('VERIFICATION_DEADLINE_EXCEEDED');
  });
});

describe('runChecks', () => {
  it('runs checks in order, each seeing the results before it', async () => {
    const results = await runChecks(
      [
        probe({ name: 'signature', dependsOn: [], outcome: async () => invalid('SIGNATURE_INVALID', 'forged') }),
        probe({ name: 'issuer-trust', unmet: { code: 'ISSUER_TRUST_NOT_CHECKED', message: 'who?' } }),
      ],
      'subject',
      context,
      { ...options, earlier: [{ check: 'format', status: 'valid' }] },
    );
    expect(results.map(({ check, status, reason }) => [check, status, reason?.code])).toEqual([
      ['signature', 'invalid', 'SIGNATURE_INVALID'],
      ['issuer-trust', 'skipped', 'ISSUER_TRUST_NOT_CHECKED'],
    ]);
  });
});
