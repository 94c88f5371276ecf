import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An offer of an issued credential to a learner's wallet, as stored (its secrets as keyed hashes only). */
export interface WalletOfferRecord {
  id: string;
  institutionId: string;
  /** The issued credential offered. */
  credentialId: string;
  codeHash: Buffer;
  txCodeHash: Buffer | null;
  txCodeFailures: number;
  configurationIds: string[];
  createdAt: Date;
  expiresAt: Date;
  redeemedAt: Date | null;
  deliveredCredentialId: string | null;
}

interface WalletOfferRow {
  id: string;
  institution_id: string;
  credential_id: string;
  code_hash: Buffer;
  tx_code_hash: Buffer | null;
  tx_code_failures: number;
  configuration_ids: string[];
  created_at: Date;
  expires_at: Date;
  redeemed_at: Date | null;
  delivered_credential_id: string | null;
}

const COLUMNS =
  'id, institution_id, credential_id, code_hash, tx_code_hash, tx_code_failures, configuration_ids, created_at, expires_at, redeemed_at, delivered_credential_id';

const toRecord = (row: WalletOfferRow): WalletOfferRecord => ({
  id: row.id,
  institutionId: row.institution_id,
  credentialId: row.credential_id,
  codeHash: row.code_hash,
  txCodeHash: row.tx_code_hash,
  txCodeFailures: row.tx_code_failures,
  configurationIds: row.configuration_ids,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  redeemedAt: row.redeemed_at,
  deliveredCredentialId: row.delivered_credential_id,
});

/**
 * The `wallet_offers` table. Every step of an offer's life is one conditional UPDATE, so two
 * requests racing for the same offer never both win: the code is redeemed once, the credential
 * delivered once. Lookups are scoped by institution; the one by the code's hash is public, since
 * the code is the capability.
 */
@Injectable()
export class WalletOffersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(offer: Omit<WalletOfferRecord, 'createdAt' | 'redeemedAt' | 'deliveredCredentialId' | 'txCodeFailures'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO wallet_offers (id, institution_id, credential_id, code_hash, tx_code_hash, configuration_ids, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [offer.id, offer.institutionId, offer.credentialId, offer.codeHash, offer.txCodeHash, offer.configurationIds, offer.expiresAt],
    );
  }

  /** The offer with this code, whatever its state (the claim page shows an expired or collected one as such). */
  async findByCodeHash(codeHash: Buffer): Promise<WalletOfferRecord | null> {
    const rows: WalletOfferRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM wallet_offers WHERE code_hash = $1`, [codeHash]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  async findOne(institutionId: string, id: string): Promise<WalletOfferRecord | null> {
    const rows: WalletOfferRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM wallet_offers WHERE institution_id = $1 AND id = $2`,
      [institutionId, id],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  /** Marks the code used, if it still can be: not redeemed, not expired. False when another request got there first. */
  async redeem(institutionId: string, id: string, now: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE wallet_offers SET redeemed_at = $3
        WHERE institution_id = $1 AND id = $2 AND redeemed_at IS NULL AND expires_at > $3 RETURNING id`,
      [institutionId, id, now],
    );
    return rows.length === 1;
  }

  /**
   * Takes one of the offer's tx_code attempts before the code is compared, so parallel guesses
   * cannot outnumber `max`: false when the offer has had `max` attempts counted already.
   */
  async takeTxCodeAttempt(institutionId: string, id: string, max: number): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE wallet_offers SET tx_code_failures = tx_code_failures + 1
        WHERE institution_id = $1 AND id = $2 AND tx_code_failures < $3 RETURNING id`,
      [institutionId, id, max],
    );
    return rows.length === 1;
  }

  /** Gives back the attempt a right tx_code took: only wrong codes count towards the limit. */
  async refundTxCodeAttempt(institutionId: string, id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wallet_offers SET tx_code_failures = tx_code_failures - 1 WHERE institution_id = $1 AND id = $2 AND tx_code_failures > 0`,
      [institutionId, id],
    );
  }

  /**
   * Takes the offer's one delivery for a wallet's credential request: false when it was taken or
   * delivered already. `release` gives it back when the issuance failed.
   */
  async takeDelivery(institutionId: string, id: string, now: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE wallet_offers SET delivered_at = $3
        WHERE institution_id = $1 AND id = $2 AND redeemed_at IS NOT NULL AND delivered_at IS NULL RETURNING id`,
      [institutionId, id, now],
    );
    return rows.length === 1;
  }

  async releaseDelivery(institutionId: string, id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wallet_offers SET delivered_at = NULL WHERE institution_id = $1 AND id = $2 AND delivered_credential_id IS NULL`,
      [institutionId, id],
    );
  }

  async recordDelivery(institutionId: string, id: string, credentialId: string): Promise<void> {
    await this.dataSource.query(`UPDATE wallet_offers SET delivered_credential_id = $3 WHERE institution_id = $1 AND id = $2`, [
      institutionId,
      id,
      credentialId,
    ]);
  }
}
