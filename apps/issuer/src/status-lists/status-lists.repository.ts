import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';
import type { ListPurpose } from './list-purposes.js';

export interface StatusListRef {
  id: string;
  purpose: ListPurpose;
}

/** A list as it stands: its bits, the changes applied to them, and how many of those its latest version publishes. */
export interface StatusListState extends StatusListRef {
  bits: Buffer;
  changes: number;
  publishedChanges: number;
  version: number;
}

interface StatusListRow {
  id: string;
  purpose: ListPurpose;
  bits: Buffer;
  changes: number;
  published_changes: number;
  version: number;
}

/**
 * Postgres numbers a bytea's bits from the least significant bit of each byte; the Recommendation
 * numbers them from the most significant, so index 0 is Postgres bit 7.
 */
function postgresBitOf(index: number): number {
  return (index >> 3) * 8 + (7 - (index & 7));
}

/** The `status_lists` table: each list's bits and publication counters. Queries for an institution are scoped by it. */
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

  /** Creates a list at version 1; false when the institution has this purpose's list of that number already. */
  async insertIfAbsent(
    tx: Transaction,
    list: { id: string; institutionId: string; purpose: ListPurpose; listNumber: number; entries: number; bits: Buffer },
  ): Promise<boolean> {
    const created: unknown[] = await tx.query(
      `INSERT INTO status_lists (id, institution_id, purpose, list_number, entries, bits, published_changes, version)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 1)
       ON CONFLICT (institution_id, purpose, list_number) DO NOTHING RETURNING id`,
      [list.id, list.institutionId, list.purpose, list.listNumber, list.entries, list.bits],
    );
    return created.length === 1;
  }

  async listSet(institutionId: string, listNumber: number): Promise<StatusListRef[]> {
    return this.dataSource.query(`SELECT id, purpose FROM status_lists WHERE institution_id = $1 AND list_number = $2 ORDER BY purpose`, [
      institutionId,
      listNumber,
    ]);
  }

  /** The id of the institution's list of this purpose and number. */
  async idOf(tx: Transaction, institutionId: string, purpose: ListPurpose, listNumber: number): Promise<string> {
    const [list]: { id: string }[] = await tx.query(
      `SELECT id FROM status_lists WHERE institution_id = $1 AND purpose = $2 AND list_number = $3`,
      [institutionId, purpose, listNumber],
    );
    return list.id;
  }

  /**
   * Writes one credential's 2-bit value in the set's message list (its high bit first), counted as a
   * change to publish; the list's id.
   */
  async setMessage(tx: Transaction, institutionId: string, listNumber: number, index: number, value: number): Promise<string> {
    const [[list]]: [{ id: string }[], number] = await tx.query(
      `UPDATE status_lists SET bits = set_bit(set_bit(bits, $3, $4), $5, $6), changes = changes + 1
       WHERE institution_id = $1 AND purpose = 'message' AND list_number = $2 RETURNING id`,
      [institutionId, listNumber, postgresBitOf(2 * index), (value >> 1) & 1, postgresBitOf(2 * index + 1), value & 1],
    );
    return list.id;
  }

  /** Sets (`on`) or clears one credential's bit, counted as a change to publish; the list's id. */
  async setBit(
    tx: Transaction,
    institutionId: string,
    purpose: ListPurpose,
    listNumber: number,
    index: number,
    on: boolean,
  ): Promise<string> {
    const [[list]]: [{ id: string }[], number] = await tx.query(
      `UPDATE status_lists SET bits = set_bit(bits, $4, $5), changes = changes + 1
       WHERE institution_id = $1 AND purpose = $2 AND list_number = $3 RETURNING id`,
      [institutionId, purpose, listNumber, postgresBitOf(index), on ? 1 : 0],
    );
    return list.id;
  }

  async state(listId: string, institutionId: string): Promise<StatusListState> {
    const [row]: StatusListRow[] = await this.dataSource.query(
      `SELECT id, purpose, bits, changes, published_changes, version FROM status_lists WHERE id = $1 AND institution_id = $2`,
      [listId, institutionId],
    );
    return {
      id: row.id,
      purpose: row.purpose,
      bits: row.bits,
      changes: row.changes,
      publishedChanges: row.published_changes,
      version: row.version,
    };
  }

  /**
   * Moves the list to its next version, publishing `changes`, only if it is still at the version it
   * was read at (the guard between publishers); false when another publisher moved it first.
   */
  async advanceVersion(tx: Transaction, list: StatusListState): Promise<boolean> {
    const [claimed]: [unknown[], number] = await tx.query(
      `UPDATE status_lists SET version = $2, published_changes = $3 WHERE id = $1 AND version = $4 RETURNING id`,
      [list.id, list.version + 1, list.changes, list.version],
    );
    return claimed.length === 1;
  }

  /** Lists with changes no published version holds yet (a crash between a change and its publication). */
  async unpublished(): Promise<{ listId: string; institutionId: string }[]> {
    const rows: { id: string; institution_id: string }[] = await this.dataSource.query(
      `SELECT id, institution_id FROM status_lists WHERE changes <> published_changes ORDER BY created_at`,
    );
    return rows.map((row) => ({ listId: row.id, institutionId: row.institution_id }));
  }
}
