import { randomBytes } from 'node:crypto';
import type { ChallengeUse } from '#verification';
import type { Challenge, Challenges } from './challenge-store.js';

/** Issued but unused challenges kept at most; the oldest go first. Bounds what strangers can make us hold. */
const MAX_OPEN_CHALLENGES = 100_000;
/** Used challenges remembered, so a replay says "already used" rather than "unknown". */
const MAX_USED_CHALLENGES = 100_000;

/** A random single-use value: 24 bytes, base64url. */
export const randomToken = (): string => randomBytes(24).toString('base64url');

/**
 * Single-use challenges for presentations, in this process's memory: a verifier instance checks
 * the presentations answering its own challenges, and a restart forgets them (the student asks
 * again). A challenge is used up by its first presentation, whatever that presentation's verdict.
 */
export class MemoryChallengeStore implements Challenges {
  private readonly open = new Map<string, { domain: string; expiresAt: number }>();
  private readonly used = new Set<string>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async issue(domain: string): Promise<Challenge> {
    const challenge = randomToken();
    const expiresAt = this.clock() + this.ttlSeconds * 1000;
    this.open.set(challenge, { domain, expiresAt });
    if (this.open.size > MAX_OPEN_CHALLENGES) this.open.delete(this.open.keys().next().value!);
    return { challenge, domain, expiresAt: new Date(expiresAt) };
  }

  async use(challenge: string): Promise<ChallengeUse> {
    const found = this.open.get(challenge);
    if (!found) return { ok: false, code: this.used.has(challenge) ? 'CHALLENGE_ALREADY_USED' : 'CHALLENGE_UNKNOWN' };
    this.open.delete(challenge);
    this.used.add(challenge);
    if (this.used.size > MAX_USED_CHALLENGES) this.used.delete(this.used.values().next().value!);
    return found.expiresAt > this.clock() ? { ok: true, domain: found.domain } : { ok: false, code: 'CHALLENGE_EXPIRED' };
  }
}
