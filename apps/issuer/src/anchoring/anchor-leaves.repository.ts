import { Injectable } from '@nestjs/common';
import { type AnchorReceipt, signedHashOf } from '#anchoring';
import type { SignedBytes, SignedCredentialFormat } from '#schemas';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';

/**
 * What a leaf anchors, named by the feature that signed it: its kind of document (`credential`,
 * `status-list-version`, …) and that document's id there. Anchoring knows no more of it.
 */
export interface LeafSource {
  source: string;
  sourceId: string;
}

/** A document to anchor: its leaf is computed from its exact signed bytes by its format's rule. */
export interface NewLeaf extends LeafSource {
  signed: SignedBytes;
}

export interface PendingLeaf extends LeafSource {
  id: string;
  format: SignedCredentialFormat;
  signedHash: string;
  createdAt: Date;
}

/** A leaf's place in its batch, and its receipt once the batch is confirmed. */
export interface PlacedLeaf {
  batchId: string | null;
  receipt: AnchorReceipt | null;
}

interface PendingRow {
  id: string;
  source: string;
  source_id: string;
  format: SignedCredentialFormat;
  signed_hash: string;
  created_at: Date;
}

/**
 * The `anchor_leaves` table, anchoring's queue: features that sign something enqueue its leaf in the
 * transaction that stores it; the worker takes leaves in order, places them in a batch and stores
 * their receipts. Public reads by source id or by leaf: a random id and a leaf are the capability.
 */
@Injectable()
export class AnchorLeavesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Asks for the document's leaf to be anchored, as part of the caller's transaction. */
  async enqueue(tx: Transaction, leaf: NewLeaf): Promise<void> {
    await tx.query(`INSERT INTO anchor_leaves (source, source_id, format, signed_hash, created_at) VALUES ($1, $2, $3, $4, now())`, [
      leaf.source,
      leaf.sourceId,
      leaf.signed.format,
      signedHashOf(leaf.signed),
    ]);
  }

  /** The oldest leaves not yet in a batch. */
  async pending(limit: number): Promise<PendingLeaf[]> {
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT id, source, source_id, format, signed_hash, created_at FROM anchor_leaves WHERE batch_id IS NULL ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      sourceId: row.source_id,
      format: row.format,
      signedHash: row.signed_hash,
      createdAt: row.created_at,
    }));
  }

  /** Places the leaves in a batch at their positions in `leafIds`; how many were still pending. */
  async place(tx: Transaction, batchId: string, leafIds: string[]): Promise<number> {
    const [, placed]: [unknown[], number] = await tx.query(
      `UPDATE anchor_leaves l SET batch_id = $1, leaf_index = p.index - 1
       FROM unnest($2::bigint[]) WITH ORDINALITY AS p(id, index)
       WHERE l.id = p.id AND l.batch_id IS NULL`,
      [batchId, leafIds],
    );
    return placed;
  }

  /** The formats of the batch's leaves, in leaf order: what their receipts name. */
  async formatsOf(batchId: string): Promise<SignedCredentialFormat[]> {
    const rows: { format: SignedCredentialFormat }[] = await this.dataSource.query(
      `SELECT format FROM anchor_leaves WHERE batch_id = $1 ORDER BY leaf_index`,
      [batchId],
    );
    return rows.map((row) => row.format);
  }

  /** Stores each leaf's receipt, given in leaf order. */
  async storeReceipts(tx: Transaction, batchId: string, receipts: AnchorReceipt[]): Promise<void> {
    await tx.query(
      `UPDATE anchor_leaves l SET receipt = r.receipt
       FROM unnest($2::jsonb[]) WITH ORDINALITY AS r(receipt, index)
       WHERE l.batch_id = $1 AND l.leaf_index = r.index - 1`,
      [batchId, receipts.map((receipt) => JSON.stringify(receipt))],
    );
  }

  /** A reorg took the batches' block away: their leaves have no receipt until they are anchored again. */
  async withdrawReceipts(tx: Transaction, batchIds: string[]): Promise<void> {
    await tx.query(`UPDATE anchor_leaves SET receipt = NULL WHERE batch_id = ANY($1::uuid[])`, [batchIds]);
  }

  async find(source: string, sourceId: string): Promise<PlacedLeaf | null> {
    return this.one(`source = $1 AND source_id = $2`, [source, sourceId]);
  }

  async findByLeaf(source: string, signedHash: string): Promise<PlacedLeaf | null> {
    return this.one(`source = $1 AND signed_hash = $2`, [source, signedHash.toLowerCase()]);
  }

  /** The stored receipts of these documents of one source, by the document's id; those not anchored have none. */
  async receipts(source: string, sourceIds: string[]): Promise<Map<string, AnchorReceipt>> {
    const rows: { source_id: string; receipt: AnchorReceipt }[] = await this.dataSource.query(
      `SELECT source_id, receipt FROM anchor_leaves WHERE source = $1 AND source_id = ANY($2::text[]) AND receipt IS NOT NULL`,
      [source, sourceIds],
    );
    return new Map(rows.map((row) => [row.source_id, row.receipt]));
  }

  private async one(where: string, parameters: string[]): Promise<PlacedLeaf | null> {
    const rows: { batch_id: string | null; receipt: AnchorReceipt | null }[] = await this.dataSource.query(
      `SELECT batch_id, receipt FROM anchor_leaves WHERE ${where}`,
      parameters,
    );
    return rows.length ? { batchId: rows[0].batch_id, receipt: rows[0].receipt } : null;
  }
}
