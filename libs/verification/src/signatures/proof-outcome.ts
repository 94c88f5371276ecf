import type { ProofError, ProofFailure, ProofFailureCode } from '#identity';
import { type CheckOutcome, failedToCheck, invalid } from '../pipeline/check.js';
import type { ReasonCodeWith } from '../pipeline/reason-codes.js';

/**
 * The signature check's code for each way libs/identity says a proof fails. Who holds which key is
 * one question (`SIGNATURE_INVALID`, the library's message saying which part failed); what the format
 * check already refuses (media types, envelopes, proofs of other types) can reach here only from a
 * presentation's insides or a bug, and is reported as a malformed proof.
 */
const FAILURE_CODES: Record<ProofFailureCode, ReasonCodeWith<'invalid'>> = {
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  VERIFICATION_METHOD_NOT_FOUND: 'SIGNATURE_INVALID',
  VERIFICATION_METHOD_NOT_AUTHORISED: 'SIGNATURE_INVALID',
  SIGNER_MISMATCH: 'SIGNATURE_INVALID',
  SIGNATURE_HIGH_S: 'SIGNATURE_HIGH_S',
  SIGNATURE_ALGORITHM_NOT_ACCEPTED: 'SIGNATURE_ALGORITHM_NOT_ACCEPTED',
  ISSUER_DID_UNRESOLVABLE: 'ISSUER_DID_UNRESOLVABLE',
  VERIFICATION_METHOD_NOT_DID: 'SIGNATURE_KEY_NOT_A_DID',
  CONTEXT_NOT_PINNED: 'SIGNATURE_CONTEXT_NOT_PINNED',
  PROOF_MALFORMED: 'SIGNATURE_PROOF_MALFORMED',
  PROOF_MISSING: 'SIGNATURE_PROOF_MALFORMED',
  PROOF_TYPE_UNSUPPORTED: 'SIGNATURE_PROOF_MALFORMED',
  MEDIA_TYPE_NOT_ACCEPTED: 'SIGNATURE_PROOF_MALFORMED',
  JOSE_EXTENSION_NOT_UNDERSTOOD: 'SIGNATURE_PROOF_MALFORMED',
  JOSE_CLAIMS_NOT_ALLOWED: 'SIGNATURE_PROOF_MALFORMED',
  ENVELOPE_MALFORMED: 'SIGNATURE_PROOF_MALFORMED',
  CHALLENGE_MISMATCH: 'SIGNATURE_PROOF_MALFORMED',
  DOMAIN_MISMATCH: 'SIGNATURE_PROOF_MALFORMED',
};

/** A failed or uncheckable proof as the signature check reports it. */
export function proofOutcome(result: ProofFailure | ProofError): CheckOutcome {
  if (result.status === 'invalid') return invalid(FAILURE_CODES[result.code], result.message);
  return result.code === 'ISSUER_DID_UNAVAILABLE'
    ? failedToCheck('ISSUER_DID_UNAVAILABLE', result.message)
    : failedToCheck('CHECK_FAILED', `The proof could not be checked: ${result.message}`);
}
