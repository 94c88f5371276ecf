import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditBankAccounts1764000000012 implements MigrationInterface {
  name = 'CreditBankAccounts1764000000012';

  async up(db: QueryRunner): Promise<void> {
    // Single-use challenges a learner's presentation answers. One to open an account names the receiving
    // institution and alliance (its registrar asked for it); one for an account names the account.
    await db.query(`
      CREATE TABLE credit_challenges (
        challenge text PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        alliance_id uuid NOT NULL REFERENCES alliances (id),
        account_id uuid,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    // A learner's account at a receiving institution, within one alliance: the alliance's members are
    // the issuers whose credentials it takes, its published policies what it is recognised by.
    await db.query(`
      CREATE TABLE credit_accounts (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        alliance_id uuid NOT NULL REFERENCES alliances (id),
        holder_did text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (institution_id, alliance_id, holder_did)
      )`);
    // What the account has seen of the learner: the holder DID that signs, and the hashed identifiers
    // (salted email or student number hashes) of credentials that name their subject so.
    await db.query(`
      CREATE TABLE credit_account_identifiers (
        account_id uuid NOT NULL REFERENCES credit_accounts (id),
        kind text NOT NULL CHECK (kind IN ('holder-did', 'hashed-identifier')),
        value text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (account_id, kind, value)
      )`);
    // One verified source credential, as presented (its exact signed bytes and their digest: the same
    // credential is never deposited twice in an account), the facts the rules match on, and the
    // verification report at deposit time. Only `state` changes, and the ledger says when and why.
    await db.query(`
      CREATE TABLE deposits (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES credit_accounts (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        digest text NOT NULL,
        credential_id text,
        format text NOT NULL,
        bytes text NOT NULL,
        issuer text NOT NULL,
        achievement_id text,
        achievement_code text,
        achievement_name text,
        kind text NOT NULL,
        credits numeric,
        credit_framework text,
        eqf_level integer,
        field text,
        grade_scale text,
        grade_value text,
        completed_at timestamptz NOT NULL,
        contact_hours numeric,
        verification jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('active', 'revoked', 'expired', 'withdrawn')),
        deposited_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (account_id, digest)
      )`);
    // The recheck job walks active deposits by id.
    await db.query(`CREATE INDEX deposits_active ON deposits (id) WHERE state = 'active'`);
    // Decisions a proposal stored: a recognition the engine proposes (a registrar confirms, edits or
    // refuses it) or a refusal by the engine with its reason code. Every step is in decision_events.
    await db.query(`
      CREATE TABLE recognition_decisions (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES credit_accounts (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        policy_id uuid NOT NULL REFERENCES policies (id),
        policy_version integer NOT NULL,
        programme_id text NOT NULL,
        rule text,
        cardinality text,
        deposit_ids uuid[] NOT NULL,
        proposal jsonb,
        state text NOT NULL CHECK (state IN ('proposed', 'confirmed', 'edited', 'refused', 'refused-by-rule', 'withdrawn')),
        target jsonb,
        credits numeric,
        framework text,
        grade jsonb,
        reason_code text,
        reason text,
        decided_at timestamptz,
        appeal_deadline timestamptz,
        proposed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX recognition_decisions_account ON recognition_decisions (account_id, proposed_at)`);
    // A learner's dispute of a decision, decided by the majority of a panel of named reviewers: alliance
    // members other than the receiving institution, an odd number of at least three.
    await db.query(`
      CREATE TABLE recognition_disputes (
        id uuid PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES recognition_decisions (id),
        account_id uuid NOT NULL REFERENCES credit_accounts (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        statement text NOT NULL,
        reviewer_ids uuid[],
        state text NOT NULL CHECK (state IN ('open', 'upheld', 'dismissed')),
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX recognition_disputes_open ON recognition_disputes (decision_id) WHERE state = 'open'`);
    await db.query(`
      CREATE TABLE dispute_votes (
        dispute_id uuid NOT NULL REFERENCES recognition_disputes (id),
        reviewer_id uuid NOT NULL REFERENCES institutions (id),
        vote text NOT NULL CHECK (vote IN ('uphold', 'dismiss')),
        reason text NOT NULL,
        voted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (dispute_id, reviewer_id)
      )`);
    // The account's ledger: deposit, recognise, reverse, expire (a policy's recency, for a programme),
    // revoke-at-source. Balances are computed from it; nothing in it changes or goes away (the
    // trigger refuses, whatever writes), so every step stays on the record.
    await db.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES credit_accounts (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        kind text NOT NULL CHECK (kind IN ('deposit', 'recognise', 'reverse', 'expire', 'revoke-at-source')),
        deposit_id uuid REFERENCES deposits (id),
        decision_id uuid REFERENCES recognition_decisions (id),
        programme_id text,
        bucket text,
        target_achievement_id text,
        credits numeric NOT NULL DEFAULT 0,
        credit_framework text,
        term text,
        year text,
        by_source jsonb,
        deposit_ids uuid[],
        reason text,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (kind NOT IN ('recognise', 'reverse') OR (decision_id IS NOT NULL AND programme_id IS NOT NULL)),
        CHECK (kind NOT IN ('deposit', 'revoke-at-source', 'expire') OR deposit_id IS NOT NULL),
        CHECK (kind <> 'expire' OR programme_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id)`);
    // A decision is recognised at most once and reversed at most once; a deposit revoked and expired
    // for a programme at most once: the job may run on several instances at a time.
    await db.query(`CREATE UNIQUE INDEX ledger_entries_once ON ledger_entries (decision_id, kind) WHERE kind IN ('recognise', 'reverse')`);
    await db.query(`CREATE UNIQUE INDEX ledger_entries_revoked_once ON ledger_entries (deposit_id) WHERE kind = 'revoke-at-source'`);
    await db.query(`CREATE UNIQUE INDEX ledger_entries_expired_once ON ledger_entries (deposit_id, programme_id) WHERE kind = 'expire'`);
    await db.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the credit ledger is append-only: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await db.query(`
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`);
    // Every step of a decision and its disputes, in order: who did what, with what.
    await db.query(`
      CREATE TABLE decision_events (
        id bigserial PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES recognition_decisions (id),
        action text NOT NULL,
        actor text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX decision_events_decision ON decision_events (decision_id, id)`);
    await db.query(`
      CREATE TRIGGER decision_events_append_only BEFORE UPDATE OR DELETE ON decision_events
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE decision_events`);
    await db.query(`DROP TABLE ledger_entries`);
    await db.query(`DROP FUNCTION ledger_entries_append_only`);
    await db.query(`DROP TABLE dispute_votes`);
    await db.query(`DROP TABLE recognition_disputes`);
    await db.query(`DROP TABLE recognition_decisions`);
    await db.query(`DROP TABLE deposits`);
    await db.query(`DROP TABLE credit_account_identifiers`);
    await db.query(`DROP TABLE credit_accounts`);
    await db.query(`DROP TABLE credit_challenges`);
  }
}
