import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The `wallet_nonces` table: c_nonces for wallets' holder-binding proofs, each used at most once. */
@Injectable()
export class WalletNoncesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a fresh nonce, sweeping the expired ones first (they can never be used again). */
  async insert(institutionId: string, nonce: string, expiresAt: Date, now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM wallet_nonces WHERE expires_at < $1`, [now]);
    await this.dataSource.query(`INSERT INTO wallet_nonces (nonce, institution_id, expires_at) VALUES ($1, $2, $3)`, [
      nonce,
      institutionId,
      expiresAt,
    ]);
  }

  /** Uses the nonce: true once, when it was this institution's, unused and unexpired; false ever after. */
  async use(institutionId: string, nonce: string, now: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE wallet_nonces SET used_at = $3 WHERE nonce = $1 AND institution_id = $2 AND used_at IS NULL AND expires_at > $3 RETURNING nonce`,
      [nonce, institutionId, now],
    );
    return rows.length === 1;
  }
}
