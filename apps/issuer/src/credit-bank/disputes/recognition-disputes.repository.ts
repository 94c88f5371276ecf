import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export type DisputeState = 'open' | 'upheld' | 'dismissed';

export interface DisputeRecord {
  id: string;
  decisionId: string;
  accountId: string;
  institutionId: string;
  /** What the learner says is wrong. */
  statement: string;
  /** The named panel, once the receiving institution names it. */
  reviewerIds: string[] | null;
  state: DisputeState;
  openedAt: Date;
  decidedAt: Date | null;
}

interface Row {
  id: string;
  decision_id: string;
  account_id: string;
  institution_id: string;
  statement: string;
  reviewer_ids: string[] | null;
  state: DisputeState;
  opened_at: Date;
  decided_at: Date | null;
}

const rowToRecord = (row: Row): DisputeRecord => ({
  id: row.id,
  decisionId: row.decision_id,
  accountId: row.account_id,
  institutionId: row.institution_id,
  statement: row.statement,
  reviewerIds: row.reviewer_ids,
  state: row.state,
  openedAt: row.opened_at,
  decidedAt: row.decided_at,
});

/** The `recognition_disputes` table: at most one open dispute per decision. */
@Injectable()
export class RecognitionDisputesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the decision has an open dispute already. */
  async insert(
    tx: Transaction,
    dispute: Pick<DisputeRecord, 'id' | 'decisionId' | 'accountId' | 'institutionId' | 'statement'>,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO recognition_disputes (id, decision_id, account_id, institution_id, statement, state)
       VALUES ($1, $2, $3, $4, $5, 'open') ON CONFLICT DO NOTHING RETURNING id`,
      [dispute.id, dispute.decisionId, dispute.accountId, dispute.institutionId, dispute.statement],
    );
    return rows.length === 1;
  }

  async find(id: string): Promise<DisputeRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM recognition_disputes WHERE id = $1`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /** The dispute, held until the transaction ends: votes are counted one at a time. */
  async lock(tx: Transaction, id: string): Promise<DisputeRecord | null> {
    const rows: Row[] = await tx.query(`SELECT * FROM recognition_disputes WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async listOfDecisions(decisionIds: string[]): Promise<DisputeRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM recognition_disputes WHERE decision_id = ANY($1::uuid[]) ORDER BY opened_at, id`,
      [decisionIds],
    );
    return rows.map(rowToRecord);
  }

  async nameReviewers(tx: Transaction, id: string, reviewerIds: string[]): Promise<void> {
    await tx.query(`UPDATE recognition_disputes SET reviewer_ids = $2 WHERE id = $1 AND state = 'open'`, [id, reviewerIds]);
  }

  async decide(tx: Transaction, id: string, state: Exclude<DisputeState, 'open'>): Promise<void> {
    await tx.query(`UPDATE recognition_disputes SET state = $2, decided_at = clock_timestamp() WHERE id = $1 AND state = 'open'`, [
      id,
      state,
    ]);
  }
}
