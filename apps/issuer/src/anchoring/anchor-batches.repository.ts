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
  /** When the bytes were last handed to the node: what "stuck for too long" counts from. */
  lastSentAt: Date;
}

/**
 * What a batch anchors: signed credentials and published status list versions, each by the hash of
 * its signed bytes. Both tables carry the same anchoring columns (batch_id, leaf_index,
 * anchor_receipt); this is the one place that knows which tables those are.
 */
export type LeafSource = 'credential' | 'status-list-version';

export interface Leaf {
  source: LeafSource;
  id: string;
}

export interface PendingLeaf extends Leaf {
  signedHash: string;
  createdAt: Date;
}

const LEAF_TABLES: Record<LeafSource, { table: string; createdAt: string }> = {
  credential: { table: 'issued_credentials', createdAt: 'issued_at' },
  'status-list-version': { table: 'status_list_versions', createdAt: 'published_at' },
};

const LEAF_SOURCES = Object.keys(LEAF_TABLES) as LeafSource[];

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
 * Batches, their transactions and the credentials' anchoring columns. Each write that moves a
 * batch along happens in one transaction, so the database never holds half a step.
 */
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

  /** The oldest leaves not yet in a batch, across every source. */
  async pendingLeaves(limit: number): Promise<PendingLeaf[]> {
    const union = LEAF_SOURCES.map(
      (source) => `SELECT '${source}' AS source, id::text AS id, signed_hash, ${LEAF_TABLES[source].createdAt} AS created_at
                   FROM ${LEAF_TABLES[source].table} WHERE batch_id IS NULL`,
    ).join(' UNION ALL ');
    const rows: { source: LeafSource; id: string; signed_hash: string; created_at: Date }[] = await this.dataSource.query(
      `${union} ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ source: row.source, id: row.id, signedHash: row.signed_hash, createdAt: row.created_at }));
  }

  /** Records the batch and assigns each leaf its index, before anything is sent. */
  async createBatch(batch: Omit<AnchorBatch, 'status' | 'blockNumber' | 'blockHash'>, leaves: Leaf[]): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `INSERT INTO anchor_batches (id, status, root, leaf_count, tree_dump, chain_id, contract, created_at)
         VALUES ($1, 'built', $2, $3, $4, $5, $6, $7)`,
        [batch.id, batch.root, batch.leafCount, JSON.stringify(batch.treeDump), batch.chainId, batch.contract, batch.createdAt],
      );
      let assigned = 0;
      for (const source of LEAF_SOURCES) {
        const [, count] = await db.query(
          `UPDATE ${LEAF_TABLES[source].table} t SET batch_id = $1, leaf_index = l.index - 1
           FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS l(source, id, index)
           WHERE l.source = $4 AND t.id::text = l.id AND t.batch_id IS NULL`,
          [batch.id, leaves.map((leaf) => leaf.source), leaves.map((leaf) => leaf.id), source],
        );
        assigned += count;
      }
      if (assigned !== leaves.length) throw new Error(`batch ${batch.id}: ${assigned} of ${leaves.length} leaves were still pending`);
    });
  }

  /**
   * Records a signed transaction (the batch becomes `submitted`) before it is sent. Signing is
   * deterministic: the same batch at the same nonce and fees (fees held at their caps, say) gives
   * the same bytes, which are then recorded once and count as sent again.
   */
  async recordTransaction(batchId: string, signed: SignedAnchor): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `INSERT INTO anchor_transactions (hash, batch_id, nonce, raw, max_fee_per_gas, max_priority_fee_per_gas, created_at, last_sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, now(), now())
         ON CONFLICT (hash) DO UPDATE SET last_sent_at = now()`,
        [signed.hash, batchId, signed.nonce, signed.raw, signed.fees.maxFeePerGas.toString(), signed.fees.maxPriorityFeePerGas.toString()],
      );
      await db.query(`UPDATE anchor_batches SET status = 'submitted' WHERE id = $1`, [batchId]);
    });
  }

  /** A recorded transaction was handed to the node again. */
  async markSent(hash: string): Promise<void> {
    await this.dataSource.query(`UPDATE anchor_transactions SET last_sent_at = now() WHERE hash = $1`, [hash]);
  }

  /** The batch's transactions, the one last handed to the node last. */
  async transactions(batchId: string): Promise<StoredTransaction[]> {
    const rows: TransactionRow[] = await this.dataSource.query(
      `SELECT * FROM anchor_transactions WHERE batch_id = $1 ORDER BY last_sent_at, created_at, hash`,
      [batchId],
    );
    return rows.map(toTransaction);
  }

  /** Every batch's transactions with a nonce of at least `nonce`, by nonce: the ones the chain has not mined. */
  async transactionsFrom(nonce: number): Promise<StoredTransaction[]> {
    const rows: TransactionRow[] = await this.dataSource.query(`SELECT * FROM anchor_transactions WHERE nonce >= $1 ORDER BY nonce, created_at, hash`, [nonce]);
    return rows.map(toTransaction);
  }

  /** The batch is anchored: its block, and each leaf's receipt. Credentials become `anchored`. */
  async markConfirmed(
    batchId: string,
    mined: { txHash: string; blockNumber: number; blockHash: string; anchoredAt: Date },
    receipts: AnchorReceipt[],
  ): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `UPDATE anchor_batches SET status = 'confirmed', tx_hash = $2, block_number = $3, block_hash = $4, anchored_at = $5, confirmed_at = now()
         WHERE id = $1`,
        [batchId, mined.txHash, mined.blockNumber, mined.blockHash, mined.anchoredAt],
      );
      for (const source of LEAF_SOURCES) {
        await db.query(
          `UPDATE ${LEAF_TABLES[source].table} t SET anchor_receipt = r.receipt
           FROM unnest($2::jsonb[]) WITH ORDINALITY AS r(receipt, index)
           WHERE t.batch_id = $1 AND t.leaf_index = r.index - 1`,
          [batchId, receipts.map((receipt) => JSON.stringify(receipt))],
        );
      }
      await db.query(`UPDATE issued_credentials SET state = 'anchored' WHERE batch_id = $1`, [batchId]);
    });
  }

  /** A reorg took the anchoring blocks away: the batches go back to `submitted`, their receipts withdrawn, all at once. */
  async reopen(batchIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `UPDATE anchor_batches SET status = 'submitted', tx_hash = NULL, block_number = NULL, block_hash = NULL, anchored_at = NULL, confirmed_at = NULL
         WHERE id = ANY($1::uuid[])`,
        [batchIds],
      );
      for (const source of LEAF_SOURCES) {
        await db.query(`UPDATE ${LEAF_TABLES[source].table} SET anchor_receipt = NULL WHERE batch_id = ANY($1::uuid[])`, [batchIds]);
      }
      await db.query(`UPDATE issued_credentials SET state = 'issued' WHERE batch_id = ANY($1::uuid[])`, [batchIds]);
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
}

export interface CredentialAnchorState {
  jwt: string;
  state: 'issued' | 'anchored';
  receipt: AnchorReceipt | null;
  /** The hash of the receipt's block when the worker confirmed it: the chain must still have that block. */
  blockHash: string | null;
}

/** Public reads by credential id or by leaf: the random id and the leaf are the capability. */
@Injectable()
export class AnchorReceiptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byCredentialId(id: string): Promise<CredentialAnchorState | null> {
    return this.one(`c.id = $1`, id);
  }

  async byLeaf(signedHash: string): Promise<CredentialAnchorState | null> {
    return this.one(`c.signed_hash = $1`, signedHash.toLowerCase());
  }

  private async one(where: string, parameter: string): Promise<CredentialAnchorState | null> {
    const rows: { jwt: string; state: 'issued' | 'anchored'; anchor_receipt: AnchorReceipt | null; block_hash: string | null }[] = await this.dataSource.query(
      `SELECT c.jwt, c.state, c.anchor_receipt, b.block_hash FROM issued_credentials c LEFT JOIN anchor_batches b ON b.id = c.batch_id WHERE ${where}`,
      [parameter],
    );
    return rows.length ? { jwt: rows[0].jwt, state: rows[0].state, receipt: rows[0].anchor_receipt, blockHash: rows[0].block_hash } : null;
  }
}
