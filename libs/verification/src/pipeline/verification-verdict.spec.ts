import type { CheckResult, CheckStatus } from './check.js';
import type { CredentialCheckName } from './check-name.js';
import { REQUIRED_CREDENTIAL_CHECKS as REQUIRED, verdictOf as verdictWith } from './verification-verdict.js';

type Statuses = Partial<Record<CredentialCheckName, CheckStatus>>;

const verdictOf = (results: CheckResult<CredentialCheckName>[]) => verdictWith(results, REQUIRED);

function results(statuses: Statuses): CheckResult<CredentialCheckName>[] {
  return Object.entries(statuses).map(([check, status]) => ({ check: check as CredentialCheckName, status }));
}

function allValid(): Statuses {
  return Object.fromEntries(REQUIRED.map((name) => [name, 'valid' as CheckStatus]));
}

describe('verdictOf', () => {
  it('is verified when every required check passed', () => {
    expect(verdictOf(results(allValid()))).toBe('verified');
  });

  it('fails on any invalid check, even when another could not run', () => {
    expect(verdictOf(results({ ...allValid(), schema: 'invalid', signature: 'error' }))).toBe('failed');
  });

  it('is indeterminate when a check could not run', () => {
    expect(verdictOf(results({ ...allValid(), signature: 'error' }))).toBe('indeterminate');
  });

  it.each(REQUIRED)('is never verified by default: %s skipped or missing leaves it indeterminate', (name) => {
    expect(verdictOf(results({ ...allValid(), [name]: 'skipped' }))).toBe('indeterminate');
    const { [name]: _left, ...rest } = allValid();
    expect(verdictOf(results(rest))).toBe('indeterminate');
  });

  it('is indeterminate, not verified, for a validly signed credential of an issuer no trusted registry lists', () => {
    const unknownIssuer: CheckResult<CredentialCheckName> = {
      check: 'issuer-trust',
      status: 'skipped',
      reason: { code: 'ISSUER_UNKNOWN', message: 'unknown' },
    };
    expect(verdictOf([...results(allValid()).filter((r) => r.check !== 'issuer-trust'), unknownIssuer])).toBe('indeterminate');
  });

  it('is indeterminate for an empty report', () => {
    expect(verdictOf([])).toBe('indeterminate');
  });
});
