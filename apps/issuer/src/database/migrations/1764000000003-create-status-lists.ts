import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStatusLists1764000000003 implements MigrationInterface {
  name = 'CreateStatusLists1764000000003';

  async up(db: QueryRunner): Promise<void> {
    // An institution's lists come in sets, one list per purpose with the same number: a credential
    // holds the same index in each. `bits` is the current bitstring; `changes` counts the changes
    // applied to it, `published_changes` those that `version`, the latest published, includes. A list
    // is created with its version 1, so it is served from the moment a credential can name it.
    await db.query(`
      CREATE TABLE status_lists (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        purpose text NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
        list_number integer NOT NULL CHECK (list_number >= 0),
        entries integer NOT NULL CHECK (entries >= 131072 AND entries % 8 = 0),
        bits bytea NOT NULL,
        changes integer NOT NULL DEFAULT 0,
        published_changes integer NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, purpose, list_number)
      )`);
    // One row per credential with a status: the unique index is what makes a random index never
    // handed out twice, however many issuances race for it.
    await db.query(`
      CREATE TABLE credential_statuses (
        credential_id text PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        list_number integer NOT NULL,
        status_index integer NOT NULL CHECK (status_index >= 0),
        revoked_at timestamptz,
        suspended boolean NOT NULL DEFAULT false,
        UNIQUE (institution_id, list_number, status_index)
      )`);
    // Who changed what and why. The reason stays here: lists publish bits, never reasons.
    await db.query(`
      CREATE TABLE status_changes (
        id bigserial PRIMARY KEY,
        credential_id text NOT NULL REFERENCES credential_statuses (credential_id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        status text NOT NULL CHECK (status IN ('revoked', 'suspended', 'unsuspended')),
        reason text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX status_changes_credential ON status_changes (credential_id, changed_at)`);
    // Every published version, kept: its signed hash is a leaf of the next anchoring batch, so what
    // a list said at any time can be proven against the chain. The hash is not unique: a list back in
    // an earlier state within the same second signs to the same bytes (ES256K here is deterministic).
    await db.query(`
      CREATE TABLE status_list_versions (
        id uuid PRIMARY KEY,
        list_id uuid NOT NULL REFERENCES status_lists (id),
        version integer NOT NULL CHECK (version > 0),
        jwt text NOT NULL,
        signed_hash text NOT NULL,
        published_at timestamptz NOT NULL,
        batch_id uuid REFERENCES anchor_batches (id),
        leaf_index integer,
        anchor_receipt jsonb,
        UNIQUE (list_id, version)
      )`);
    await db.query(`CREATE INDEX status_list_versions_pending ON status_list_versions (published_at) WHERE batch_id IS NULL`);
    await db.query(`CREATE INDEX status_list_versions_batch ON status_list_versions (batch_id, leaf_index)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE status_list_versions`);
    await db.query(`DROP TABLE status_changes`);
    await db.query(`DROP TABLE credential_statuses`);
    await db.query(`DROP TABLE status_lists`);
  }
}
