import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export type LedgerEntryKind = 'deposit' | 'recognise' | 'reverse' | 'expire' | 'revoke-at-source';

/** One line of an account's ledger. Credits are in `creditFramework`; a reverse entry carries the credits it takes back. */
export interface LedgerEntry {
  id: number;
  accountId: string;
  institutionId: string;
  kind: LedgerEntryKind;
  depositId: string | null;
  decisionId: string | null;
  programmeId: string | null;
  bucket: string | null;
  targetAchievementId: string | null;
  credits: number;
  creditFramework: string | null;
  term: string | null;
  year: string | null;
  /** How a recognition's credits count against each source institution's cap, by issuer DID. */
  bySource: Record<string, number> | null;
  /** The deposits a recognition consumed. */
  depositIds: string[] | null;
  reason: string | null;
  recordedAt: Date;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'id' | 'recordedAt' | 'institutionId' | 'accountId'>;

interface Row {
  id: string;
  account_id: string;
  institution_id: string;
  kind: LedgerEntryKind;
  deposit_id: string | null;
  decision_id: string | null;
  programme_id: string | null;
  bucket: string | null;
  target_achievement_id: string | null;
  credits: string;
  credit_framework: string | null;
  term: string | null;
  year: string | null;
  by_source: Record<string, number> | null;
  deposit_ids: string[] | null;
  reason: string | null;
  recorded_at: Date;
}

const rowToEntry = (row: Row): LedgerEntry => ({
  id: Number(row.id),
  accountId: row.account_id,
  institutionId: row.institution_id,
  kind: row.kind,
  depositId: row.deposit_id,
  decisionId: row.decision_id,
  programmeId: row.programme_id,
  bucket: row.bucket,
  targetAchievementId: row.target_achievement_id,
  credits: Number(row.credits),
  creditFramework: row.credit_framework,
  term: row.term,
  year: row.year,
  bySource: row.by_source,
  depositIds: row.deposit_ids,
  reason: row.reason,
  recordedAt: row.recorded_at,
});

/**
 * The `ledger_entries` table: append-only (a trigger refuses every UPDATE, DELETE and TRUNCATE), so
 * this repository has no method that changes or removes an entry.
 */
@Injectable()
export class LedgerEntriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an entry; false when it is one that may be written once and is there already (a decision
   * recognised or reversed, a deposit revoked at source, or expired for a programme).
   */
  async append(tx: Transaction, account: { id: string; institutionId: string }, entry: NewLedgerEntry): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO ledger_entries (account_id, institution_id, kind, deposit_id, decision_id, programme_id, bucket,
         target_achievement_id, credits, credit_framework, term, year, by_source, deposit_ids, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        account.id,
        account.institutionId,
        entry.kind,
        entry.depositId,
        entry.decisionId,
        entry.programmeId,
        entry.bucket,
        entry.targetAchievementId,
        entry.credits,
        entry.creditFramework,
        entry.term,
        entry.year,
        entry.bySource === null ? null : JSON.stringify(entry.bySource),
        entry.depositIds,
        entry.reason,
      ],
    );
    return rows.length === 1;
  }

  /** The account's ledger in the order it was written. */
  async listOf(accountId: string): Promise<LedgerEntry[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM ledger_entries WHERE account_id = $1 ORDER BY id`, [accountId]);
    return rows.map(rowToEntry);
  }

  /** Recognise entries (not yet reversed) that consumed the deposit. */
  async standingRecognitionsOf(tx: Transaction, depositId: string): Promise<LedgerEntry[]> {
    const rows: Row[] = await tx.query(
      `SELECT * FROM ledger_entries r WHERE r.kind = 'recognise' AND $1::uuid = ANY(r.deposit_ids)
         AND NOT EXISTS (SELECT 1 FROM ledger_entries v WHERE v.kind = 'reverse' AND v.decision_id = r.decision_id)
       ORDER BY r.id`,
      [depositId],
    );
    return rows.map(rowToEntry);
  }

  /** The recognise entry of a decision that no reverse entry has taken back, if any. */
  async standingRecognitionOf(tx: Transaction, decisionId: string): Promise<LedgerEntry | null> {
    const rows: Row[] = await tx.query(
      `SELECT * FROM ledger_entries r WHERE r.kind = 'recognise' AND r.decision_id = $1
         AND NOT EXISTS (SELECT 1 FROM ledger_entries v WHERE v.kind = 'reverse' AND v.decision_id = r.decision_id)`,
      [decisionId],
    );
    return rows[0] ? rowToEntry(rows[0]) : null;
  }

  /** Whether the deposit has expired for the programme already. */
  async hasExpired(depositId: string, programmeId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ledger_entries WHERE kind = 'expire' AND deposit_id = $1 AND programme_id = $2`,
      [depositId, programmeId],
    );
    return rows.length > 0;
  }
}
