import { Injectable } from '@nestjs/common';
import type { AnchorReceipt, MerkleTreeDump, SignedAnchor } from '#anchoring';
import { DataSource } from 'typeorm';

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

export interface StoredTransaction {
  hash: string;
  nonce: number;
  raw: string;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  createdAt: Date;
}

export interface PendingCredential {
  id: string;
  signedHash: string;
  issuedAt: Date;
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

/**
 * Batches, their transactions and the credentials' anchoring columns. Each write that moves a
 * batch along happens in one transaction, so the database never holds half a step.
 */
@Injectable()
export class AnchorBatchesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The oldest batch not yet confirmed: the worker finishes it before cutting another. */
  async openBatch(): Promise<AnchorBatch | null> {
    const rows: BatchRow[] = await this.dataSource.query(
      `SELECT * FROM anchor_batches WHERE status <> 'confirmed' ORDER BY created_at LIMIT 1`,
    );
    return rows.length ? toBatch(rows[0]) : null;
  }

  async pendingCredentials(limit: number): Promise<PendingCredential[]> {
    const rows: { id: string; signed_hash: string; issued_at: Date }[] = await this.dataSource.query(
      `SELECT id, signed_hash, issued_at FROM issued_credentials WHERE batch_id IS NULL ORDER BY issued_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, signedHash: row.signed_hash, issuedAt: row.issued_at }));
  }

  /** Records the batch and assigns each credential its leaf index, before anything is sent. */
  async createBatch(batch: Omit<AnchorBatch, 'status' | 'blockNumber' | 'blockHash'>, credentialIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `INSERT INTO anchor_batches (id, status, root, leaf_count, tree_dump, chain_id, contract, created_at)
         VALUES ($1, 'built', $2, $3, $4, $5, $6, $7)`,
        [batch.id, batch.root, batch.leafCount, JSON.stringify(batch.treeDump), batch.chainId, batch.contract, batch.createdAt],
      );
      const [, assigned] = await db.query(
        `UPDATE issued_credentials c SET batch_id = $1, leaf_index = l.index - 1
         FROM unnest($2::text[]) WITH ORDINALITY AS l(id, index)
         WHERE c.id = l.id AND c.batch_id IS NULL`,
        [batch.id, credentialIds],
      );
      if (assigned !== credentialIds.length) throw new Error(`batch ${batch.id}: ${assigned} of ${credentialIds.length} credentials were still pending`);
    });
  }

  /** Records a signed transaction (the batch becomes `submitted`) before it is sent. */
  async recordTransaction(batchId: string, signed: SignedAnchor): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `INSERT INTO anchor_transactions (hash, batch_id, nonce, raw, max_fee_per_gas, max_priority_fee_per_gas, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [signed.hash, batchId, signed.nonce, signed.raw, signed.fees.maxFeePerGas.toString(), signed.fees.maxPriorityFeePerGas.toString()],
      );
      await db.query(`UPDATE anchor_batches SET status = 'submitted' WHERE id = $1`, [batchId]);
    });
  }

  /** The batch's transactions, oldest first. */
  async transactions(batchId: string): Promise<StoredTransaction[]> {
    const rows: { hash: string; nonce: string; raw: string; max_fee_per_gas: string; max_priority_fee_per_gas: string; created_at: Date }[] =
      await this.dataSource.query(`SELECT * FROM anchor_transactions WHERE batch_id = $1 ORDER BY created_at, hash`, [batchId]);
    return rows.map((row) => ({
      hash: row.hash,
      nonce: Number(row.nonce),
      raw: row.raw,
      maxFeePerGas: BigInt(row.max_fee_per_gas),
      maxPriorityFeePerGas: BigInt(row.max_priority_fee_per_gas),
      createdAt: row.created_at,
    }));
  }

  /** The batch is anchored: its block, and each credential's receipt. */
  async markConfirmed(
    batchId: string,
    mined: { txHash: string; blockNumber: number; blockHash: string; anchoredAt: Date },
    receipts: { credentialId: string; receipt: AnchorReceipt }[],
  ): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `UPDATE anchor_batches SET status = 'confirmed', tx_hash = $2, block_number = $3, block_hash = $4, anchored_at = $5, confirmed_at = now()
         WHERE id = $1`,
        [batchId, mined.txHash, mined.blockNumber, mined.blockHash, mined.anchoredAt],
      );
      await db.query(
        `UPDATE issued_credentials c SET state = 'anchored', anchor_receipt = r.receipt
         FROM unnest($2::text[], $3::jsonb[]) AS r(id, receipt)
         WHERE c.id = r.id AND c.batch_id = $1`,
        [batchId, receipts.map((r) => r.credentialId), receipts.map((r) => JSON.stringify(r.receipt))],
      );
    });
  }

  /** A reorg took the anchoring block away: back to `submitted`, receipts withdrawn. */
  async reopen(batchId: string): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `UPDATE anchor_batches SET status = 'submitted', tx_hash = NULL, block_number = NULL, block_hash = NULL, anchored_at = NULL, confirmed_at = NULL
         WHERE id = $1`,
        [batchId],
      );
      await db.query(`UPDATE issued_credentials SET state = 'issued', anchor_receipt = NULL WHERE batch_id = $1`, [batchId]);
    });
  }

  /** Confirmed batches mined at or after `fromBlock`: still within reach of a reorg. */
  async confirmedSince(fromBlock: number): Promise<AnchorBatch[]> {
    const rows: BatchRow[] = await this.dataSource.query(
      `SELECT * FROM anchor_batches WHERE status = 'confirmed' AND block_number >= $1 ORDER BY block_number`,
      [fromBlock],
    );
    return rows.map(toBatch);
  }

  /** Credential ids of a batch by leaf index. */
  async batchCredentialIds(batchId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM issued_credentials WHERE batch_id = $1 ORDER BY leaf_index`,
      [batchId],
    );
    return rows.map((row) => row.id);
  }
}

export interface CredentialAnchorState {
  jwt: string;
  state: 'issued' | 'anchored';
  receipt: AnchorReceipt | null;
}

/** Public reads by credential id or by leaf: the random id and the leaf are the capability. */
@Injectable()
export class AnchorReceiptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byCredentialId(id: string): Promise<CredentialAnchorState | null> {
    return this.one(`SELECT jwt, state, anchor_receipt FROM issued_credentials WHERE id = $1`, id);
  }

  async byLeaf(signedHash: string): Promise<CredentialAnchorState | null> {
    return this.one(`SELECT jwt, state, anchor_receipt FROM issued_credentials WHERE signed_hash = $1`, signedHash.toLowerCase());
  }

  private async one(sql: string, parameter: string): Promise<CredentialAnchorState | null> {
    const rows: { jwt: string; state: 'issued' | 'anchored'; anchor_receipt: AnchorReceipt | null }[] = await this.dataSource.query(sql, [parameter]);
    return rows.length ? { jwt: rows[0].jwt, state: rows[0].state, receipt: rows[0].anchor_receipt } : null;
  }
}
