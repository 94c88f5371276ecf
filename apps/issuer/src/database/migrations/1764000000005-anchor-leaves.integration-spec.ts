import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { columnsOf, emptyDatabaseEachTest } from '../../../../../test/migrations.js';
import { AnchorLeavesRepository } from '../../anchoring/anchor-leaves.repository.js';
import { AnchorLeaves1764000000005 } from './1764000000005-anchor-leaves.js';

// A production database migrated before anchoring had a queue of its own: credentials and status
// list versions carrying their batch, leaf index and receipt. The migration must move every one of
// them into anchor_leaves, keep the order pending leaves are taken in, and drop the old columns.

const databases = emptyDatabaseEachTest();

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const receiptFor = (leaf: string, blockNumber: number) => ({ type: 'CredentialAnchorReceipt', version: 1, leaf, blockNumber });

/** Rows in the old shape: a confirmed batch holding a credential and a version, a built one, and two leaves still pending. */
async function oldRows(old: DataSource) {
  const institution = randomUUID();
  const [confirmed, built] = [randomUUID(), randomUUID()];
  const list = randomUUID();
  const [anchoredVersion, pendingVersion] = [randomUUID(), randomUUID()];
  await old.query(`INSERT INTO institutions (id, name, url, did) VALUES ($1, 'Old U', 'https://old.example', 'did:example:old')`, [
    institution,
  ]);
  for (const [id, status, block] of [
    [confirmed, 'confirmed', 40],
    [built, 'built', null],
  ] as const) {
    await old.query(
      `INSERT INTO anchor_batches (id, status, root, leaf_count, tree_dump, chain_id, contract, created_at, block_number, block_hash)
       VALUES ($1, $2, $3, 2, '{}', 31337, '0x0000000000000000000000000000000000000001', now(), $4, $5)`,
      [id, status, hash(900 + (block ?? 0)), block, block && hash(block)],
    );
  }
  const credential = async (
    id: string,
    issuedAt: string,
    signedHash: string,
    batch: string | null,
    index: number | null,
    receipt: object | null,
  ) =>
    old.query(
      `INSERT INTO issued_credentials (id, institution_id, kind, issued_at, jwt, signed_hash, state, batch_id, leaf_index, anchor_receipt)
       VALUES ($1, $2, 'course', $3, 'header.payload.signature', $4, $5, $6, $7, $8)`,
      [id, institution, issuedAt, signedHash, receipt ? 'anchored' : 'issued', batch, index, receipt && JSON.stringify(receipt)],
    );
  await old.query(
    `INSERT INTO status_lists (id, institution_id, purpose, list_number, entries, bits, published_changes, version) VALUES ($1, $2, 'revocation', 0, 131072, $3, 0, 2)`,
    [list, institution, Buffer.alloc(16384)],
  );
  const version = async (
    id: string,
    number: number,
    publishedAt: string,
    signedHash: string,
    batch: string | null,
    index: number | null,
    receipt: object | null,
  ) =>
    old.query(
      `INSERT INTO status_list_versions (id, list_id, version, jwt, signed_hash, published_at, batch_id, leaf_index, anchor_receipt)
       VALUES ($1, $2, $3, 'list.header.signature', $4, $5, $6, $7, $8)`,
      [id, list, number, signedHash, publishedAt, batch, index, receipt && JSON.stringify(receipt)],
    );
  await credential('urn:uuid:anchored', '2026-01-01T00:00:00Z', hash(1), confirmed, 0, receiptFor(hash(1), 40));
  await version(anchoredVersion, 1, '2026-01-01T00:00:01Z', hash(2), confirmed, 1, receiptFor(hash(2), 40));
  await credential('urn:uuid:in-built-batch', '2026-01-02T00:00:00Z', hash(3), built, 0, null);
  // Pending, and taken in this order: the version first, published before the credential was issued.
  await version(pendingVersion, 2, '2026-01-03T00:00:00Z', hash(4), null, null, null);
  await credential('urn:uuid:pending', '2026-01-03T00:00:01Z', hash(5), null, null, null);
  return { confirmed, built, anchoredVersion, pendingVersion };
}

describe('migration 1764000000005: anchoring gets its own queue of leaves', () => {
  it('moves every leaf, with its batch, index and receipt, into anchor_leaves, and drops the old columns', async () => {
    const old = await databases.open({ before: AnchorLeaves1764000000005 });
    const { confirmed, built, anchoredVersion, pendingVersion } = await oldRows(old);
    await old.destroy();

    const db = await databases.open();
    const leaves = await db.query(
      `SELECT source, source_id, signed_hash, created_at, batch_id, leaf_index, receipt FROM anchor_leaves ORDER BY id`,
    );
    expect(leaves).toEqual([
      {
        source: 'credential',
        source_id: 'urn:uuid:anchored',
        signed_hash: hash(1),
        created_at: new Date('2026-01-01T00:00:00Z'),
        batch_id: confirmed,
        leaf_index: 0,
        receipt: receiptFor(hash(1), 40),
      },
      {
        source: 'status-list-version',
        source_id: anchoredVersion,
        signed_hash: hash(2),
        created_at: new Date('2026-01-01T00:00:01Z'),
        batch_id: confirmed,
        leaf_index: 1,
        receipt: receiptFor(hash(2), 40),
      },
      {
        source: 'credential',
        source_id: 'urn:uuid:in-built-batch',
        signed_hash: hash(3),
        created_at: new Date('2026-01-02T00:00:00Z'),
        batch_id: built,
        leaf_index: 0,
        receipt: null,
      },
      {
        source: 'status-list-version',
        source_id: pendingVersion,
        signed_hash: hash(4),
        created_at: new Date('2026-01-03T00:00:00Z'),
        batch_id: null,
        leaf_index: null,
        receipt: null,
      },
      {
        source: 'credential',
        source_id: 'urn:uuid:pending',
        signed_hash: hash(5),
        created_at: new Date('2026-01-03T00:00:01Z'),
        batch_id: null,
        leaf_index: null,
        receipt: null,
      },
    ]);

    // The worker takes the pending ones in their old order; the anchored credential reads as anchored.
    const repository = new AnchorLeavesRepository(db);
    expect((await repository.pending(10)).map((leaf) => leaf.sourceId)).toEqual([pendingVersion, 'urn:uuid:pending']);
    expect([
      ...(await repository.receipts('credential', ['urn:uuid:anchored', 'urn:uuid:in-built-batch', 'urn:uuid:pending'])).keys(),
    ]).toEqual(['urn:uuid:anchored']);

    const anchoringColumns = ['anchor_receipt', 'batch_id', 'leaf_index'];
    for (const column of [...anchoringColumns, 'state', 'signed_hash'])
      expect(await columnsOf(db, 'issued_credentials')).not.toContain(column);
    for (const column of anchoringColumns) expect(await columnsOf(db, 'status_list_versions')).not.toContain(column);
  });

  it('moves them back when undone', async () => {
    const old = await databases.open({ before: AnchorLeaves1764000000005 });
    const { confirmed } = await oldRows(old);
    const before = await old.query(`SELECT * FROM issued_credentials ORDER BY id`);
    const versionsBefore = await old.query(`SELECT * FROM status_list_versions ORDER BY id`);
    await old.destroy();

    const db = await databases.open({ through: AnchorLeaves1764000000005 });
    await db.undoLastMigration({ transaction: 'each' });
    expect(await db.query(`SELECT * FROM issued_credentials ORDER BY id`)).toEqual(before);
    expect(await db.query(`SELECT * FROM status_list_versions ORDER BY id`)).toEqual(versionsBefore);
    expect(await db.query(`SELECT state FROM issued_credentials WHERE batch_id = $1`, [confirmed])).toEqual([{ state: 'anchored' }]);
    expect(await db.query(`SELECT to_regclass('anchor_leaves') AS leaves`)).toEqual([{ leaves: null }]);
  });
});
