import { DataSource } from 'typeorm';
import { PresentationState1765000000000 } from './migrations/1765000000000-presentation-state.js';

/** The verifier's migrations, in the order they run. */
export const VERIFIER_MIGRATIONS = [PresentationState1765000000000];

/**
 * The verifier's own tables (prefixed `verifier_`, with their own migrations table), so they may
 * live in a database of their own or beside the issuer's. SQL only in the repositories; nothing is
 * synchronised.
 */
export function createVerifierDataSource(databaseUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: VERIFIER_MIGRATIONS,
    migrationsTableName: 'verifier_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
  });
}

/** Any fixed number: the advisory lock that lets one starting instance migrate while the others wait. */
const MIGRATION_LOCK = 7_365_000_001;

/**
 * Connects and applies pending migrations; a migration that fails stops the start-up. Instances
 * starting together take turns, so none runs a migration another is running.
 */
export async function openVerifierDatabase(databaseUrl: string): Promise<DataSource> {
  const dataSource = createVerifierDataSource(databaseUrl);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
