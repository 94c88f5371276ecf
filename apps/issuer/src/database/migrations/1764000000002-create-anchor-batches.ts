import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAnchorBatches1764000000002 implements MigrationInterface {
  name = 'CreateAnchorBatches1764000000002';

  async up(db: QueryRunner): Promise<void> {
    // A batch's status is its state machine: built (root and tree stored, nothing sent), submitted
    // (a signed transaction stored, then sent), confirmed (mined with the configured depth).
    await db.query(`
      CREATE TABLE anchor_batches (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('built', 'submitted', 'confirmed')),
        root text NOT NULL UNIQUE,
        leaf_count integer NOT NULL CHECK (leaf_count > 0),
        tree_dump jsonb NOT NULL,
        chain_id integer NOT NULL,
        contract text NOT NULL,
        created_at timestamptz NOT NULL,
        tx_hash text,
        block_number bigint,
        block_hash text,
        anchored_at timestamptz,
        confirmed_at timestamptz
      )`);
    await db.query(`CREATE INDEX anchor_batches_open ON anchor_batches (created_at) WHERE status <> 'confirmed'`);
    // Every transaction signed for a batch, recorded before it is sent: a replacement (same nonce,
    // higher fee) adds a row, so after a crash every hash that might be mined is known.
    await db.query(`
      CREATE TABLE anchor_transactions (
        hash text PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES anchor_batches (id),
        nonce bigint NOT NULL,
        raw text NOT NULL,
        max_fee_per_gas numeric NOT NULL,
        max_priority_fee_per_gas numeric NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX anchor_transactions_batch ON anchor_transactions (batch_id, created_at)`);
    await db.query(`
      ALTER TABLE issued_credentials
        ADD COLUMN batch_id uuid REFERENCES anchor_batches (id),
        ADD COLUMN leaf_index integer,
        ADD COLUMN anchor_receipt jsonb,
        DROP CONSTRAINT issued_credentials_state_check,
        ADD CONSTRAINT issued_credentials_state_check CHECK (state IN ('issued', 'anchored'))`);
    // The worker takes the oldest credentials not yet in a batch.
    await db.query(`CREATE INDEX issued_credentials_pending ON issued_credentials (issued_at) WHERE batch_id IS NULL`);
    await db.query(`CREATE INDEX issued_credentials_batch ON issued_credentials (batch_id, leaf_index)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX issued_credentials_batch`);
    await db.query(`DROP INDEX issued_credentials_pending`);
    await db.query(`
      ALTER TABLE issued_credentials
        DROP CONSTRAINT issued_credentials_state_check,
        ADD CONSTRAINT issued_credentials_state_check CHECK (state IN ('issued')),
        DROP COLUMN anchor_receipt,
        DROP COLUMN leaf_index,
        DROP COLUMN batch_id`);
    await db.query(`DROP TABLE anchor_transactions`);
    await db.query(`DROP TABLE anchor_batches`);
  }
}
