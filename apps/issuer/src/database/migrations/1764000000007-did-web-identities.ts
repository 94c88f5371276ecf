import type { MigrationInterface, QueryRunner } from 'typeorm';
import { freeSlug, slugOf } from '../../institutions/institution-slug.js';

export class DidWebIdentities1764000000007 implements MigrationInterface {
  name = 'DidWebIdentities1764000000007';

  async up(db: QueryRunner): Promise<void> {
    // Each institution gets a did:web identity served by the issuer, named by a slug that never
    // changes (it is in every credential the did:web signs). Existing institutions get one from
    // their name, oldest first, so the first of two alike keeps the plain one.
    await db.query(`ALTER TABLE institutions ADD COLUMN slug text`);
    const rows: { id: string; name: string }[] = await db.query(`SELECT id, name FROM institutions ORDER BY created_at, id`);
    const taken = new Set<string>();
    for (const { id, name } of rows) {
      const slug = await freeSlug(slugOf(name), (candidate) => taken.has(candidate));
      taken.add(slug);
      await db.query(`UPDATE institutions SET slug = $2 WHERE id = $1`, [id, slug]);
    }
    await db.query(`ALTER TABLE institutions ALTER COLUMN slug SET NOT NULL`);
    await db.query(`ALTER TABLE institutions ADD CONSTRAINT institutions_slug_key UNIQUE (slug)`);
    await db.query(`ALTER TABLE institutions ADD CONSTRAINT institutions_slug_check CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')`);
    // The did:web's keys: an Ed25519 and a P-256 key per institution, held (encrypted) in Veramo's
    // key store under `kid`. A rotated key is retired, not deleted: the document keeps listing it so
    // that what it signed still verifies. One current key per curve.
    await db.query(`
      CREATE TABLE institution_web_keys (
        kid text PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        curve text NOT NULL CHECK (curve IN ('Ed25519', 'P-256')),
        public_key_multibase text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        retired_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX institution_web_keys_current ON institution_web_keys (institution_id, curve) WHERE retired_at IS NULL`,
    );
    await db.query(`CREATE INDEX institution_web_keys_institution ON institution_web_keys (institution_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE institution_web_keys`);
    await db.query(`ALTER TABLE institutions DROP COLUMN slug`);
  }
}
