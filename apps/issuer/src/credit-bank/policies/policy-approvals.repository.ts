import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export interface PolicyApproval {
  policyVersionId: string;
  institutionId: string;
  /** The text approved: a version's digest when the member signed. */
  digest: string;
  approverDid: string;
  /** The member's signed approval, a `vp+jwt`, kept as sent. */
  approval: string;
  approvedAt: Date;
}

interface Row {
  policy_version_id: string;
  institution_id: string;
  digest: string;
  approver_did: string;
  approval: string;
  approved_at: Date;
}

const rowToApproval = (row: Row): PolicyApproval => ({
  policyVersionId: row.policy_version_id,
  institutionId: row.institution_id,
  digest: row.digest,
  approverDid: row.approver_did,
  approval: row.approval,
  approvedAt: row.approved_at,
});

/** The `policy_approvals` table: append-only; an approval counts for the text (digest) it signed. */
@Injectable()
export class PolicyApprovalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the member approved this text already. */
  async insert(tx: Transaction, approval: Omit<PolicyApproval, 'approvedAt'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO policy_approvals (policy_version_id, institution_id, digest, approver_did, approval) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (policy_version_id, institution_id, digest) DO NOTHING RETURNING institution_id`,
      [approval.policyVersionId, approval.institutionId, approval.digest, approval.approverDid, approval.approval],
    );
    return rows.length === 1;
  }

  async count(tx: Transaction, policyVersionId: string, digest: string): Promise<number> {
    const rows: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM policy_approvals WHERE policy_version_id = $1 AND digest = $2`,
      [policyVersionId, digest],
    );
    return rows[0].n;
  }

  /** The approvals of these versions, each of the text it signed, oldest first. */
  async listOf(policyVersionIds: string[]): Promise<PolicyApproval[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM policy_approvals WHERE policy_version_id = ANY($1::uuid[]) ORDER BY approved_at, institution_id`,
      [policyVersionIds],
    );
    return rows.map(rowToApproval);
  }
}
