import type { ChallengeStore } from '#verification';

export interface Challenge {
  challenge: string;
  domain: string;
  expiresAt: Date;
}

/**
 * The challenges a verifier hands out for POST /presentations/verify: in its memory, or in the
 * database every instance shares (then a presentation may reach another instance than the one
 * that gave its challenge).
 */
export interface Challenges extends ChallengeStore {
  issue(domain: string): Promise<Challenge>;
}

export const CHALLENGES = Symbol('Challenges');
