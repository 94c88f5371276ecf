import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export interface AllianceRecord {
  id: string;
  name: string;
  requiredApprovals: number;
  founderId: string;
  createdAt: Date;
}

interface Row {
  id: string;
  name: string;
  required_approvals: number;
  founder_id: string;
  created_at: Date;
}

const rowToRecord = (row: Row): AllianceRecord => ({
  id: row.id,
  name: row.name,
  requiredApprovals: row.required_approvals,
  founderId: row.founder_id,
  createdAt: row.created_at,
});

/** The `alliances` table. Who may read an alliance is its members' table's to say; the service asks it first. */
@Injectable()
export class AlliancesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Transaction, alliance: Omit<AllianceRecord, 'createdAt'>): Promise<void> {
    await tx.query(`INSERT INTO alliances (id, name, required_approvals, founder_id) VALUES ($1, $2, $3, $4)`, [
      alliance.id,
      alliance.name,
      alliance.requiredApprovals,
      alliance.founderId,
    ]);
  }

  async find(id: string): Promise<AllianceRecord | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM alliances WHERE id = $1`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async findMany(ids: string[]): Promise<AllianceRecord[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM alliances WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`, [ids]);
    return rows.map(rowToRecord);
  }
}
