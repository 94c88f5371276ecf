import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AnchoringRepair1764000000004 implements MigrationInterface {
  name = 'AnchoringRepair1764000000004';

  async up(db: QueryRunner): Promise<void> {
    // Every anchoring step compares the confirmed batches of the last blocks with the chain (reorgs),
    // and looks up which transactions of ours hold the nonces the chain has not mined yet.
    await db.query(`CREATE INDEX anchor_batches_confirmed_block ON anchor_batches (block_number) WHERE status = 'confirmed'`);
    await db.query(`CREATE INDEX anchor_transactions_nonce ON anchor_transactions (nonce)`);
    // When the signed bytes were last handed to the node: a transaction sent again after a reorg or a
    // drop is stuck only if it stays unmined that long after, not since it was first signed.
    await db.query(`ALTER TABLE anchor_transactions ADD COLUMN last_sent_at timestamptz`);
    await db.query(`UPDATE anchor_transactions SET last_sent_at = created_at`);
    await db.query(`ALTER TABLE anchor_transactions ALTER COLUMN last_sent_at SET NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE anchor_transactions DROP COLUMN last_sent_at`);
    await db.query(`DROP INDEX anchor_transactions_nonce`);
    await db.query(`DROP INDEX anchor_batches_confirmed_block`);
  }
}
