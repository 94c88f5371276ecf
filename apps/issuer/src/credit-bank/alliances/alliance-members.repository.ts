import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export type MemberRole = 'institution' | 'authority';
export const MEMBER_ROLES: MemberRole[] = ['institution', 'authority'];

export interface AllianceMember {
  allianceId: string;
  institutionId: string;
  role: MemberRole;
  /** The DID that signs the member's approvals. */
  approverDid: string;
  addedAt: Date;
}

interface Row {
  alliance_id: string;
  institution_id: string;
  role: MemberRole;
  approver_did: string;
  added_at: Date;
}

const rowToMember = (row: Row): AllianceMember => ({
  allianceId: row.alliance_id,
  institutionId: row.institution_id,
  role: row.role,
  approverDid: row.approver_did,
  addedAt: row.added_at,
});

/** The `alliance_members` table: who belongs to which alliance, and so who sees it. */
@Injectable()
export class AllianceMembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `member` when the institution is a member already, `approver` when another member approves with that DID. */
  async insert(tx: Transaction, member: Omit<AllianceMember, 'addedAt'>): Promise<'added' | 'member' | 'approver'> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO alliance_members (alliance_id, institution_id, role, approver_did) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING institution_id`,
      [member.allianceId, member.institutionId, member.role, member.approverDid],
    );
    if (rows.length === 1) return 'added';
    const taken: unknown[] = await tx.query(`SELECT 1 FROM alliance_members WHERE alliance_id = $1 AND institution_id = $2`, [
      member.allianceId,
      member.institutionId,
    ]);
    return taken.length > 0 ? 'member' : 'approver';
  }

  async find(allianceId: string, institutionId: string): Promise<AllianceMember | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM alliance_members WHERE alliance_id = $1 AND institution_id = $2`, [
      allianceId,
      institutionId,
    ]);
    return rows[0] ? rowToMember(rows[0]) : null;
  }

  async list(allianceId: string): Promise<AllianceMember[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM alliance_members WHERE alliance_id = $1 ORDER BY added_at, institution_id`,
      [allianceId],
    );
    return rows.map(rowToMember);
  }

  async allianceIdsOf(institutionId: string): Promise<string[]> {
    const rows: { alliance_id: string }[] = await this.dataSource.query(
      `SELECT alliance_id FROM alliance_members WHERE institution_id = $1`,
      [institutionId],
    );
    return rows.map((row) => row.alliance_id);
  }
}
