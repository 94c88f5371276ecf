import type { JsonObject } from '#schemas';
import type { SignedJwt } from '../credentials/parsed-credential.js';
import type { Check } from '../pipeline/check.js';
import type { PresentationCheckName } from '../pipeline/check-name.js';
import type { Bound } from '../credentials/checks/validity-period.check.js';
import type { ChallengeStore } from './challenge-store.js';

/** The presentation formats this verifier reads: VP-JWT (VCDM 1.1), VC-JOSE-COSE `vp+jwt`, and Data Integrity. */
export type VerifiedPresentationFormat = 'vp-jwt' | 'vp+jwt' | 'ldp_vp';

/** A presentation as the format check found it: what was signed, unverified until the holder-signature check. */
export interface ParsedPresentation {
  format: VerifiedPresentationFormat;
  /** The presentation as signed: a VP-JWT's claims, a `vp+jwt` payload, a Data Integrity document with its proof. */
  document: JsonObject;
  /** The JWT, for the JWT formats. */
  jwt?: SignedJwt;
  /** Who presents: a VP-JWT's `iss`, else the `holder` it names, else the DID of the key it names. */
  holder: string;
  /** The challenge the holder signed (a JWT `nonce`, a proof's `challenge`) and the audience (`aud`, a proof's `domain`). */
  nonce?: unknown;
  audience: string[];
  /** The presentation's own validity: a JWT's `nbf` and `exp`, a Data Integrity proof's `expires`. */
  period: { notBefore: Bound; notAfter: Bound };
  credentials: unknown[];
}

/** What came with the presentation besides itself, and what its checks found on the way. */
export interface PresentationContext {
  now: Date;
  /** The challenge the school was given and its domain, where it says them. */
  expected: { challenge?: string; domain?: string };
  /** Where the challenge is taken from: the verifier's challenges, or one request's own nonce. */
  challenges: ChallengeStore;
  /** The domain the challenge was handed to, once the challenge check has taken it (a challenge is taken only once). */
  challengeDomain?: string;
}

/** One of a presentation's own checks after its format. */
export type PresentationCheck = Check<ParsedPresentation, PresentationContext, PresentationCheckName>;
