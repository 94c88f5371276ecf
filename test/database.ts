import { createDatabase, databaseUrl, dropDatabase } from '#local-stack';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnvironment } from './test-environment.js';

export interface TestDatabase {
  url: string;
  /** A query as `pg` answers it, for tests that read or change what the service stored. */
  query(sql: string, parameters?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, cloned from the migrated template; empty with
 * `migrated: false`, for a test that migrates it step by step.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const { postgresServerUrl, templateDatabase } = testEnvironment();
  const name = `lc_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(postgresServerUrl, name, migrated ? { template: templateDatabase } : {});
  const url = databaseUrl(postgresServerUrl, name);
  // Opened at the first query: most files never read the database behind the service.
  let pool: pg.Pool | undefined;
  return {
    url,
    query: (sql, parameters = []) => (pool ??= new pg.Pool({ connectionString: url, max: 2 })).query(sql, parameters),
    async drop() {
      await pool?.end();
      await dropDatabase(postgresServerUrl, name);
    },
  };
}
