import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WalletOffers1764000000010 implements MigrationInterface {
  name = 'WalletOffers1764000000010';

  async up(db: QueryRunner): Promise<void> {
    // OpenID4VCI offers (pre-authorized code flow) of an issued credential to a learner's wallet. The
    // pre-authorized code and the optional tx_code are kept only as keyed hashes: the code is the
    // claim page's capability and a bearer secret, the tx_code a PIN the learner got by another
    // channel. Single use: `redeemed_at` once a token was handed out for the code, `delivered_*` once
    // the wallet received its credential. Wrong tx_codes are counted; past a few the offer is dead.
    await db.query(`
      CREATE TABLE wallet_offers (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        credential_id text NOT NULL REFERENCES issued_credentials (id),
        code_hash bytea NOT NULL UNIQUE,
        tx_code_hash bytea,
        tx_code_failures integer NOT NULL DEFAULT 0,
        configuration_ids text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz NOT NULL,
        redeemed_at timestamptz,
        delivered_credential_id text REFERENCES issued_credentials (id),
        delivered_at timestamptz
      )`);
    await db.query(`CREATE INDEX wallet_offers_institution ON wallet_offers (institution_id, created_at)`);
    // The c_nonces holder-binding proofs have used (minted ones are authenticated, not stored), kept
    // until they expire so that none is used twice; expired ones are swept as others are used.
    await db.query(`
      CREATE TABLE wallet_nonces (
        nonce text PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX wallet_nonces_expiry ON wallet_nonces (expires_at)`);
    // A credential delivered to a wallet is a new credential for the same achievement, derived from
    // the one the registrar issued: a status change of either applies to every one of the family.
    await db.query(`ALTER TABLE issued_credentials ADD COLUMN derived_from text REFERENCES issued_credentials (id)`);
    await db.query(`CREATE INDEX issued_credentials_derived_from ON issued_credentials (derived_from) WHERE derived_from IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE wallet_nonces`);
    await db.query(`DROP TABLE wallet_offers`);
    await db.query(`ALTER TABLE issued_credentials DROP COLUMN derived_from`);
  }
}
