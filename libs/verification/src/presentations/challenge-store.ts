/** What taking a challenge found: the domain it was handed to, or why it cannot be taken. */
export type ChallengeUse =
  { ok: true; domain: string } | { ok: false; code: 'CHALLENGE_UNKNOWN' | 'CHALLENGE_ALREADY_USED' | 'CHALLENGE_EXPIRED' };

/**
 * Where the challenges a verifier handed out are kept (in its memory, or in a database every
 * instance shares). `use` takes one for good: the first presentation that names it uses it up,
 * whatever that presentation's verdict.
 */
export interface ChallengeStore {
  use(challenge: string): Promise<ChallengeUse>;
}
