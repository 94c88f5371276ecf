import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { emptyDatabaseEachTest } from '../../../../../test/migrations.js';
import { Vcdm2Credentials1764000000008 } from './1764000000008-vcdm2-credentials.js';

// Credentials issued before VCDM 2.0 keep naming both 1-bit lists; a list set may gain a message list,
// and a credential of none of our kinds has no kind.

const databases = emptyDatabaseEachTest();

async function oldCredential(old: DataSource): Promise<string> {
  const institution = randomUUID();
  await old.query(
    `INSERT INTO institutions (id, name, url, did, slug) VALUES ($1, 'Old U', 'https://old.example', 'did:example:old', 'old-u')`,
    [institution],
  );
  await old.query(
    `INSERT INTO credential_statuses (credential_id, institution_id, list_number, status_index) VALUES ('urn:uuid:old', $1, 0, 7)`,
    [institution],
  );
  return institution;
}

describe('migration 1764000000008: VCDM 2.0 credentials', () => {
  it('keeps existing credentials on their two lists, and takes message lists and credentials of no kind', async () => {
    const old = await databases.open({ before: Vcdm2Credentials1764000000008 });
    const institution = await oldCredential(old);
    await old.destroy();

    const db = await databases.open({ through: Vcdm2Credentials1764000000008 });
    expect(await db.query(`SELECT status_entry FROM credential_statuses`)).toEqual([{ status_entry: 'two-lists' }]);
    await db.query(
      `INSERT INTO status_lists (id, institution_id, purpose, list_number, entries, bits, published_changes, version) VALUES ($1, $2, 'message', 0, 131072, $3, 0, 1)`,
      [randomUUID(), institution, Buffer.alloc(32768)],
    );
    await db.query(
      `INSERT INTO issued_credentials (id, institution_id, kind, issued_at, format, signed_bytes) VALUES ('urn:uuid:plain', $1, NULL, now(), 'ldp_vc', '{}')`,
      [institution],
    );
    await expect(
      db.query(
        `INSERT INTO credential_statuses (credential_id, institution_id, list_number, status_index) VALUES ('urn:uuid:new', $1, 0, 8)`,
        [institution],
      ),
    ).rejects.toThrow(/null value in column "status_entry"/);
    await expect(db.undoLastMigration({ transaction: 'each' })).rejects.toThrow('rows hold VCDM 2.0 status or credentials of no kind');
    await db.query(`DELETE FROM status_lists WHERE purpose = 'message'`);
    await db.query(`DELETE FROM issued_credentials WHERE kind IS NULL`);
    await db.undoLastMigration({ transaction: 'each' });
    expect(await db.query(`SELECT credential_id, status_index FROM credential_statuses`)).toEqual([
      { credential_id: 'urn:uuid:old', status_index: 7 },
    ]);
  });
});
