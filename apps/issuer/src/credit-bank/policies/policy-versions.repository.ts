import { Injectable } from '@nestjs/common';
import type { RecognitionPolicy, SignedBytes, SignedCredentialFormat } from '#schemas';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

/** What anchoring calls a published policy version's leaf. */
export const POLICY_VERSION_LEAF_SOURCE = 'policy-version';

export type PolicyVersionState = 'proposed' | 'published';

export interface PolicyVersionRecord {
  id: string;
  policyId: string;
  version: number;
  document: RecognitionPolicy;
  /** `digestMultibase` of the document's JCS form: what members approve and the publication cites. */
  digest: string;
  state: PolicyVersionState;
  proposedAt: Date;
  publishedAt: Date | null;
  /** The publication the receiving institution signed, once published. */
  publication: SignedBytes | null;
}

interface Row {
  id: string;
  policy_id: string;
  version: number;
  document: RecognitionPolicy;
  digest: string;
  state: PolicyVersionState;
  proposed_at: Date;
  published_at: Date | null;
  publication_format: SignedCredentialFormat | null;
  publication_bytes: string | null;
}

const rowToRecord = (row: Row): PolicyVersionRecord => ({
  id: row.id,
  policyId: row.policy_id,
  version: row.version,
  document: row.document,
  digest: row.digest,
  state: row.state,
  proposedAt: row.proposed_at,
  publishedAt: row.published_at,
  publication: row.publication_format && row.publication_bytes ? { format: row.publication_format, bytes: row.publication_bytes } : null,
});

/**
 * The `policy_versions` table. A version's text changes only while it is proposed; publishing
 * freezes it (a trigger refuses any later change, whatever writes).
 */
@Injectable()
export class PolicyVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Transaction, version: Pick<PolicyVersionRecord, 'id' | 'policyId' | 'version' | 'document' | 'digest'>): Promise<void> {
    await tx.query(
      `INSERT INTO policy_versions (id, policy_id, version, document, digest, state) VALUES ($1, $2, $3, $4, $5, 'proposed')`,
      [version.id, version.policyId, version.version, JSON.stringify(version.document), version.digest],
    );
  }

  /** The number the policy's next version takes; call with the policy locked. */
  async nextNumber(tx: Transaction, policyId: string): Promise<number> {
    const rows: { next: number }[] = await tx.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM policy_versions WHERE policy_id = $1`,
      [policyId],
    );
    return rows[0].next;
  }

  async find(policyId: string, version: number): Promise<PolicyVersionRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM policy_versions WHERE policy_id = $1 AND version = $2`, [
      policyId,
      version,
    ]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /** The version, held until the transaction ends: approvals and changes of one version go one at a time. */
  async lock(tx: Transaction, policyId: string, version: number): Promise<PolicyVersionRecord | null> {
    const rows: Row[] = await tx.query(`SELECT * FROM policy_versions WHERE policy_id = $1 AND version = $2 FOR UPDATE`, [
      policyId,
      version,
    ]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async listOf(policyIds: string[]): Promise<PolicyVersionRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM policy_versions WHERE policy_id = ANY($1::uuid[]) ORDER BY policy_id, version`,
      [policyIds],
    );
    return rows.map(rowToRecord);
  }

  /** Replaces a proposed version's text; a published one stays as it is (the caller holds the row and checked). */
  async replace(tx: Transaction, id: string, document: RecognitionPolicy, digest: string): Promise<void> {
    await tx.query(`UPDATE policy_versions SET document = $2, digest = $3 WHERE id = $1 AND state = 'proposed'`, [
      id,
      JSON.stringify(document),
      digest,
    ]);
  }

  async publish(tx: Transaction, id: string, publication: SignedBytes): Promise<void> {
    await tx.query(
      `UPDATE policy_versions SET state = 'published', published_at = clock_timestamp(), publication_format = $2, publication_bytes = $3
       WHERE id = $1 AND state = 'proposed'`,
      [id, publication.format, publication.bytes],
    );
  }
}
