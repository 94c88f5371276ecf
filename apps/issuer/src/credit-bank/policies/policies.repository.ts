import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export interface PolicyRecord {
  id: string;
  allianceId: string;
  /** The receiving institution that proposed it: the only one that changes it. */
  institutionId: string;
  programmeId: string;
  createdAt: Date;
}

interface Row {
  id: string;
  alliance_id: string;
  institution_id: string;
  programme_id: string;
  created_at: Date;
}

const rowToRecord = (row: Row): PolicyRecord => ({
  id: row.id,
  allianceId: row.alliance_id,
  institutionId: row.institution_id,
  programmeId: row.programme_id,
  createdAt: row.created_at,
});

/** The `policies` table: one per alliance, receiving institution and programme. */
@Injectable()
export class PoliciesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the alliance has a policy of this institution for the programme already. */
  async insert(tx: Transaction, policy: Omit<PolicyRecord, 'createdAt'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO policies (id, alliance_id, institution_id, programme_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (alliance_id, institution_id, programme_id) DO NOTHING RETURNING id`,
      [policy.id, policy.allianceId, policy.institutionId, policy.programmeId],
    );
    return rows.length === 1;
  }

  async find(id: string): Promise<PolicyRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM policies WHERE id = $1`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async findByProgramme(allianceId: string, institutionId: string, programmeId: string): Promise<PolicyRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM policies WHERE alliance_id = $1 AND institution_id = $2 AND programme_id = $3`,
      [allianceId, institutionId, programmeId],
    );
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /** Holds the policy while a new version is numbered, so two proposals cannot take the same number. */
  async lock(tx: Transaction, id: string): Promise<void> {
    await tx.query(`SELECT id FROM policies WHERE id = $1 FOR UPDATE`, [id]);
  }

  async listInAlliance(allianceId: string): Promise<PolicyRecord[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM policies WHERE alliance_id = $1 ORDER BY created_at, id`, [allianceId]);
    return rows.map(rowToRecord);
  }
}
