import type { JsonObject, SignedCredential } from '#schemas';
import type { Check, CheckOutcome } from '../pipeline/check.js';
import type { CredentialCheckName } from '../pipeline/check-name.js';

/** A JWT's header and claims as decoded, before anything about them is trusted. */
export interface DecodedJwt {
  header: { alg?: unknown; typ?: unknown; cty?: unknown; kid?: unknown; crit?: unknown };
  payload: JsonObject;
}

/** A compact JWT with its decoded header and claims. */
export interface SignedJwt extends DecodedJwt {
  bytes: string;
}

/** The formats this verifier reads: VC-JWT (VCDM 1.1 in a `vc` claim), VC-JOSE-COSE `vc+jwt`, and Data Integrity `ldp_vc`. */
export type VerifiedCredentialFormat = 'vc-jwt' | 'vc+jwt' | 'ldp_vc';

/**
 * A credential as the format check found it: a signed credential (its format, its signed bytes, and
 * the W3C credential read from them alone, which is what every check trusts), the issuer whose keys
 * must have signed it, the JWT's header and claims for the JWT formats, and any outer JSON.
 *
 * `bytes` is the one form of the credential that links and anchor leaves are computed from: the
 * compact JWS of the JWT formats, and the RFC 8785 (JCS) serialization of an `ldp_vc` document, its
 * proof included. A P-256 or P-384 ECDSA signature is put in its low-S form first: both forms verify,
 * and they are one credential.
 */
export interface ParsedCredential extends SignedCredential<JsonObject> {
  format: VerifiedCredentialFormat;
  /** The issuer the credential names: the `iss` of a VC-JWT, the `issuer` (or its `id`) otherwise. */
  issuer: string;
  /** The JWT's header and claims (`vc-jwt`, `vc+jwt`). */
  jwt?: DecodedJwt;
  /** The JSON object a VC-JWT came wrapped in, if any (a VC with a JwtProof2020 proof). */
  outer?: JsonObject;
}

/** What fetching the anchored package a credential names gave: its receipt, or the anchor check's outcome saying why there is none. */
export type PublishedReceipt = { receipt: unknown } | { outcome: CheckOutcome };

/** What came with the credential besides itself, and when it is judged. */
export interface CredentialContext {
  now: Date;
  /** An anchor receipt sent beside the credential (as in a credential package), unverified. */
  anchorReceipt?: unknown;
  /** Whether the receipt the issuer publishes is checked instead when `anchorReceipt` does not hold. */
  fallBackToPublishedReceipt?: boolean;
  /**
   * The receipt of the anchored package the credential's signed `refreshService` names, once fetched
   * (by the signature check, for a key of the issuer's history), so that it is not fetched twice.
   */
  publishedReceipt?: PublishedReceipt;
}

/** One of a credential's checks after its format: each reads the parsed credential. */
export type CredentialCheck = Check<ParsedCredential, CredentialContext, CredentialCheckName>;
