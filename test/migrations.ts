import type { DataSource } from 'typeorm';
import { createIssuerDataSource, ISSUER_MIGRATIONS } from '../apps/issuer/src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from './database.js';

type Migration = (typeof ISSUER_MIGRATIONS)[number];

/**
 * The issuer's database at `url` migrated up to, not including, `before` (as a database deployed
 * before that migration), through `through`, or through every migration; the migrations run as at start-up.
 */
export async function openMigrated(url: string, stop: { before?: Migration; through?: Migration } = {}): Promise<DataSource> {
  const end = stop.before
    ? ISSUER_MIGRATIONS.indexOf(stop.before)
    : stop.through
      ? ISSUER_MIGRATIONS.indexOf(stop.through) + 1
      : ISSUER_MIGRATIONS.length;
  const dataSource = createIssuerDataSource(url, ISSUER_MIGRATIONS.slice(0, end));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** The names of a table's columns, sorted. */
export async function columnsOf(dataSource: DataSource, table: string): Promise<string[]> {
  const rows: { column_name: string }[] = await dataSource.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

/**
 * An empty database for each test of the calling file, dropped after it with every data source the
 * test opened on it through `open` (the migrations run to the stop given, as in `openMigrated`).
 */
export function emptyDatabaseEachTest(): { url(): string; open(stop?: { before?: Migration; through?: Migration }): Promise<DataSource> } {
  let database: TestDatabase | undefined;
  const opened: DataSource[] = [];
  beforeEach(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    for (const dataSource of opened.splice(0)) if (dataSource.isInitialized) await dataSource.destroy();
    await database?.drop();
  });
  return {
    url: () => database!.url,
    async open(stop = {}) {
      const dataSource = await openMigrated(database!.url, stop);
      opened.push(dataSource);
      return dataSource;
    },
  };
}
