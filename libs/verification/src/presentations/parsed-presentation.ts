import type { SignedJwt } from '../credentials/parsed-credential.js';
import type { Check } from '../pipeline/check.js';
import type { PresentationCheckName } from '../pipeline/check-name.js';

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
