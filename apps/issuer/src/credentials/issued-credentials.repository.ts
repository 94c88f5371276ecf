import { Injectable } from '@nestjs/common';
import type { CredentialKind, SignedBytes, SignedCredentialFormat } from '#schemas';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/unit-of-work.js';

/** The source name anchoring knows an issued credential's leaf by; its source id is the credential's id. */
export const CREDENTIAL_LEAF_SOURCE = 'credential';

/** What the issuer keeps about each credential it signed. */
export interface IssuedCredentialRecord {
  /** The credential's own `id`: a random `urn:uuid:`, or the URI a VC-API client gave it. Unique across institutions. */
  id: string;
  institutionId: string;
  /** Null for a credential of none of our kinds (VC-API). */
  kind: CredentialKind | null;
  issuedAt: Date;
  /** The signed credential's format and its exact signed bytes, as returned to the institution. */
  signed: SignedBytes;
  /** For a credential delivered to a wallet: the issued credential it was derived from. */
  derivedFrom?: string;
}

interface IssuedCredentialRow {
  id: string;
  institution_id: string;
  kind: CredentialKind | null;
  issued_at: Date;
  format: SignedCredentialFormat;
  signed_bytes: string;
  derived_from: string | null;
}

const COLUMNS = 'id, institution_id, kind, issued_at, format, signed_bytes, derived_from';

const toRecord = (row: IssuedCredentialRow): IssuedCredentialRecord => ({
  id: row.id,
  institutionId: row.institution_id,
  kind: row.kind,
  issuedAt: row.issued_at,
  signed: { format: row.format, bytes: row.signed_bytes },
  ...(row.derived_from ? { derivedFrom: row.derived_from } : {}),
});

/**
 * The `issued_credentials` table. Every query on behalf of an institution is scoped by it; only the
 * public lookup by the credential's random id, which is the capability, is not.
 */
@Injectable()
export class IssuedCredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a credential; false when one with its id is stored already. */
  async insert(tx: Transaction, credential: IssuedCredentialRecord): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO issued_credentials (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        credential.id,
        credential.institutionId,
        credential.kind,
        credential.issuedAt,
        credential.signed.format,
        credential.signed.bytes,
        credential.derivedFrom ?? null,
      ],
    );
    return rows.length === 1;
  }

  /** Whether any institution's credential has this id. */
  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM issued_credentials WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async findOne(institutionId: string, id: string): Promise<IssuedCredentialRecord | null> {
    const rows: IssuedCredentialRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM issued_credentials WHERE institution_id = $1 AND id = $2`,
      [institutionId, id],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  /** Any institution's credential: for what is public by the credential's id, such as its anchored package. */
  async findPublic(id: string): Promise<IssuedCredentialRecord | null> {
    const rows: IssuedCredentialRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM issued_credentials WHERE id = $1`, [id]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  /**
   * The other credentials of this one's family: the credential it was derived from and every one
   * derived from that (wallets' copies of one issuance), within the institution.
   */
  async family(institutionId: string, id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH root AS (SELECT COALESCE(derived_from, id) AS id FROM issued_credentials WHERE institution_id = $1 AND id = $2)
       SELECT c.id FROM issued_credentials c, root
        WHERE c.institution_id = $1 AND (c.id = root.id OR c.derived_from = root.id) AND c.id <> $2
        ORDER BY c.issued_at, c.id`,
      [institutionId, id],
    );
    return rows.map((row) => row.id);
  }

  /** Newest first, a page at a time. */
  async list(institutionId: string, limit: number, offset: number): Promise<IssuedCredentialRecord[]> {
    const rows: IssuedCredentialRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM issued_credentials WHERE institution_id = $1 ORDER BY issued_at DESC, id LIMIT $2 OFFSET $3`,
      [institutionId, limit, offset],
    );
    return rows.map(toRecord);
  }
}
