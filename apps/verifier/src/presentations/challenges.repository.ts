import type { ChallengeUse } from '#verification';
import type { DataSource } from 'typeorm';
import type { Challenge, Challenges } from './challenge-store.js';
import { randomToken } from './memory-challenge-store.js';

/** How long a used or expired challenge is remembered, so that a late replay still says "already used" or "expired". */
const FORGET_AFTER_MS = 86_400_000;

/**
 * The `verifier_challenges` table: challenges every verifier instance sees. A challenge is taken by
 * one atomic UPDATE, so two instances given the same presentation at once cannot both take it.
 */
export class ChallengesRepository implements Challenges {
  constructor(
    private readonly db: DataSource,
    private readonly ttlSeconds: number,
  ) {}

  async issue(domain: string): Promise<Challenge> {
    const challenge = randomToken();
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    // Forgetting old rows here keeps the table to about a day of challenges without a scheduler.
    await this.db.query(`DELETE FROM verifier_challenges WHERE expires_at < $1`, [new Date(Date.now() - FORGET_AFTER_MS)]);
    await this.db.query(`INSERT INTO verifier_challenges (challenge, domain, expires_at) VALUES ($1, $2, $3)`, [
      challenge,
      domain,
      expiresAt,
    ]);
    return { challenge, domain, expiresAt };
  }

  async use(challenge: string): Promise<ChallengeUse> {
    // TypeORM answers an UPDATE with [rows, count].
    const [taken]: [{ domain: string; expired: boolean }[], number] = await this.db.query(
      `UPDATE verifier_challenges SET used_at = clock_timestamp() WHERE challenge = $1 AND used_at IS NULL
       RETURNING domain, expires_at <= clock_timestamp() AS expired`,
      [challenge],
    );
    if (taken.length === 1) return taken[0].expired ? { ok: false, code: 'CHALLENGE_EXPIRED' } : { ok: true, domain: taken[0].domain };
    const known: unknown[] = await this.db.query(`SELECT 1 FROM verifier_challenges WHERE challenge = $1`, [challenge]);
    return { ok: false, code: known.length > 0 ? 'CHALLENGE_ALREADY_USED' : 'CHALLENGE_UNKNOWN' };
  }
}
