import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AnchorLeaves1764000000005 implements MigrationInterface {
  name = 'AnchorLeaves1764000000005';

  async up(db: QueryRunner): Promise<void> {
    // Anchoring's own queue: what each feature that signs something asked it to anchor (its kind of
    // source, the source's id, the hash of the signed bytes), in the order asked, and then where the
    // leaf went (its batch and index) and its receipt once the batch is confirmed. A new kind of
    // signed document is one more `source`, not a change to anchoring.
    await db.query(`
      CREATE TABLE anchor_leaves (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        source_id text NOT NULL,
        signed_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        batch_id uuid REFERENCES anchor_batches (id),
        leaf_index integer,
        receipt jsonb,
        UNIQUE (source, source_id),
        UNIQUE (batch_id, leaf_index),
        CHECK ((batch_id IS NULL) = (leaf_index IS NULL)),
        CHECK (receipt IS NULL OR batch_id IS NOT NULL)
      )`);
    // The worker takes the oldest leaves not yet in a batch; receipts are looked up by leaf.
    await db.query(`CREATE INDEX anchor_leaves_pending ON anchor_leaves (created_at, id) WHERE batch_id IS NULL`);
    await db.query(`CREATE INDEX anchor_leaves_signed_hash ON anchor_leaves (signed_hash)`);
    // Every leaf so far, from the two tables that held their own anchoring columns, in the order the
    // worker took them (oldest first, then by the source's id), so pending leaves keep their turn.
    await db.query(`
      INSERT INTO anchor_leaves (source, source_id, signed_hash, created_at, batch_id, leaf_index, receipt)
      SELECT source, source_id, signed_hash, created_at, batch_id, leaf_index, receipt FROM (
        SELECT 'credential' AS source, id AS source_id, signed_hash, issued_at AS created_at, batch_id, leaf_index, anchor_receipt AS receipt
        FROM issued_credentials
        UNION ALL
        SELECT 'status-list-version', id::text, signed_hash, published_at, batch_id, leaf_index, anchor_receipt
        FROM status_list_versions
      ) leaves ORDER BY created_at, source_id`);
    // A credential's state was its receipt's presence: anchoring now answers both. Its signed hash is
    // the leaf's; a status list version keeps its own, which is its ETag.
    await db.query(`
      ALTER TABLE issued_credentials
        DROP COLUMN batch_id,
        DROP COLUMN leaf_index,
        DROP COLUMN anchor_receipt,
        DROP COLUMN state,
        DROP COLUMN signed_hash`);
    await db.query(`ALTER TABLE status_list_versions DROP COLUMN batch_id, DROP COLUMN leaf_index, DROP COLUMN anchor_receipt`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE issued_credentials
        ADD COLUMN signed_hash text,
        ADD COLUMN state text NOT NULL DEFAULT 'issued' CONSTRAINT issued_credentials_state_check CHECK (state IN ('issued', 'anchored')),
        ADD COLUMN batch_id uuid REFERENCES anchor_batches (id),
        ADD COLUMN leaf_index integer,
        ADD COLUMN anchor_receipt jsonb`);
    await db.query(`
      UPDATE issued_credentials c
      SET signed_hash = l.signed_hash, state = CASE WHEN l.receipt IS NULL THEN 'issued' ELSE 'anchored' END,
          batch_id = l.batch_id, leaf_index = l.leaf_index, anchor_receipt = l.receipt
      FROM anchor_leaves l WHERE l.source = 'credential' AND l.source_id = c.id`);
    await db.query(`
      ALTER TABLE issued_credentials
        ALTER COLUMN signed_hash SET NOT NULL,
        ADD CONSTRAINT issued_credentials_signed_hash_key UNIQUE (signed_hash),
        ALTER COLUMN state DROP DEFAULT`);
    await db.query(`CREATE INDEX issued_credentials_pending ON issued_credentials (issued_at) WHERE batch_id IS NULL`);
    await db.query(`CREATE INDEX issued_credentials_batch ON issued_credentials (batch_id, leaf_index)`);
    await db.query(`
      ALTER TABLE status_list_versions
        ADD COLUMN batch_id uuid REFERENCES anchor_batches (id),
        ADD COLUMN leaf_index integer,
        ADD COLUMN anchor_receipt jsonb`);
    await db.query(`
      UPDATE status_list_versions v SET batch_id = l.batch_id, leaf_index = l.leaf_index, anchor_receipt = l.receipt
      FROM anchor_leaves l WHERE l.source = 'status-list-version' AND l.source_id = v.id::text`);
    await db.query(`CREATE INDEX status_list_versions_pending ON status_list_versions (published_at) WHERE batch_id IS NULL`);
    await db.query(`CREATE INDEX status_list_versions_batch ON status_list_versions (batch_id, leaf_index)`);
    await db.query(`DROP TABLE anchor_leaves`);
  }
}
