import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { columnsOf, emptyDatabaseEachTest } from '../../../../../test/migrations.js';
import { IssuedCredentialsRepository } from '../../credentials/issued-credentials.repository.js';
import { StatusListVersionsRepository } from '../../status-lists/status-list-versions.repository.js';
import { AnchorLeavesRepository } from '../../anchoring/anchor-leaves.repository.js';
import { SignedCredentialFormat1764000000006 } from './1764000000006-signed-credential-format.js';

// A database holding signed credentials as `jwt` columns: every one a VC-JWT. The migration keeps
// each one's bytes under `signed_bytes` with the format `vc-jwt`, and gives anchoring's leaves theirs.

const databases = emptyDatabaseEachTest();

const JWT = 'eyJhbGciOiJFUzI1NksifQ.eyJ2YyI6e319.c2lnbmF0dXJl';
const LIST_JWT = 'eyJhbGciOiJFUzI1NksifQ.eyJ2YyI6eyJsaXN0Ijp0cnVlfX0.c2lnbmF0dXJl';

/** A credential, a status list version and their leaves, as the previous schema held them. */
async function oldRows(old: DataSource): Promise<{ versionId: string; listId: string }> {
  const institution = randomUUID();
  const [listId, versionId] = [randomUUID(), randomUUID()];
  await old.query(`INSERT INTO institutions (id, name, url, did) VALUES ($1, 'Old U', 'https://old.example', 'did:example:old')`, [
    institution,
  ]);
  await old.query(
    `INSERT INTO issued_credentials (id, institution_id, kind, issued_at, jwt) VALUES ('urn:uuid:old', $1, 'credit', now(), $2)`,
    [institution, JWT],
  );
  await old.query(
    `INSERT INTO status_lists (id, institution_id, purpose, list_number, entries, bits, published_changes, version) VALUES ($1, $2, 'suspension', 0, 131072, $3, 0, 1)`,
    [listId, institution, Buffer.alloc(16384)],
  );
  await old.query(
    `INSERT INTO status_list_versions (id, list_id, version, jwt, signed_hash, published_at) VALUES ($1, $2, 1, $3, '0x01', now())`,
    [versionId, listId, LIST_JWT],
  );
  await old.query(
    `INSERT INTO anchor_leaves (source, source_id, signed_hash, created_at) VALUES ('credential', 'urn:uuid:old', '0x02', now()), ('status-list-version', $1, '0x01', now())`,
    [versionId],
  );
  return { versionId, listId };
}

describe('migration 1764000000006: a signed credential is a format and bytes', () => {
  it("keeps every signed credential's bytes as signed_bytes, in the format vc-jwt, and every leaf's format", async () => {
    const old = await databases.open({ before: SignedCredentialFormat1764000000006 });
    const { versionId, listId } = await oldRows(old);
    await old.destroy();

    const db = await databases.open();
    for (const table of ['issued_credentials', 'status_list_versions']) {
      expect(await columnsOf(db, table)).toEqual(expect.arrayContaining(['format', 'signed_bytes']));
      expect(await columnsOf(db, table)).not.toContain('jwt');
    }
    expect(await new IssuedCredentialsRepository(db).findPublic('urn:uuid:old')).toMatchObject({
      signed: { format: 'vc-jwt', bytes: JWT },
    });
    expect(await new StatusListVersionsRepository(db).latest(listId)).toMatchObject({
      id: versionId,
      signed: { format: 'vc-jwt', bytes: LIST_JWT },
    });
    expect(await db.query(`SELECT source, format FROM anchor_leaves ORDER BY id`)).toEqual([
      { source: 'credential', format: 'vc-jwt' },
      { source: 'status-list-version', format: 'vc-jwt' },
    ]);
    expect((await new AnchorLeavesRepository(db).pending(10)).map((leaf) => leaf.format)).toEqual(['vc-jwt', 'vc-jwt']);
    // No default is left behind: a new row must say its format.
    await expect(
      db.query(
        `INSERT INTO anchor_leaves (source, source_id, signed_hash, created_at) VALUES ('credential', 'urn:uuid:new', '0x03', now())`,
      ),
    ).rejects.toThrow(/null value in column "format"/);
    await expect(db.query(`UPDATE issued_credentials SET format = 'jwt'`)).rejects.toThrow(/issued_credentials_format_check/);
  });

  it('goes back to jwt columns when undone, and refuses to while a credential of another format is stored', async () => {
    const old = await databases.open({ before: SignedCredentialFormat1764000000006 });
    await oldRows(old);
    const before = await old.query(`SELECT * FROM issued_credentials`);
    await old.destroy();

    const db = await databases.open({ through: SignedCredentialFormat1764000000006 });
    await db.query(`UPDATE issued_credentials SET format = 'vc+jwt'`);
    await expect(db.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
      'issued_credentials holds 1 signed documents that are not VC-JWTs',
    );
    await db.query(`UPDATE issued_credentials SET format = 'vc-jwt'`);
    await db.undoLastMigration({ transaction: 'each' });
    expect(await db.query(`SELECT * FROM issued_credentials`)).toEqual(before);
    expect(await columnsOf(db, 'anchor_leaves')).not.toContain('format');
  });
});
