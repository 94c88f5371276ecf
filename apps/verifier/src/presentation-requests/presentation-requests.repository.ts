import type { DataSource } from 'typeorm';
import {
  type PresentationRequestRecord,
  type PresentationRequestResult,
  type PresentationRequestStore,
  RESULT_RETENTION_MS,
} from './presentation-request-store.js';

interface Row {
  id: string;
  transaction_id: string;
  nonce: string;
  query: PresentationRequestRecord['query'];
  result: PresentationRequestResult | null;
  created_at: Date;
  expires_at: Date;
  answered_at: Date | null;
}

const COLUMNS = 'id, transaction_id, nonce, query, result, created_at, expires_at, answered_at';

function recordOf(row: Row): PresentationRequestRecord {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    nonce: row.nonce,
    query: row.query,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.result && row.answered_at ? { answer: { answeredAt: row.answered_at, result: row.result } } : {}),
  };
}

/**
 * The `verifier_presentation_requests` table: requests every verifier instance sees. A request is
 * answered by one conditional UPDATE, so of two answers reaching two instances at once only one is kept.
 */
export class PresentationRequestsRepository implements PresentationRequestStore {
  constructor(private readonly db: DataSource) {}

  async create(record: PresentationRequestRecord): Promise<void> {
    // Forgetting old requests here keeps the table to a week of them without a scheduler.
    await this.db.query(`DELETE FROM verifier_presentation_requests WHERE expires_at < $1`, [new Date(Date.now() - RESULT_RETENTION_MS)]);
    await this.db.query(
      `INSERT INTO verifier_presentation_requests (id, transaction_id, nonce, query, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.id, record.transactionId, record.nonce, JSON.stringify(record.query), record.createdAt, record.expiresAt],
    );
  }

  async byId(id: string): Promise<PresentationRequestRecord | undefined> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM verifier_presentation_requests WHERE id = $1`, [id]);
    return rows[0] && recordOf(rows[0]);
  }

  async byTransaction(transactionId: string): Promise<PresentationRequestRecord | undefined> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM verifier_presentation_requests WHERE transaction_id = $1`, [
      transactionId,
    ]);
    return rows[0] && recordOf(rows[0]);
  }

  async answer(id: string, result: PresentationRequestResult, answeredAt: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, count]: [unknown[], number] = await this.db.query(
      `UPDATE verifier_presentation_requests SET state = 'answered', result = $2, answered_at = $3
       WHERE id = $1 AND state = 'pending' AND expires_at > $3`,
      [id, JSON.stringify(result), answeredAt],
    );
    return count === 1;
  }
}
