import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export type Vote = 'uphold' | 'dismiss';

export interface DisputeVote {
  disputeId: string;
  reviewerId: string;
  vote: Vote;
  reason: string;
  votedAt: Date;
}

/** The `dispute_votes` table: one vote per reviewer per dispute, never changed. */
@Injectable()
export class DisputeVotesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the reviewer has voted on the dispute already. */
  async insert(tx: Transaction, vote: Omit<DisputeVote, 'votedAt'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO dispute_votes (dispute_id, reviewer_id, vote, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING reviewer_id`,
      [vote.disputeId, vote.reviewerId, vote.vote, vote.reason],
    );
    return rows.length === 1;
  }

  /** The votes, read within the transaction when one is given (votes are counted under the dispute's lock). */
  async listOf(disputeIds: string[], tx?: Transaction): Promise<DisputeVote[]> {
    const rows: { dispute_id: string; reviewer_id: string; vote: Vote; reason: string; voted_at: Date }[] = await (
      tx ?? this.dataSource
    ).query(`SELECT * FROM dispute_votes WHERE dispute_id = ANY($1::uuid[]) ORDER BY voted_at, reviewer_id`, [disputeIds]);
    return rows.map((row) => ({
      disputeId: row.dispute_id,
      reviewerId: row.reviewer_id,
      vote: row.vote,
      reason: row.reason,
      votedAt: row.voted_at,
    }));
  }
}
