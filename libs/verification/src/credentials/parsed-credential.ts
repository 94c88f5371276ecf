import type { JwtCredentialFormat, SignedCredential } from '#schemas';
import type { CredentialPayload, JwtCredentialPayload } from 'did-jwt-vc';
import type { Check } from '../pipeline/check.js';
import type { CredentialCheckName } from '../pipeline/check-name.js';

/** A JWT as decoded, before anything about it is trusted: its compact serialization, header and claims. */
export interface SignedJwt {
  bytes: string;
  header: { alg?: unknown; typ?: unknown; kid?: unknown };
  payload: Record<string, unknown>;
}

/**
 * A credential as the format check found it: a signed credential (its format, its exact signed bytes,
 * and the W3C credential reconstructed from them alone, which is what every check trusts), with the
 * JWT's decoded header and claims for the JWT formats, the only ones read yet, and any outer JSON.
 */
export interface ParsedCredential extends SignedCredential<CredentialPayload & Record<string, unknown>>, SignedJwt {
  format: JwtCredentialFormat;
  payload: JwtCredentialPayload;
  /** The JSON object the JWT came wrapped in, if any (a VC with a JwtProof2020 proof). */
  outer?: Record<string, unknown>;
}

/** What came with the credential besides itself, and when it is judged. */
export interface CredentialContext {
  now: Date;
  /** An anchor receipt sent beside the credential (as in a credential package), unverified. */
  anchorReceipt?: unknown;
  /** Whether the receipt the issuer publishes is checked instead when `anchorReceipt` does not hold. */
  fallBackToPublishedReceipt?: boolean;
}

/** One of a credential's checks after its format: each reads the parsed credential. */
export type CredentialCheck = Check<ParsedCredential, CredentialContext, CredentialCheckName>;
