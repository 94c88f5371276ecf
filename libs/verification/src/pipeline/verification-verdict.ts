import type { CheckResult } from './check.js';
import type { CheckName, CredentialCheckName } from './check-name.js';
import type { ReasonCode } from './reason-codes.js';

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
 * Skips that meet a requirement: a credential of a kind this verifier has no schema for has passed
 * all that can be asked of it (the W3C data model), and is not held back for being of another kind.
 */
const SKIPS_THAT_PASS: readonly ReasonCode[] = ['SCHEMA_UNKNOWN_KIND'];

const passed = (result: CheckResult): boolean =>
  result.status === 'valid' || (result.status === 'skipped' && result.reason !== undefined && SKIPS_THAT_PASS.includes(result.reason.code));

/**
 * Any invalid check fails the subject; otherwise any check that could not run makes it
 * indeterminate; it is verified only when every required check actually passed (or was skipped
 * for a reason that meets it). Never verified by default.
 */
export function verdictOf<Name extends CheckName>(results: readonly CheckResult<Name>[], required: readonly Name[]): Verdict {
  if (results.some((r) => r.status === 'invalid')) return 'failed';
  if (results.some((r) => r.status === 'error')) return 'indeterminate';
  const held = new Set(results.filter(passed).map((r) => r.check));
  return required.every((name) => held.has(name)) ? 'verified' : 'indeterminate';
}
