/**
 * Why a proof does not hold. Where a code of libs/verification's reason codes means the same, it is
 * the same word (`SIGNATURE_INVALID`, `SIGNATURE_HIGH_S`, `SIGNATURE_ALGORITHM_NOT_ACCEPTED`,
 * `ISSUER_DID_UNRESOLVABLE`), so a check can pass it on.
 */
export type ProofFailureCode =
  /** No proof of a type verified here, or none at all. */
  | 'PROOF_MISSING'
  /** The proof is of a type or cryptosuite this verifier does not verify. */
  | 'PROOF_TYPE_UNSUPPORTED'
  /** The proof, the JWS or its payload breaks its format (a member missing or of the wrong type). */
  | 'PROOF_MALFORMED'
  /** A JSON-LD context of the document is not pinned here; nothing is fetched. */
  | 'CONTEXT_NOT_PINNED'
  /** The verification method is not a DID URL (an https key URL, a bare key, no scheme): only DIDs are resolved. */
  | 'VERIFICATION_METHOD_NOT_DID'
  /** The signer's DID does not resolve to a document (unknown method, no document, a document for another DID). */
  | 'ISSUER_DID_UNRESOLVABLE'
  /** The DID document has no verification method with that id. */
  | 'VERIFICATION_METHOD_NOT_FOUND'
  /** The DID document does not list the method for the proof's purpose (`assertionMethod`, `authentication`). */
  | 'VERIFICATION_METHOD_NOT_AUTHORISED'
  /** The method belongs to someone other than the credential's issuer or the presentation's holder. */
  | 'SIGNER_MISMATCH'
  | 'SIGNATURE_ALGORITHM_NOT_ACCEPTED'
  | 'SIGNATURE_HIGH_S'
  | 'SIGNATURE_INVALID'
  /** A JOSE `typ` or `cty` other than the VC-JOSE-COSE media types. */
  | 'MEDIA_TYPE_NOT_ACCEPTED'
  /** The JWS header names extensions (`crit`) this verifier does not understand. */
  | 'JOSE_EXTENSION_NOT_UNDERSTOOD'
  /** A VC-JOSE-COSE payload carries a `vc` or `vp` claim, or `iss` differs from the issuer. */
  | 'JOSE_CLAIMS_NOT_ALLOWED'
  /** An `EnvelopedVerifiableCredential` whose `id` is not a `data:application/vc+jwt,` URL. */
  | 'ENVELOPE_MALFORMED'
  /** A presentation's proof signs another challenge (nonce) or domain (audience) than asked, or none. */
  | 'CHALLENGE_MISMATCH'
  | 'DOMAIN_MISMATCH';

/** Why a proof could not be checked now: the answer may differ later. */
export type ProofErrorCode =
  /** The signer's DID could not be resolved right now (the chain or its web server did not answer). */
  | 'ISSUER_DID_UNAVAILABLE'
  /** The verification library failed in a way that says nothing about the document (a bug). */
  | 'PROOF_CHECK_FAILED';

export interface ProofFailure {
  status: 'invalid';
  code: ProofFailureCode;
  message: string;
}

export interface ProofError {
  status: 'error';
  code: ProofErrorCode;
  message: string;
}

/** Who signed, once the proof holds. */
export interface ProofValid {
  status: 'valid';
  /** The verification method that made the signature, a DID URL. */
  verificationMethod: string;
  /** The method's controller: the issuer of a credential, the holder of a presentation. */
  signer: string;
}

/** The result of verifying one proof: never thrown, whatever the document. */
export type ProofVerification = ProofValid | ProofFailure | ProofError;

export const proofFailure = (code: ProofFailureCode, message: string): ProofFailure => ({ status: 'invalid', code, message });
export const proofError = (code: ProofErrorCode, message: string): ProofError => ({ status: 'error', code, message });

/**
 * A refusal thrown from inside the JSON-LD libraries (the document loader, a proof purpose) so that
 * the outcome it carries, not the library's wording, becomes the verifier's result.
 */
export class ProofRefused extends Error {
  constructor(readonly outcome: ProofFailure | ProofError) {
    super(outcome.message);
  }
}

/** The first refusal of ours anywhere in an error the libraries wrapped (`errors`, `cause`, `details.cause`). */
export function refusalIn(error: unknown, seen = new Set<unknown>()): ProofRefused | undefined {
  if (typeof error !== 'object' || error === null || seen.has(error)) return undefined;
  seen.add(error);
  if (error instanceof ProofRefused) return error;
  const { errors, cause, details } = error as { errors?: unknown; cause?: unknown; details?: { cause?: unknown } };
  const inner = [...(Array.isArray(errors) ? errors : []), cause, details?.cause];
  for (const candidate of inner) {
    const found = refusalIn(candidate, seen);
    if (found) return found;
  }
  return undefined;
}
