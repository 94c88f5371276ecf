import type { CheckResult } from './check.js';
import type { CheckName, CredentialCheckName } from './check-name.js';

export type Verdict = 'verified' | 'failed' | 'indeterminate';

/**
 * Checks that must have passed, not merely not failed, before a credential is called verified. A
 * signature proves who signed, not that they are an institution: an issuer no trusted registry
 * lists leaves the credential indeterminate (failed with REQUIRE_TRUSTED_ISSUER).
 */
export const REQUIRED_CREDENTIAL_CHECKS: readonly CredentialCheckName[] = [
  'format',
  'signature',
  'signed-payload',
  'schema',
  'validity-period',
  'issuer-trust',
];

/**
 * Any invalid check fails the subject; otherwise any check that could not run makes it
 * indeterminate; it is verified only when every required check actually passed. Never verified by
 * default.
 */
export function verdictOf<Name extends CheckName>(results: readonly CheckResult<Name>[], required: readonly Name[]): Verdict {
  if (results.some((r) => r.status === 'invalid')) return 'failed';
  if (results.some((r) => r.status === 'error')) return 'indeterminate';
  const passed = new Set(results.filter((r) => r.status === 'valid').map((r) => r.check));
  return required.every((name) => passed.has(name)) ? 'verified' : 'indeterminate';
}
