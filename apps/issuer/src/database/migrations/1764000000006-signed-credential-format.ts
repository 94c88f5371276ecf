import type { MigrationInterface, QueryRunner } from 'typeorm';

const FORMATS = `('vc-jwt', 'vc+jwt', 'ldp_vc', 'dc+sd-jwt')`;

export class SignedCredentialFormat1764000000006 implements MigrationInterface {
  name = 'SignedCredentialFormat1764000000006';

  async up(db: QueryRunner): Promise<void> {
    // A signed credential is a format and its exact signed bytes, not a JWT: what was stored so far
    // is all VC-JWT (VCDM 1.1), credentials and status lists alike. Anchoring keeps each leaf's
    // format too, which its receipt names along with how the leaf was computed from the bytes.
    for (const table of ['issued_credentials', 'status_list_versions']) {
      await db.query(`ALTER TABLE ${table} RENAME COLUMN jwt TO signed_bytes`);
      await db.query(
        `ALTER TABLE ${table} ADD COLUMN format text NOT NULL DEFAULT 'vc-jwt' CONSTRAINT ${table}_format_check CHECK (format IN ${FORMATS})`,
      );
      await db.query(`ALTER TABLE ${table} ALTER COLUMN format DROP DEFAULT`);
    }
    await db.query(
      `ALTER TABLE anchor_leaves ADD COLUMN format text NOT NULL DEFAULT 'vc-jwt' CONSTRAINT anchor_leaves_format_check CHECK (format IN ${FORMATS})`,
    );
    await db.query(`ALTER TABLE anchor_leaves ALTER COLUMN format DROP DEFAULT`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Only VC-JWTs fit the old columns; anything else stops the way back rather than be misread as one.
    for (const table of ['issued_credentials', 'status_list_versions', 'anchor_leaves']) {
      const [{ others }] = await db.query(`SELECT count(*)::int AS others FROM ${table} WHERE format <> 'vc-jwt'`);
      if (others > 0)
        throw new Error(`${table} holds ${others} signed documents that are not VC-JWTs; the previous schema cannot hold them`);
    }
    await db.query(`ALTER TABLE anchor_leaves DROP COLUMN format`);
    for (const table of ['issued_credentials', 'status_list_versions']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN format`);
      await db.query(`ALTER TABLE ${table} RENAME COLUMN signed_bytes TO jwt`);
    }
  }
}
