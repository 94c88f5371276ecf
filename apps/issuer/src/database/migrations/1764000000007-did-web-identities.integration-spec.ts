import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { emptyDatabaseEachTest } from '../../../../../test/migrations.js';
import { testIssuerConfig } from '../../../../../test/stack.js';
import { createIssuerApp } from '../../issuer.app.js';
import { DidWebIdentities1764000000007 } from './1764000000007-did-web-identities.js';

// Institutions created before did:web get a slug each (from their name, oldest first, never two
// alike), and, when the issuer next starts, their did:web keys and document.

const databases = emptyDatabaseEachTest();

const NAMES = ['Old University', 'Old University', 'Ünïversité de Genève', '!!!'];

async function oldInstitutions(old: DataSource): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of NAMES.entries()) {
    const id = randomUUID();
    ids.push(id);
    await old.query(`INSERT INTO institutions (id, name, url, did, created_at) VALUES ($1, $2, 'https://old.example', $3, $4)`, [
      id,
      name,
      `did:example:old-${i}`,
      new Date(Date.UTC(2026, 0, 1 + i)),
    ]);
  }
  return ids;
}

describe('migration 1764000000007: did:web identities', () => {
  it('gives every institution a unique slug from its name, oldest first', async () => {
    const old = await databases.open({ before: DidWebIdentities1764000000007 });
    const ids = await oldInstitutions(old);
    await old.destroy();

    const db = await databases.open({ through: DidWebIdentities1764000000007 });
    const rows: { id: string; slug: string }[] = await db.query(`SELECT id, slug FROM institutions`);
    expect(ids.map((id) => rows.find((row) => row.id === id)?.slug)).toEqual([
      'old-university',
      'old-university-2',
      'universite-de-geneve',
      'institution',
    ]);
    await expect(db.query(`UPDATE institutions SET slug = 'old-university' WHERE id = $1`, [ids[1]])).rejects.toThrow(
      /institutions_slug_key/,
    );
    await expect(db.query(`UPDATE institutions SET slug = 'Not/A/Slug' WHERE id = $1`, [ids[1]])).rejects.toThrow(
      /institutions_slug_check/,
    );
    await db.undoLastMigration({ transaction: 'each' });
    expect((await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'institutions'`)).length).toBe(6);
  });

  it('leaves the keys to the issuer, which makes them when it starts', async () => {
    const old = await databases.open({ before: DidWebIdentities1764000000007 });
    const [id] = await oldInstitutions(old);
    await old.destroy();

    const app = await createIssuerApp(testIssuerConfig(databases.url()));
    await app.init();
    try {
      const keys: { curve: string }[] = await app
        .get(DataSource)
        .query(`SELECT curve FROM institution_web_keys WHERE institution_id = $1 AND retired_at IS NULL ORDER BY curve`, [id]);
      expect(keys.map((key) => key.curve)).toEqual(['Ed25519', 'P-256']);
    } finally {
      await app.close();
    }
  });
});
