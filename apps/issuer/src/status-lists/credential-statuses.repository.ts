import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';
import type { StatusEntryKind } from './list-purposes.js';
import type { CredentialStatusState } from './status-transition.js';

/** Where a credential's bits are (which lists of which set, at which index), and what they say now. */
export interface CredentialStatusEntry extends CredentialStatusState {
  listNumber: number;
  statusIndex: number;
  statusEntry: StatusEntryKind;
}

/**
 * The `credential_statuses` table: one row per credential with a status. Its unique index is what
 * makes a random index never handed out twice, however many issuances race for it.
 */
@Injectable()
export class CredentialStatusesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether no credential holds the index now: one that looks free may still be claimed first by another. */
  async looksFree(institutionId: string, listNumber: number, index: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM credential_statuses WHERE institution_id = $1 AND list_number = $2 AND status_index = $3`,
      [institutionId, listNumber, index],
    );
    return rows.length === 0;
  }

  /** Claims one index for a credential, as part of the transaction that stores it; false when another credential holds it already. */
  async claim(
    tx: Transaction,
    institutionId: string,
    credentialId: string,
    slot: { listNumber: number; index: number; statusEntry: StatusEntryKind },
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO credential_statuses (credential_id, institution_id, list_number, status_index, status_entry) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (institution_id, list_number, status_index) DO NOTHING RETURNING credential_id`,
      [credentialId, institutionId, slot.listNumber, slot.index, slot.statusEntry],
    );
    return rows.length === 1;
  }

  /** What the credential's status says now; null when it has none. */
  async state(institutionId: string, credentialId: string): Promise<CredentialStatusState | null> {
    const rows: CredentialStatusState[] = await this.dataSource.query(
      `SELECT revoked_at IS NOT NULL AS revoked, suspended FROM credential_statuses WHERE credential_id = $1 AND institution_id = $2`,
      [credentialId, institutionId],
    );
    return rows.length ? { revoked: rows[0].revoked, suspended: rows[0].suspended } : null;
  }

  /** The credential's entry, locked until the transaction ends; null when it has none. */
  async lock(tx: Transaction, institutionId: string, credentialId: string): Promise<CredentialStatusEntry | null> {
    const rows: { list_number: number; status_index: number; status_entry: StatusEntryKind; revoked: boolean; suspended: boolean }[] =
      await tx.query(
        `SELECT list_number, status_index, status_entry, revoked_at IS NOT NULL AS revoked, suspended FROM credential_statuses
       WHERE credential_id = $1 AND institution_id = $2 FOR UPDATE`,
        [credentialId, institutionId],
      );
    if (!rows.length) return null;
    const [row] = rows;
    return {
      listNumber: row.list_number,
      statusIndex: row.status_index,
      statusEntry: row.status_entry,
      revoked: row.revoked,
      suspended: row.suspended,
    };
  }

  /** Records the credential's new state; a revocation keeps the time it first happened. */
  async update(tx: Transaction, credentialId: string, next: CredentialStatusState): Promise<void> {
    await tx.query(
      `UPDATE credential_statuses SET revoked_at = CASE WHEN $2 AND revoked_at IS NULL THEN now() ELSE revoked_at END, suspended = $3 WHERE credential_id = $1`,
      [credentialId, next.revoked, next.suspended],
    );
  }
}
