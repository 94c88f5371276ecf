import { Injectable } from '@nestjs/common';
import type { SignedCredentialFormat } from '#schemas';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';
import type { DepositState } from '../rules/recognition-input.js';
import type { CredentialFacts } from './deposit-facts.js';

/** One verified source credential in an account: as presented, the facts read from it, and its verification then. */
export interface DepositRecord extends Omit<CredentialFacts, 'completedAt' | 'hashedIdentifiers'> {
  id: string;
  accountId: string;
  institutionId: string;
  /** `digestMultibase` of the exact signed bytes presented. */
  digest: string;
  format: SignedCredentialFormat;
  /** The signed bytes: the compact JWS, or the JCS form of a Data Integrity credential. */
  bytes: string;
  issuer: string;
  /** When the learning was completed: the credential's date, or the deposit's when it states none. */
  completedAt: Date;
  /** The verification report at deposit time. */
  verification: Record<string, unknown>;
  state: DepositState;
  depositedAt: Date;
}

interface Row {
  id: string;
  account_id: string;
  institution_id: string;
  digest: string;
  credential_id: string | null;
  format: SignedCredentialFormat;
  bytes: string;
  issuer: string;
  achievement_id: string | null;
  achievement_code: string | null;
  achievement_name: string | null;
  kind: string;
  credits: string | null;
  credit_framework: string | null;
  eqf_level: number | null;
  field: string | null;
  grade_scale: string | null;
  grade_value: string | null;
  completed_at: Date;
  contact_hours: string | null;
  verification: Record<string, unknown>;
  state: DepositState;
  deposited_at: Date;
}

const rowToRecord = (row: Row): DepositRecord => ({
  id: row.id,
  accountId: row.account_id,
  institutionId: row.institution_id,
  digest: row.digest,
  credentialId: row.credential_id,
  format: row.format,
  bytes: row.bytes,
  issuer: row.issuer,
  achievementId: row.achievement_id,
  achievementCode: row.achievement_code,
  achievementName: row.achievement_name,
  kind: row.kind,
  credits: row.credits !== null && row.credit_framework !== null ? { value: Number(row.credits), framework: row.credit_framework } : null,
  eqfLevel: row.eqf_level,
  field: row.field,
  grade: row.grade_scale !== null && row.grade_value !== null ? { scale: row.grade_scale, value: row.grade_value } : null,
  completedAt: row.completed_at,
  contactHours: row.contact_hours === null ? null : Number(row.contact_hours),
  verification: row.verification,
  state: row.state,
  depositedAt: row.deposited_at,
});

/** The `deposits` table. Reads for an institution are scoped by it; only `state` ever changes. */
@Injectable()
export class DepositsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the account holds a credential with this digest already (nothing is written then). */
  async insert(tx: Transaction, deposit: Omit<DepositRecord, 'depositedAt' | 'state'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO deposits (id, account_id, institution_id, digest, credential_id, format, bytes, issuer, achievement_id,
         achievement_code, achievement_name, kind, credits, credit_framework, eqf_level, field, grade_scale, grade_value,
         completed_at, contact_hours, verification, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 'active')
       ON CONFLICT (account_id, digest) DO NOTHING RETURNING id`,
      [
        deposit.id,
        deposit.accountId,
        deposit.institutionId,
        deposit.digest,
        deposit.credentialId,
        deposit.format,
        deposit.bytes,
        deposit.issuer,
        deposit.achievementId,
        deposit.achievementCode,
        deposit.achievementName,
        deposit.kind,
        deposit.credits?.value ?? null,
        deposit.credits?.framework ?? null,
        deposit.eqfLevel,
        deposit.field,
        deposit.grade?.scale ?? null,
        deposit.grade?.value ?? null,
        deposit.completedAt,
        deposit.contactHours,
        JSON.stringify(deposit.verification),
      ],
    );
    return rows.length === 1;
  }

  /** The digests among these that the account holds already. */
  async heldDigests(accountId: string, digests: string[]): Promise<string[]> {
    const rows: { digest: string }[] = await this.dataSource.query(
      `SELECT digest FROM deposits WHERE account_id = $1 AND digest = ANY($2::text[])`,
      [accountId, digests],
    );
    return rows.map((row) => row.digest);
  }

  async listOf(accountId: string): Promise<DepositRecord[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM deposits WHERE account_id = $1 ORDER BY deposited_at, id`, [accountId]);
    return rows.map(rowToRecord);
  }

  /** Up to `limit` active deposits after `afterId`, in id order: the pages the job that checks them again walks. */
  async activeBatch(afterId: string | undefined, limit: number): Promise<DepositRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM deposits WHERE state = 'active' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId ?? null, limit],
    );
    return rows.map(rowToRecord);
  }

  /** Marks an active deposit as revoked at its source; false when it was not active any more. */
  async markRevoked(tx: Transaction, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [unknown[], number] = await tx.query(
      `UPDATE deposits SET state = 'revoked' WHERE id = $1 AND state = 'active' RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }
}
