import type { CredentialPayload, JwtCredentialPayload } from 'did-jwt-vc';

export type CheckStatus = 'valid' | 'invalid' | 'error' | 'skipped';

/** One line of a verification report. `reason` explains every status but `valid`. */
export interface CheckResult {
  check: string;
  status: CheckStatus;
  reason?: { code: string; message: string };
  /** What a passing check found that a reader may want to see, such as the anchor receipt. */
  details?: Record<string, unknown>;
}

export type CheckOutcome = Omit<CheckResult, 'check'>;

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
export interface CheckContext {
  now: Date;
  /** An anchor receipt sent beside the credential (as in a credential package), unverified. */
  anchorReceipt?: unknown;
  /** Whether the receipt the issuer publishes is checked instead when `anchorReceipt` does not hold. */
  fallBackToPublishedReceipt?: boolean;
  /** The checks that ran before this one, in order. */
  earlier: readonly CheckResult[];
}

/** A small, named check over a parsed credential. It reports; it never throws for a bad credential. */
export interface CredentialCheck {
  readonly name: string;
  run(credential: ParsedCredential, context: CheckContext): Promise<CheckOutcome>;
}

export const valid = (details?: Record<string, unknown>): CheckOutcome => ({ status: 'valid', ...(details ? { details } : {}) });
export const invalid = (code: string, message: string): CheckOutcome => ({ status: 'invalid', reason: { code, message } });
export const failedToCheck = (code: string, message: string): CheckOutcome => ({ status: 'error', reason: { code, message } });
export const skipped = (code: string, message: string): CheckOutcome => ({ status: 'skipped', reason: { code, message } });
