import type { CredentialPayload, JwtCredentialPayload } from 'did-jwt-vc';
import type { Check } from '../pipeline/check.js';
import type { CredentialCheckName } from '../pipeline/check-name.js';

/** A credential as the format check found it: the JWT, its decoded parts, and any outer JSON. */
export interface ParsedCredential {
  jwt: string;
  header: { alg?: unknown; typ?: unknown; kid?: unknown };
  payload: JwtCredentialPayload;
  /** The W3C credential reconstructed from the signed JWT alone: what every check trusts. */
  signed: CredentialPayload & Record<string, unknown>;
  /** The JSON object the JWT came wrapped in, if any (a VC with a JwtProof2020 proof). */
  outer?: Record<string, unknown>;
}

/** A JWT as decoded, before anything about it is trusted. */
export type SignedJwt = Pick<ParsedCredential, 'jwt' | 'header' | 'payload'>;

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
