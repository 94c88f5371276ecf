import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The `wallet_nonces` table: the c_nonces wallets' proofs have used, kept until they expire so that
 * none is used twice. Nonces are minted without a row (they are authenticated, see Openid4vcLibrary).
 */
@Injectable()
export class WalletNoncesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a nonce as used: true the first time, false ever after. Expired ones are swept first;
   * they are refused by their expiry anyway.
   */
  async use(institutionId: string, nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM wallet_nonces WHERE expires_at < $1`, [now]);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO wallet_nonces (nonce, institution_id, expires_at, used_at) VALUES ($1, $2, $3, $4) ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
      [nonce, institutionId, expiresAt, now],
    );
    return rows.length === 1;
  }
}
