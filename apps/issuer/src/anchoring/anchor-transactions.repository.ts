import { Injectable } from '@nestjs/common';
import type { SignedAnchor } from '#anchoring';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';

export interface StoredTransaction {
  hash: string;
  nonce: number;
  raw: string;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  createdAt: Date;
  /** When the bytes were last handed to the node: what "stuck for too long" counts from. */
  lastSentAt: Date;
}

interface TransactionRow {
  hash: string;
  nonce: string;
  raw: string;
  max_fee_per_gas: string;
  max_priority_fee_per_gas: string;
  created_at: Date;
  last_sent_at: Date;
}

const toTransaction = (row: TransactionRow): StoredTransaction => ({
  hash: row.hash,
  nonce: Number(row.nonce),
  raw: row.raw,
  maxFeePerGas: BigInt(row.max_fee_per_gas),
  maxPriorityFeePerGas: BigInt(row.max_priority_fee_per_gas),
  createdAt: row.created_at,
  lastSentAt: row.last_sent_at,
});

/**
 * The `anchor_transactions` table: every transaction signed for a batch, recorded before it is sent,
 * so after a crash every hash that might be mined is known.
 */
@Injectable()
export class AnchorTransactionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a signed transaction before it is sent. Signing is deterministic: the same batch at the
   * same nonce and fees (fees held at their caps, say) gives the same bytes, which are then recorded
   * once and count as sent again.
   */
  async record(tx: Transaction, batchId: string, signed: SignedAnchor): Promise<void> {
    await tx.query(
      `INSERT INTO anchor_transactions (hash, batch_id, nonce, raw, max_fee_per_gas, max_priority_fee_per_gas, created_at, last_sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now())
       ON CONFLICT (hash) DO UPDATE SET last_sent_at = now()`,
      [signed.hash, batchId, signed.nonce, signed.raw, signed.fees.maxFeePerGas.toString(), signed.fees.maxPriorityFeePerGas.toString()],
    );
  }

  /** A recorded transaction was handed to the node again. */
  async markSent(hash: string): Promise<void> {
    await this.dataSource.query(`UPDATE anchor_transactions SET last_sent_at = now() WHERE hash = $1`, [hash]);
  }

  /** The batch's transactions, the one last handed to the node last. */
  async ofBatch(batchId: string): Promise<StoredTransaction[]> {
    const rows: TransactionRow[] = await this.dataSource.query(
      `SELECT * FROM anchor_transactions WHERE batch_id = $1 ORDER BY last_sent_at, created_at, hash`,
      [batchId],
    );
    return rows.map(toTransaction);
  }

  /** Every batch's transactions with a nonce of at least `nonce`, by nonce: the ones the chain has not mined. */
  async from(nonce: number): Promise<StoredTransaction[]> {
    const rows: TransactionRow[] = await this.dataSource.query(
      `SELECT * FROM anchor_transactions WHERE nonce >= $1 ORDER BY nonce, created_at, hash`,
      [nonce],
    );
    return rows.map(toTransaction);
  }
}
