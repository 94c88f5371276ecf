import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IndexAnchoringLookups1764000000004 implements MigrationInterface {
  name = 'IndexAnchoringLookups1764000000004';

  async up(db: QueryRunner): Promise<void> {
    // Every anchoring step compares the confirmed batches of the last blocks with the chain (reorgs),
    // and looks up which transactions of ours hold the nonces the chain has not mined yet.
    await db.query(`CREATE INDEX anchor_batches_confirmed_block ON anchor_batches (block_number) WHERE status = 'confirmed'`);
    await db.query(`CREATE INDEX anchor_transactions_nonce ON anchor_transactions (nonce)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX anchor_transactions_nonce`);
    await db.query(`DROP INDEX anchor_batches_confirmed_block`);
  }
}
