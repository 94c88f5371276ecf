import { decodeSignedJwt } from '../credentials/checks/format.check.js';
import type { SignedJwt } from '../credentials/parsed-credential.js';
import type { Check } from '../pipeline/check.js';
import { type CheckOutcome, invalid } from '../pipeline/check.js';
import type { PresentationCheckName } from '../pipeline/check-name.js';

/** Credentials one presentation may carry: a transcript's worth, not a denial of service. */
export const MAX_PRESENTED_CREDENTIALS = 100;

export interface ParsedPresentation extends SignedJwt {
  holder: string;
  /** The challenge the holder signed (JWT `nonce`) and the audience (`aud`), unverified until checked. */
  nonce?: unknown;
  audience: string[];
  credentials: unknown[];
}

/** What came with the presentation besides itself, and what its checks found on the way. */
export interface PresentationContext {
  now: Date;
  /** The challenge the school was given and its domain, where it says them. */
  expected: { challenge?: string; domain?: string };
  /** The domain the challenge was handed to, once the challenge check has taken it (a challenge is taken only once). */
  challengeDomain?: string;
}

/** One of a presentation's own checks after its format. */
export type PresentationCheck = Check<ParsedPresentation, PresentationContext, PresentationCheckName>;

/** A VP-JWT (a string, or a presentation with a JwtProof2020 proof) decoded; only its JWT is trusted downstream. */
export function parsePresentation(input: unknown): { parsed: ParsedPresentation } | { outcome: CheckOutcome } {
  const decoded = decodeSignedJwt(input, { noun: 'presentation', jwt: 'VP-JWT', token: 'presentation JWT' });
  if ('outcome' in decoded) return decoded;
  const { payload } = decoded;
  const vp = payload.vp as { verifiableCredential?: unknown } | undefined;
  if (typeof payload.iss !== 'string' || typeof vp !== 'object' || vp === null) {
    return { outcome: invalid('FORMAT_NOT_A_PRESENTATION', 'The JWT carries no `vp` claim or no `iss`: it is not a VP-JWT.') };
  }
  const credentials = ([] as unknown[]).concat(vp.verifiableCredential ?? []);
  if (credentials.length === 0 || credentials.length > MAX_PRESENTED_CREDENTIALS) {
    return { outcome: invalid('PRESENTATION_CREDENTIALS_COUNT', `A presentation must carry from 1 to ${MAX_PRESENTED_CREDENTIALS} credentials; this one carries ${credentials.length}.`) };
  }
  const audience = ([] as unknown[]).concat(payload.aud ?? []).filter((value): value is string => typeof value === 'string');
  return { parsed: { jwt: decoded.jwt, header: decoded.header, payload: payload as SignedJwt['payload'], holder: payload.iss, nonce: payload.nonce, audience, credentials } };
}
