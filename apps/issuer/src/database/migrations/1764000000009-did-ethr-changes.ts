import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DidEthrChanges1764000000009 implements MigrationInterface {
  name = 'DidEthrChanges1764000000009';

  async up(db: QueryRunner): Promise<void> {
    // Changes to institutions' did:ethr on the ERC-1056 registry, signed by the DID's owner key and
    // sent (and paid for) by the instance holding the funded anchoring key: the attribute naming the
    // did:web, and owner changes (key rotation). A queue: each change is `pending` until the chain
    // shows it (`done`); `sent` records the last transaction; one that keeps failing is `failed`.
    await db.query(`
      CREATE TABLE did_ethr_changes (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        did text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('also-known-as', 'change-owner')),
        value text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        tx_hash text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        done_at timestamptz
      )`);
    await db.query(`CREATE INDEX did_ethr_changes_open ON did_ethr_changes (created_at) WHERE state IN ('pending', 'sent')`);
    await db.query(`CREATE INDEX did_ethr_changes_institution ON did_ethr_changes (institution_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE did_ethr_changes`);
  }
}
