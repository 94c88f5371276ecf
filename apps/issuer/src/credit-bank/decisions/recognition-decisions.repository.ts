import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';
import type { RecognitionTarget } from '#schemas';
import type { Grade, ProposedDecision, Refusal } from '../rules/recognition-input.js';

/**
 * `proposed`: the engine proposes it, a registrar has not decided; `confirmed` or `edited` (with a
 * stated reason): recognised; `refused`: by the registrar, with a reason; `refused-by-rule`: the
 * engine's refusal, with its reason code; `withdrawn`: a recognition reversed after a dispute upheld it
 * (the engine proposes again).
 */
export type DecisionState = 'proposed' | 'confirmed' | 'edited' | 'refused' | 'refused-by-rule' | 'withdrawn';

export interface DecisionRecord {
  id: string;
  accountId: string;
  institutionId: string;
  policyId: string;
  policyVersion: number;
  programmeId: string;
  rule: string | null;
  cardinality: string | null;
  depositIds: string[];
  /** What the engine proposed, or its refusal, as it said it. */
  proposal: ProposedDecision | Refusal;
  state: DecisionState;
  /** What is recognised: the proposal's target, or the one a registrar gives when recognising what a rule refused. */
  target: RecognitionTarget | null;
  /** The credits and grade recognised: the proposal's, or the registrar's edit. */
  credits: number | null;
  framework: string | null;
  grade: Grade | null;
  reasonCode: string | null;
  reason: string | null;
  decidedAt: Date | null;
  appealDeadline: Date | null;
  proposedAt: Date;
  /** The recognition credential of a recognised decision: its id reserved with the recognition, then issued; revoked when reversed. */
  recognitionCredential: { id: string; issuedAt: Date | null; revokedAt: Date | null } | null;
}

interface Row {
  id: string;
  account_id: string;
  institution_id: string;
  policy_id: string;
  policy_version: number;
  programme_id: string;
  rule: string | null;
  cardinality: string | null;
  deposit_ids: string[];
  proposal: ProposedDecision | Refusal;
  state: DecisionState;
  target: RecognitionTarget | null;
  credits: string | null;
  framework: string | null;
  grade: Grade | null;
  reason_code: string | null;
  reason: string | null;
  decided_at: Date | null;
  appeal_deadline: Date | null;
  proposed_at: Date;
  recognition_credential_id: string | null;
  recognition_credential_issued_at: Date | null;
  recognition_credential_revoked_at: Date | null;
}

const rowToRecord = (row: Row): DecisionRecord => ({
  id: row.id,
  accountId: row.account_id,
  institutionId: row.institution_id,
  policyId: row.policy_id,
  policyVersion: row.policy_version,
  programmeId: row.programme_id,
  rule: row.rule,
  cardinality: row.cardinality,
  depositIds: row.deposit_ids,
  proposal: row.proposal,
  state: row.state,
  target: row.target,
  credits: row.credits === null ? null : Number(row.credits),
  framework: row.framework,
  grade: row.grade,
  reasonCode: row.reason_code,
  reason: row.reason,
  decidedAt: row.decided_at,
  appealDeadline: row.appeal_deadline,
  proposedAt: row.proposed_at,
  recognitionCredential:
    row.recognition_credential_id === null
      ? null
      : {
          id: row.recognition_credential_id,
          issuedAt: row.recognition_credential_issued_at,
          revokedAt: row.recognition_credential_revoked_at,
        },
});

export type NewDecision = Omit<DecisionRecord, 'decidedAt' | 'proposedAt' | 'recognitionCredential'>;

/** The `recognition_decisions` table. Every read is scoped by the receiving institution, or by the learner's account. */
@Injectable()
export class RecognitionDecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Transaction, decision: NewDecision): Promise<void> {
    await tx.query(
      `INSERT INTO recognition_decisions (id, account_id, institution_id, policy_id, policy_version, programme_id, rule, cardinality,
         deposit_ids, proposal, state, credits, framework, grade, reason_code, reason, appeal_deadline, target, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
         CASE WHEN $11 = 'proposed' THEN NULL ELSE clock_timestamp() END)`,
      [
        decision.id,
        decision.accountId,
        decision.institutionId,
        decision.policyId,
        decision.policyVersion,
        decision.programmeId,
        decision.rule,
        decision.cardinality,
        decision.depositIds,
        JSON.stringify(decision.proposal),
        decision.state,
        decision.credits,
        decision.framework,
        decision.grade === null ? null : JSON.stringify(decision.grade),
        decision.reasonCode,
        decision.reason,
        decision.appealDeadline,
        decision.target === null ? null : JSON.stringify(decision.target),
      ],
    );
  }

  /** Proposals of the account and programme nobody has decided yet, but those in `keep`: a new proposal run replaces them. */
  async withdrawUndecided(tx: Transaction, accountId: string, programmeId: string, keep: string[]): Promise<string[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE recognition_decisions SET state = 'withdrawn', decided_at = clock_timestamp(), reason = 'Replaced by a newer proposal.'
       WHERE account_id = $1 AND programme_id = $2 AND state IN ('proposed', 'refused-by-rule') AND NOT (id = ANY($3::uuid[]))
       RETURNING id`,
      [accountId, programmeId, keep],
    );
    return rows.map((row) => row.id);
  }

  async findOf(institutionId: string, id: string): Promise<DecisionRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM recognition_decisions WHERE id = $1 AND institution_id = $2`, [
      id,
      institutionId,
    ]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async findInAccount(accountId: string, id: string): Promise<DecisionRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM recognition_decisions WHERE id = $1 AND account_id = $2`, [
      id,
      accountId,
    ]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /** The decision, held until the transaction ends: one registrar or panel acts on it at a time. */
  async lock(tx: Transaction, id: string): Promise<DecisionRecord | null> {
    const rows: Row[] = await tx.query(`SELECT * FROM recognition_decisions WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async listOf(accountId: string): Promise<DecisionRecord[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM recognition_decisions WHERE account_id = $1 ORDER BY proposed_at, id`, [
      accountId,
    ]);
    return rows.map(rowToRecord);
  }

  async decide(
    tx: Transaction,
    id: string,
    outcome: Pick<DecisionRecord, 'state' | 'target' | 'credits' | 'grade' | 'reasonCode' | 'reason' | 'appealDeadline'>,
  ): Promise<void> {
    await tx.query(
      `UPDATE recognition_decisions SET state = $2, credits = $3, grade = $4, reason_code = $5, reason = $6, appeal_deadline = $7,
         target = $8, decided_at = clock_timestamp() WHERE id = $1`,
      [
        id,
        outcome.state,
        outcome.credits,
        outcome.grade === null ? null : JSON.stringify(outcome.grade),
        outcome.reasonCode,
        outcome.reason,
        outcome.appealDeadline,
        outcome.target === null ? null : JSON.stringify(outcome.target),
      ],
    );
  }

  /** Names the recognition credential a decision being recognised is to have, before it is issued. */
  async reserveCredential(tx: Transaction, id: string, credentialId: string): Promise<void> {
    await tx.query(`UPDATE recognition_decisions SET recognition_credential_id = $2 WHERE id = $1`, [id, credentialId]);
  }

  async markCredentialIssued(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE recognition_decisions SET recognition_credential_issued_at = clock_timestamp()
       WHERE id = $1 AND recognition_credential_issued_at IS NULL`,
      [id],
    );
  }

  /**
   * Reversed decisions whose issued recognition credential is not revoked yet: of every institution
   * (the recheck job's sweep), or the one given.
   */
  async credentialsToRevoke(limit: number, decisionId?: string): Promise<DecisionRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM recognition_decisions
       WHERE state = 'withdrawn' AND recognition_credential_issued_at IS NOT NULL AND recognition_credential_revoked_at IS NULL
         AND ($2::uuid IS NULL OR id = $2)
       ORDER BY id LIMIT $1`,
      [limit, decisionId ?? null],
    );
    return rows.map(rowToRecord);
  }

  async markCredentialRevoked(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE recognition_decisions SET recognition_credential_revoked_at = clock_timestamp()
       WHERE id = $1 AND recognition_credential_revoked_at IS NULL`,
      [id],
    );
  }
}
