import { Injectable } from '@nestjs/common';
import type { SignedBytes, SignedCredentialFormat } from '#schemas';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';

/** The source name anchoring knows a published version's leaf by; its source id is the version's id. */
export const STATUS_LIST_VERSION_LEAF_SOURCE = 'status-list-version';

export interface PublishedVersion {
  /** The version's own id, random: what anchoring knows it by. */
  id: string;
  version: number;
  /** The signed status list credential's format and exact bytes. */
  signed: SignedBytes;
  /** The hash of the signed bytes: its anchoring leaf, and its ETag. */
  signedHash: string;
  publishedAt: Date;
}

interface VersionRow {
  id: string;
  version: number;
  format: SignedCredentialFormat;
  signed_bytes: string;
  signed_hash: string;
  published_at: Date;
}

const COLUMNS = 'id, version, format, signed_bytes, signed_hash, published_at';

const toVersion = (row: VersionRow): PublishedVersion => ({
  id: row.id,
  version: row.version,
  signed: { format: row.format, bytes: row.signed_bytes },
  signedHash: row.signed_hash,
  publishedAt: row.published_at,
});

/**
 * The `status_list_versions` table: every published version of every list, kept, so what a list
 * said at any time can be proven against the chain. Public, as the lists are.
 */
@Injectable()
export class StatusListVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    tx: Transaction,
    version: { id: string; listId: string; version: number; signed: SignedBytes; signedHash: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO status_list_versions (id, list_id, version, format, signed_bytes, signed_hash, published_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [version.id, version.listId, version.version, version.signed.format, version.signed.bytes, version.signedHash],
    );
  }

  /** A page of the list's versions, newest first. */
  async page(listId: string, page: { limit: number; offset: number }): Promise<PublishedVersion[]> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM status_list_versions WHERE list_id = $1 ORDER BY version DESC LIMIT $2 OFFSET $3`,
      [listId, page.limit, page.offset],
    );
    return rows.map(toVersion);
  }

  async find(listId: string, version: number): Promise<PublishedVersion | null> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM status_list_versions WHERE list_id = $1 AND version = $2`,
      [listId, version],
    );
    return rows.length ? toVersion(rows[0]) : null;
  }

  /** The list's latest version: the one it is served as. A list and its version move in one transaction, so the highest is the current. */
  async latest(listId: string): Promise<PublishedVersion | null> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM status_list_versions WHERE list_id = $1 ORDER BY version DESC LIMIT 1`,
      [listId],
    );
    return rows.length ? toVersion(rows[0]) : null;
  }
}
