import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIssuedCredentials1764000000001 implements MigrationInterface {
  name = 'CreateIssuedCredentials1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE issued_credentials (
        id text PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        kind text NOT NULL CHECK (kind IN ('course', 'certificate', 'credit')),
        issued_at timestamptz NOT NULL,
        jwt text NOT NULL,
        signed_hash text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('issued'))
      )`);
    // Institutions list their own credentials newest first.
    await db.query(`CREATE INDEX issued_credentials_institution_issued_at ON issued_credentials (institution_id, issued_at DESC, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE issued_credentials`);
  }
}
