import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Vcdm2Credentials1764000000008 implements MigrationInterface {
  name = 'Vcdm2Credentials1764000000008';

  async up(db: QueryRunner): Promise<void> {
    // A VCDM 2.0 credential names one credentialStatus: an entry in its institution's `message`
    // list, two bits per credential (0 valid, 1 suspended, 2 revoked), beside the 1-bit revocation
    // and suspension lists that VCDM 1.1 credentials keep naming. Each set gains its message list
    // when it is next used; its `entries` counts credentials, so its bits are twice as many.
    await db.query(`ALTER TABLE status_lists DROP CONSTRAINT status_lists_purpose_check`);
    await db.query(
      `ALTER TABLE status_lists ADD CONSTRAINT status_lists_purpose_check CHECK (purpose IN ('revocation', 'suspension', 'message'))`,
    );
    // Which lists a credential's status entry names: both 1-bit lists, or the message list.
    await db.query(
      `ALTER TABLE credential_statuses ADD COLUMN status_entry text NOT NULL DEFAULT 'two-lists'
       CONSTRAINT credential_statuses_status_entry_check CHECK (status_entry IN ('two-lists', 'message'))`,
    );
    await db.query(`ALTER TABLE credential_statuses ALTER COLUMN status_entry DROP DEFAULT`);
    // The VC-API signs any well-formed credential, not only the three kinds: those have no kind.
    await db.query(`ALTER TABLE issued_credentials ALTER COLUMN kind DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    const [{ others }] = await db.query(
      `SELECT (SELECT count(*) FROM issued_credentials WHERE kind IS NULL) + (SELECT count(*) FROM credential_statuses WHERE status_entry = 'message')
       + (SELECT count(*) FROM status_lists WHERE purpose = 'message') AS others`,
    );
    if (Number(others) > 0)
      throw new Error(`${others} rows hold VCDM 2.0 status or credentials of no kind; the previous schema cannot hold them`);
    await db.query(`ALTER TABLE issued_credentials ALTER COLUMN kind SET NOT NULL`);
    await db.query(`ALTER TABLE credential_statuses DROP COLUMN status_entry`);
    await db.query(`ALTER TABLE status_lists DROP CONSTRAINT status_lists_purpose_check`);
    await db.query(`ALTER TABLE status_lists ADD CONSTRAINT status_lists_purpose_check CHECK (purpose IN ('revocation', 'suspension'))`);
  }
}
