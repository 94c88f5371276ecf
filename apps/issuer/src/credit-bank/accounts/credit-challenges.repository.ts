import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a challenge was handed out for: opening an account at an institution in an alliance, or acting on an account. */
export interface ChallengeBinding {
  institutionId: string;
  allianceId: string;
  accountId: string | null;
}

export type ChallengeTaking =
  { ok: true; binding: ChallengeBinding } | { ok: false; code: 'CHALLENGE_UNKNOWN' | 'CHALLENGE_ALREADY_USED' | 'CHALLENGE_EXPIRED' };

interface Row {
  institution_id: string;
  alliance_id: string;
  account_id: string | null;
  expired: boolean;
}

/** The `credit_challenges` table: single-use challenges for learners' presentations. */
@Injectable()
export class CreditChallengesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(challenge: string, binding: ChallengeBinding, ttlSeconds: number): Promise<Date> {
    const rows: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO credit_challenges (challenge, institution_id, alliance_id, account_id, expires_at)
       VALUES ($1, $2, $3, $4, clock_timestamp() + make_interval(secs => $5)) RETURNING expires_at`,
      [challenge, binding.institutionId, binding.allianceId, binding.accountId, ttlSeconds],
    );
    return rows[0].expires_at;
  }

  /** Uses the challenge up, whatever comes of the presentation that names it; one caller only ever gets it. */
  async take(challenge: string): Promise<ChallengeTaking> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE credit_challenges SET used_at = clock_timestamp() WHERE challenge = $1 AND used_at IS NULL
       RETURNING institution_id, alliance_id, account_id, expires_at < clock_timestamp() AS expired`,
      [challenge],
    );
    if (rows.length === 0) {
      const known: unknown[] = await this.dataSource.query(`SELECT 1 FROM credit_challenges WHERE challenge = $1`, [challenge]);
      return { ok: false, code: known.length > 0 ? 'CHALLENGE_ALREADY_USED' : 'CHALLENGE_UNKNOWN' };
    }
    const [row] = rows;
    if (row.expired) return { ok: false, code: 'CHALLENGE_EXPIRED' };
    return { ok: true, binding: { institutionId: row.institution_id, allianceId: row.alliance_id, accountId: row.account_id } };
  }

  /** Forgets challenges expired a day ago: past then a replay is told it is unknown rather than used. */
  async sweepExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM credit_challenges WHERE expires_at < clock_timestamp() - interval '1 day'`);
  }
}
