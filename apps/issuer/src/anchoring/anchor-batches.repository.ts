import { Injectable } from '@nestjs/common';
import type { MerkleTreeDump } from '#anchoring';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';

export type BatchStatus = 'built' | 'submitted' | 'confirmed';

export interface AnchorBatch {
  id: string;
  status: BatchStatus;
  root: string;
  leafCount: number;
  treeDump: MerkleTreeDump;
  chainId: number;
  contract: string;
  createdAt: Date;
  blockNumber: number | null;
  blockHash: string | null;
}

interface BatchRow {
  id: string;
  status: BatchStatus;
  root: string;
  leaf_count: number;
  tree_dump: MerkleTreeDump;
  chain_id: number;
  contract: string;
  created_at: Date;
  block_number: string | null;
  block_hash: string | null;
}

const toBatch = (row: BatchRow): AnchorBatch => ({
  id: row.id,
  status: row.status,
  root: row.root,
  leafCount: row.leaf_count,
  treeDump: row.tree_dump,
  chainId: row.chain_id,
  contract: row.contract,
  createdAt: row.created_at,
  blockNumber: row.block_number === null ? null : Number(row.block_number),
  blockHash: row.block_hash,
});

/** The `anchor_batches` table: each batch's tree and root, and its status, the worker's state machine. */
@Injectable()
export class AnchorBatchesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The batches not yet confirmed, oldest first. The worker cuts a batch only when none is open, so
   * there are several only after a reorg reopened confirmed ones.
   */
  async openBatches(): Promise<AnchorBatch[]> {
    const rows: BatchRow[] = await this.dataSource.query(`SELECT * FROM anchor_batches WHERE status <> 'confirmed' ORDER BY created_at`);
    return rows.map(toBatch);
  }

  /** Records a batch as `built`: its root and tree, before anything is sent. */
  async insert(tx: Transaction, batch: Omit<AnchorBatch, 'status' | 'blockNumber' | 'blockHash'>): Promise<void> {
    await tx.query(
      `INSERT INTO anchor_batches (id, status, root, leaf_count, tree_dump, chain_id, contract, created_at)
       VALUES ($1, 'built', $2, $3, $4, $5, $6, $7)`,
      [batch.id, batch.root, batch.leafCount, JSON.stringify(batch.treeDump), batch.chainId, batch.contract, batch.createdAt],
    );
  }

  /** A signed transaction of the batch is recorded. */
  async markSubmitted(tx: Transaction, batchId: string): Promise<void> {
    await tx.query(`UPDATE anchor_batches SET status = 'submitted' WHERE id = $1`, [batchId]);
  }

  /** The batch is anchored in this block. */
  async markConfirmed(
    tx: Transaction,
    batchId: string,
    mined: { txHash: string; blockNumber: number; blockHash: string; anchoredAt: Date },
  ): Promise<void> {
    await tx.query(
      `UPDATE anchor_batches SET status = 'confirmed', tx_hash = $2, block_number = $3, block_hash = $4, anchored_at = $5, confirmed_at = now()
       WHERE id = $1`,
      [batchId, mined.txHash, mined.blockNumber, mined.blockHash, mined.anchoredAt],
    );
  }

  /** A reorg took the anchoring blocks away: the batches go back to `submitted`. */
  async reopen(tx: Transaction, batchIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE anchor_batches SET status = 'submitted', tx_hash = NULL, block_number = NULL, block_hash = NULL, anchored_at = NULL, confirmed_at = NULL
       WHERE id = ANY($1::uuid[])`,
      [batchIds],
    );
  }

  /** Confirmed batches mined at or after `fromBlock`: still within reach of a reorg. */
  async confirmedSince(fromBlock: number): Promise<AnchorBatch[]> {
    const rows: BatchRow[] = await this.dataSource.query(
      `SELECT * FROM anchor_batches WHERE status = 'confirmed' AND block_number >= $1 ORDER BY block_number`,
      [fromBlock],
    );
    return rows.map(toBatch);
  }

  /** The hash of the block the worker confirmed the batch in; null while it is not confirmed. */
  async blockHashOf(batchId: string): Promise<string | null> {
    const rows: { block_hash: string | null }[] = await this.dataSource.query(`SELECT block_hash FROM anchor_batches WHERE id = $1`, [
      batchId,
    ]);
    return rows[0]?.block_hash ?? null;
  }
}
