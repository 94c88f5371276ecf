import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditBankPolicies1764000000011 implements MigrationInterface {
  name = 'CreditBankPolicies1764000000011';

  async up(db: QueryRunner): Promise<void> {
    // An alliance of institutions (some of them authorities) that approves recognition policies:
    // k of its n members must approve a version before it is published.
    await db.query(`
      CREATE TABLE alliances (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        required_approvals integer NOT NULL CHECK (required_approvals BETWEEN 1 AND 100),
        founder_id uuid NOT NULL REFERENCES institutions (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // Each member approves with a DID of its own choosing (a key its registrar holds), not one the
    // service holds for it: an approval the service could sign for the member would prove nothing.
    await db.query(`
      CREATE TABLE alliance_members (
        alliance_id uuid NOT NULL REFERENCES alliances (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        role text NOT NULL CHECK (role IN ('institution', 'authority')),
        approver_did text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (alliance_id, institution_id)
      )`);
    await db.query(`CREATE INDEX alliance_members_institution ON alliance_members (institution_id)`);
    // Approvals are public; two members with one approver DID could count one signature twice.
    await db.query(`CREATE UNIQUE INDEX alliance_members_approver ON alliance_members (alliance_id, approver_did)`);
    // A receiving institution's policy for one of its programmes, within one alliance.
    await db.query(`
      CREATE TABLE policies (
        id uuid PRIMARY KEY,
        alliance_id uuid NOT NULL REFERENCES alliances (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        programme_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (alliance_id, institution_id, programme_id)
      )`);
    // A version is proposed, may be replaced while proposed (its digest changes, so approvals of the
    // old text no longer count), and is frozen once published: the trigger below refuses any change
    // to a published row, whatever code path tries.
    await db.query(`
      CREATE TABLE policy_versions (
        id uuid PRIMARY KEY,
        policy_id uuid NOT NULL REFERENCES policies (id),
        version integer NOT NULL CHECK (version >= 1),
        document jsonb NOT NULL,
        digest text NOT NULL,
        state text NOT NULL CHECK (state IN ('proposed', 'published')),
        proposed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz,
        publication_format text,
        publication_bytes text,
        CHECK ((state = 'published') = (published_at IS NOT NULL AND publication_bytes IS NOT NULL)),
        UNIQUE (policy_id, version)
      )`);
    await db.query(`
      CREATE FUNCTION policy_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state = 'published' THEN
          RAISE EXCEPTION 'policy version % is published and cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER policy_versions_frozen BEFORE UPDATE OR DELETE ON policy_versions
      FOR EACH ROW EXECUTE FUNCTION policy_versions_frozen()`);
    // One approval per member per text: the JWS the member's DID signed over the version's digest.
    await db.query(`
      CREATE TABLE policy_approvals (
        policy_version_id uuid NOT NULL REFERENCES policy_versions (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        digest text NOT NULL,
        approver_did text NOT NULL,
        approval text NOT NULL,
        approved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (policy_version_id, institution_id, digest)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE policy_approvals`);
    await db.query(`DROP TABLE policy_versions`);
    await db.query(`DROP FUNCTION policy_versions_frozen`);
    await db.query(`DROP TABLE policies`);
    await db.query(`DROP TABLE alliance_members`);
    await db.query(`DROP TABLE alliances`);
  }
}
