import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';

export type WebKeyCurve = 'Ed25519' | 'P-256';
export const WEB_KEY_CURVES: readonly WebKeyCurve[] = ['Ed25519', 'P-256'];

/** A key of an institution's did:web: its Veramo key id (the key store holds it, encrypted) and its public key. */
export interface WebKeyRecord {
  kid: string;
  institutionId: string;
  curve: WebKeyCurve;
  publicKeyMultibase: string;
  createdAt: Date;
  retiredAt: Date | null;
}

interface WebKeyRow {
  kid: string;
  institution_id: string;
  curve: WebKeyCurve;
  public_key_multibase: string;
  created_at: Date;
  retired_at: Date | null;
}

const COLUMNS = 'kid, institution_id, curve, public_key_multibase, created_at, retired_at';

const toRecord = (row: WebKeyRow): WebKeyRecord => ({
  kid: row.kid,
  institutionId: row.institution_id,
  curve: row.curve,
  publicKeyMultibase: row.public_key_multibase,
  createdAt: row.created_at,
  retiredAt: row.retired_at,
});

/** The `institution_web_keys` table: which keys each institution's did:web has had, and which sign now. */
@Injectable()
export class InstitutionWebKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every key of the institution's did:web, oldest first. */
  async all(institutionId: string): Promise<WebKeyRecord[]> {
    const rows: WebKeyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM institution_web_keys WHERE institution_id = $1 ORDER BY created_at, kid`,
      [institutionId],
    );
    return rows.map(toRecord);
  }

  async current(institutionId: string, curve: WebKeyCurve): Promise<WebKeyRecord | null> {
    const rows: WebKeyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM institution_web_keys WHERE institution_id = $1 AND curve = $2 AND retired_at IS NULL`,
      [institutionId, curve],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  /** Institutions with no current key of some curve: created before did:web, or interrupted while creating them. */
  async institutionsMissingKeys(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT i.id FROM institutions i WHERE (SELECT count(*) FROM institution_web_keys k
         WHERE k.institution_id = i.id AND k.retired_at IS NULL) < $1 ORDER BY i.created_at, i.id`,
      [WEB_KEY_CURVES.length],
    );
    return rows.map((row) => row.id);
  }

  /** Records a new current key; false when the institution has a current one of that curve already. */
  async insertCurrent(tx: Transaction, key: { kid: string; institutionId: string; curve: WebKeyCurve; publicKeyMultibase: string }) {
    const rows: unknown[] = await tx.query(
      `INSERT INTO institution_web_keys (kid, institution_id, curve, public_key_multibase) VALUES ($1, $2, $3, $4)
       ON CONFLICT (institution_id, curve) WHERE retired_at IS NULL DO NOTHING RETURNING kid`,
      [key.kid, key.institutionId, key.curve, key.publicKeyMultibase],
    );
    return rows.length === 1;
  }

  /** Retires the current key of a curve, if it is still `kid`; false when another rotation retired it first. */
  async retire(tx: Transaction, institutionId: string, curve: WebKeyCurve, kid: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(
      `UPDATE institution_web_keys SET retired_at = clock_timestamp()
       WHERE institution_id = $1 AND curve = $2 AND kid = $3 AND retired_at IS NULL RETURNING kid`,
      [institutionId, curve, kid],
    );
    return rows.length === 1;
  }
}
