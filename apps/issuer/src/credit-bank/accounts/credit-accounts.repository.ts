import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export interface CreditAccountRecord {
  id: string;
  /** The receiving institution: its API key alone reads the account. */
  institutionId: string;
  allianceId: string;
  holderDid: string;
  openedAt: Date;
}

interface Row {
  id: string;
  institution_id: string;
  alliance_id: string;
  holder_did: string;
  opened_at: Date;
}

const rowToRecord = (row: Row): CreditAccountRecord => ({
  id: row.id,
  institutionId: row.institution_id,
  allianceId: row.alliance_id,
  holderDid: row.holder_did,
  openedAt: row.opened_at,
});

/** The `credit_accounts` table. Every read for an institution is scoped by it. */
@Injectable()
export class CreditAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the learner has an account at that institution in that alliance already. */
  async insert(tx: Transaction, account: Omit<CreditAccountRecord, 'openedAt'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO credit_accounts (id, institution_id, alliance_id, holder_did) VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id, alliance_id, holder_did) DO NOTHING RETURNING id`,
      [account.id, account.institutionId, account.allianceId, account.holderDid],
    );
    return rows.length === 1;
  }

  async findByHolder(institutionId: string, allianceId: string, holderDid: string): Promise<CreditAccountRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM credit_accounts WHERE institution_id = $1 AND alliance_id = $2 AND holder_did = $3`,
      [institutionId, allianceId, holderDid],
    );
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /** Any account, for learners' requests: they prove they hold it by signing as its holder. */
  async find(id: string): Promise<CreditAccountRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM credit_accounts WHERE id = $1`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async findOf(institutionId: string, id: string): Promise<CreditAccountRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM credit_accounts WHERE id = $1 AND institution_id = $2`, [
      id,
      institutionId,
    ]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async listOf(institutionId: string): Promise<CreditAccountRecord[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM credit_accounts WHERE institution_id = $1 ORDER BY opened_at, id`, [
      institutionId,
    ]);
    return rows.map(rowToRecord);
  }
}
