import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PresentationState1765000000000 implements MigrationInterface {
  name = 'PresentationState1765000000000';

  async up(db: QueryRunner): Promise<void> {
    // Challenges for POST /presentations/verify; `used_at` set once, by the first presentation.
    await db.query(`
      CREATE TABLE verifier_challenges (
        challenge text PRIMARY KEY,
        domain text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX verifier_challenges_expires_at ON verifier_challenges (expires_at)`);
    // A school's presentation request: `id` is the school's (its page and JSON), `transaction_id`
    // the wallet's (request object, response endpoint, VC-API exchange), so the QR code a school
    // shows never opens its result. `state` goes pending -> answered once, with the result.
    await db.query(`
      CREATE TABLE verifier_presentation_requests (
        id text PRIMARY KEY,
        transaction_id text NOT NULL UNIQUE,
        nonce text NOT NULL,
        query jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'answered')),
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        CHECK ((state = 'answered') = (result IS NOT NULL AND answered_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX verifier_presentation_requests_expires_at ON verifier_presentation_requests (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE verifier_presentation_requests`);
    await db.query(`DROP TABLE verifier_challenges`);
  }
}
