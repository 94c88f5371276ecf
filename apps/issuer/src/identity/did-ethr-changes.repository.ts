import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** `also-known-as`: the attribute naming the did:web (value: the did:web); `change-owner`: a rotation (value: the new key's Veramo id). */
export type DidEthrChangeKind = 'also-known-as' | 'change-owner';
export type DidEthrChangeState = 'pending' | 'sent' | 'done' | 'failed';

export interface DidEthrChange {
  id: string;
  institutionId: string;
  did: string;
  kind: DidEthrChangeKind;
  value: string;
  state: DidEthrChangeState;
  attempts: number;
  txHash: string | null;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

interface ChangeRow {
  id: string;
  institution_id: string;
  did: string;
  kind: DidEthrChangeKind;
  value: string;
  state: DidEthrChangeState;
  attempts: number;
  tx_hash: string | null;
  last_error: string | null;
  created_at: Date;
  done_at: Date | null;
}

const COLUMNS = 'id, institution_id, did, kind, value, state, attempts, tx_hash, last_error, created_at, done_at';

const toChange = (row: ChangeRow): DidEthrChange => ({
  id: row.id,
  institutionId: row.institution_id,
  did: row.did,
  kind: row.kind,
  value: row.value,
  state: row.state,
  attempts: row.attempts,
  txHash: row.tx_hash,
  lastError: row.last_error,
  createdAt: row.created_at,
  doneAt: row.done_at,
});

/** The `did_ethr_changes` table: the queue of relayed changes to institutions' did:ethr, in the order asked. */
@Injectable()
export class DidEthrChangesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(change: { institutionId: string; did: string; kind: DidEthrChangeKind; value: string }): Promise<DidEthrChange> {
    const [row]: ChangeRow[] = await this.dataSource.query(
      `INSERT INTO did_ethr_changes (id, institution_id, did, kind, value) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), change.institutionId, change.did, change.kind, change.value],
    );
    return toChange(row);
  }

  /** The oldest change not done yet: changes of one DID apply in the order they were asked for. */
  async nextOpen(): Promise<DidEthrChange | null> {
    const rows: ChangeRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM did_ethr_changes WHERE state IN ('pending', 'sent') ORDER BY created_at, id LIMIT 1`,
    );
    return rows.length ? toChange(rows[0]) : null;
  }

  async ofInstitution(institutionId: string): Promise<DidEthrChange[]> {
    const rows: ChangeRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM did_ethr_changes WHERE institution_id = $1 ORDER BY created_at, id`,
      [institutionId],
    );
    return rows.map(toChange);
  }

  /** Institutions whose did:ethr has never been asked to name their did:web (created before the link existed). */
  async institutionsWithoutLink(): Promise<{ id: string; did: string; slug: string }[]> {
    return this.dataSource.query(
      `SELECT i.id, i.did, i.slug FROM institutions i WHERE NOT EXISTS
         (SELECT 1 FROM did_ethr_changes c WHERE c.institution_id = i.id AND c.kind = 'also-known-as') ORDER BY i.created_at, i.id`,
    );
  }

  async markSent(id: string, txHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE did_ethr_changes SET state = 'sent', tx_hash = $2, attempts = attempts + 1 WHERE id = $1`, [
      id,
      txHash,
    ]);
  }

  async markDone(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE did_ethr_changes SET state = 'done', done_at = clock_timestamp(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /** A try that did not take: `failed` for good once `failed` is true, else pending again for the next step. */
  async markFailedTry(id: string, error: string, failed: boolean): Promise<void> {
    await this.dataSource.query(`UPDATE did_ethr_changes SET state = $3, last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 1000),
      failed ? 'failed' : 'pending',
    ]);
  }
}
