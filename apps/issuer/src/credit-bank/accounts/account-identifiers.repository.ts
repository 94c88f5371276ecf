import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export type IdentifierKind = 'holder-did' | 'hashed-identifier';

export interface AccountIdentifier {
  kind: IdentifierKind;
  value: string;
  firstSeenAt: Date;
}

/** The `credit_account_identifiers` table: the learner's identifiers an account has seen. */
@Injectable()
export class AccountIdentifiersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(tx: Transaction, accountId: string, identifiers: { kind: IdentifierKind; value: string }[]): Promise<void> {
    for (const { kind, value } of identifiers)
      await tx.query(`INSERT INTO credit_account_identifiers (account_id, kind, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        accountId,
        kind,
        value,
      ]);
  }

  async listOf(accountId: string): Promise<AccountIdentifier[]> {
    const rows: { kind: IdentifierKind; value: string; first_seen_at: Date }[] = await this.dataSource.query(
      `SELECT kind, value, first_seen_at FROM credit_account_identifiers WHERE account_id = $1 ORDER BY first_seen_at, kind, value`,
      [accountId],
    );
    return rows.map((row) => ({ kind: row.kind, value: row.value, firstSeenAt: row.first_seen_at }));
  }
}
