import { Injectable } from '@nestjs/common';
import type { AnchorReceipt } from '#anchoring';
import type { StatusPurpose } from '#schemas';
import { DataSource } from 'typeorm';
import { type CredentialStatusState, purposeOf, type RequestedStatus, type StatusTransition, transitionOf } from './status-transition.js';

export interface StatusListRef {
  id: string;
  purpose: StatusPurpose;
}

export type StatusChangeResult =
  | { found: false; issuedWithoutStatus: boolean }
  /** `listId`: the list of the requested status's purpose, changed or not. */
  | { found: true; transition: StatusTransition; state: CredentialStatusState; listId: string };

export interface PublishedVersion {
  version: number;
  jwt: string;
  signedHash: string;
  publishedAt: Date;
  anchorReceipt: AnchorReceipt | null;
}

interface VersionRow {
  version: number;
  jwt: string;
  signed_hash: string;
  published_at: Date;
  anchor_receipt: AnchorReceipt | null;
}

const toVersion = (row: VersionRow): PublishedVersion => ({
  version: row.version,
  jwt: row.jwt,
  signedHash: row.signed_hash,
  publishedAt: row.published_at,
  anchorReceipt: row.anchor_receipt,
});

/**
 * Postgres numbers a bytea's bits from the least significant bit of each byte; the Recommendation
 * numbers them from the most significant, so index 0 is Postgres bit 7.
 */
function postgresBitOf(index: number): number {
  return (index >> 3) * 8 + (7 - (index & 7));
}

/** Allocation, changes and published versions. Queries on behalf of an institution are scoped by it. */
@Injectable()
export class StatusListsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The institution's newest list set, where new credentials get their index; null before its first. */
  async currentListNumber(institutionId: string): Promise<number | null> {
    const [row]: { current: number | null }[] = await this.dataSource.query(
      `SELECT max(list_number) AS current FROM status_lists WHERE institution_id = $1`,
      [institutionId],
    );
    return row.current;
  }

  /** Claims one index for a credential; false when another credential holds it already. */
  async claimIndex(institutionId: string, credentialId: string, listNumber: number, index: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO credential_statuses (credential_id, institution_id, list_number, status_index) VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id, list_number, status_index) DO NOTHING RETURNING credential_id`,
      [credentialId, institutionId, listNumber, index],
    );
    return rows.length === 1;
  }

  /** Frees the index of a credential that was never issued; it has no status changes to keep. */
  async releaseIndex(institutionId: string, credentialId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM credential_statuses WHERE institution_id = $1 AND credential_id = $2`, [institutionId, credentialId]);
  }

  async listSet(institutionId: string, listNumber: number): Promise<StatusListRef[]> {
    return this.dataSource.query(`SELECT id, purpose FROM status_lists WHERE institution_id = $1 AND list_number = $2 ORDER BY purpose`, [
      institutionId,
      listNumber,
    ]);
  }

  /**
   * Applies a requested status in one transaction: the credential's row (locked), the audit record
   * and the list's bit move together, or not at all.
   */
  async applyChange(institutionId: string, credentialId: string, requested: RequestedStatus, reason: string): Promise<StatusChangeResult> {
    return this.dataSource.transaction(async (db) => {
      const [entry]: { list_number: number; status_index: number; revoked: boolean; suspended: boolean }[] = await db.query(
        `SELECT list_number, status_index, revoked_at IS NOT NULL AS revoked, suspended FROM credential_statuses
         WHERE credential_id = $1 AND institution_id = $2 FOR UPDATE`,
        [credentialId, institutionId],
      );
      if (!entry) {
        const issued: unknown[] = await db.query(`SELECT 1 FROM issued_credentials WHERE id = $1 AND institution_id = $2`, [credentialId, institutionId]);
        return { found: false, issuedWithoutStatus: issued.length > 0 };
      }
      const state = { revoked: entry.revoked, suspended: entry.suspended };
      const transition = transitionOf(state, requested);
      if (transition.kind !== 'change') {
        const [list]: { id: string }[] = await db.query(`SELECT id FROM status_lists WHERE institution_id = $1 AND purpose = $2 AND list_number = $3`, [
          institutionId,
          purposeOf(requested),
          entry.list_number,
        ]);
        return { found: true, transition, state, listId: list.id };
      }
      await db.query(
        `UPDATE credential_statuses SET revoked_at = CASE WHEN $2 THEN now() ELSE revoked_at END, suspended = $3 WHERE credential_id = $1`,
        [credentialId, transition.next.revoked && !state.revoked, transition.next.suspended],
      );
      await db.query(`INSERT INTO status_changes (credential_id, institution_id, status, reason) VALUES ($1, $2, $3, $4)`, [
        credentialId,
        institutionId,
        requested,
        reason,
      ]);
      const [[list]]: [{ id: string }[], number] = await db.query(
        `UPDATE status_lists SET bits = set_bit(bits, $4, $5), changes = changes + 1
         WHERE institution_id = $1 AND purpose = $2 AND list_number = $3 RETURNING id`,
        [institutionId, transition.purpose, entry.list_number, postgresBitOf(entry.status_index), transition.on ? 1 : 0],
      );
      return { found: true, transition, state: transition.next, listId: list.id };
    });
  }

  /** Lists with changes no published version holds yet (a crash between a change and its publication). */
  async unpublished(): Promise<{ listId: string; institutionId: string }[]> {
    const rows: { id: string; institution_id: string }[] = await this.dataSource.query(
      `SELECT id, institution_id FROM status_lists WHERE changes <> published_changes ORDER BY created_at`,
    );
    return rows.map((row) => ({ listId: row.id, institutionId: row.institution_id }));
  }

  /** A page of the list's published versions, newest first; public, as the lists are. */
  async versions(listId: string, page: { limit: number; offset: number }): Promise<PublishedVersion[]> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT version, jwt, signed_hash, published_at, anchor_receipt FROM status_list_versions
       WHERE list_id = $1 ORDER BY version DESC LIMIT $2 OFFSET $3`,
      [listId, page.limit, page.offset],
    );
    return rows.map(toVersion);
  }

  async version(listId: string, version: number): Promise<PublishedVersion | null> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT version, jwt, signed_hash, published_at, anchor_receipt FROM status_list_versions WHERE list_id = $1 AND version = $2`,
      [listId, version],
    );
    return rows.length ? toVersion(rows[0]) : null;
  }

  async latestVersion(listId: string): Promise<PublishedVersion | null> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT v.version, v.jwt, v.signed_hash, v.published_at, v.anchor_receipt FROM status_lists l
       JOIN status_list_versions v ON v.list_id = l.id AND v.version = l.version WHERE l.id = $1`,
      [listId],
    );
    return rows.length ? toVersion(rows[0]) : null;
  }
}
