import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecognitionCredentialsOnDecisions1764000000013 implements MigrationInterface {
  name = 'RecognitionCredentialsOnDecisions1764000000013';

  async up(db: QueryRunner): Promise<void> {
    // A recognised decision's recognition credential. Its id is reserved in the transaction that
    // recognises the decision and issued after it commits (issuance opens transactions of its own), so
    // a retry issues under the same id and never twice; `issued_at` says the issuance went through,
    // `revoked_at` that a reversal revoked it (the recheck job revokes what a reversal left unrevoked).
    await db.query(`
      ALTER TABLE recognition_decisions
        ADD COLUMN recognition_credential_id text UNIQUE,
        ADD COLUMN recognition_credential_issued_at timestamptz,
        ADD COLUMN recognition_credential_revoked_at timestamptz`);
    await db.query(`
      CREATE INDEX recognition_decisions_credentials_to_revoke ON recognition_decisions (id)
        WHERE state = 'withdrawn' AND recognition_credential_issued_at IS NOT NULL AND recognition_credential_revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX recognition_decisions_credentials_to_revoke`);
    await db.query(`
      ALTER TABLE recognition_decisions
        DROP COLUMN recognition_credential_id,
        DROP COLUMN recognition_credential_issued_at,
        DROP COLUMN recognition_credential_revoked_at`);
  }
}
