import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * An institution's API key as stored. Only a SHA-256 of its secret part is kept: the key is shown
 * once, at creation. The random 256-bit secret makes a slow hash unnecessary.
 */
export interface ApiKeyRecord {
  id: string;
  institutionId: string;
  /** Public, unique part of the key, used to find the row without scanning hashes. */
  prefix: string;
  secretHash: Buffer;
  label: string;
  createdAt: Date;
}

interface ApiKeyRow {
  id: string;
  institution_id: string;
  prefix: string;
  secret_hash: Buffer;
  label: string;
  created_at: Date;
}

/** The `api_keys` table. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(apiKey: ApiKeyRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO api_keys (id, institution_id, prefix, secret_hash, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [apiKey.id, apiKey.institutionId, apiKey.prefix, apiKey.secretHash, apiKey.label, apiKey.createdAt],
    );
  }

  /** The key with this public prefix, or null. */
  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT id, institution_id, prefix, secret_hash, label, created_at FROM api_keys WHERE prefix = $1`,
      [prefix],
    );
    if (!rows.length) return null;
    const [row] = rows;
    return {
      id: row.id,
      institutionId: row.institution_id,
      prefix: row.prefix,
      secretHash: row.secret_hash,
      label: row.label,
      createdAt: row.created_at,
    };
  }
}
