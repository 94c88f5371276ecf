import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInstitutions1764000000000 implements MigrationInterface {
  name = 'CreateInstitutions1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE institutions (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        url text NOT NULL,
        image_url text,
        did text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        prefix text NOT NULL UNIQUE,
        secret_hash bytea NOT NULL,
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX api_keys_institution ON api_keys (institution_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_keys`);
    await db.query(`DROP TABLE institutions`);
  }
}
